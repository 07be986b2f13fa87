package org.rclab.bench.report;

/**
 * A target figure checked against one run.
 *
 * @param target the figure
 * @param value the measured ratio, NaN if it could not be measured
 * @param verdict the outcome
 * @param detail why it could not be measured, or empty
 */
public record TargetCheck(Target target, double value, Verdict verdict, String detail) {
    /** The outcome of a check. */
    public enum Verdict {
        /** The ratio meets the figure. */
        PASS("pass"),
        /** The ratio misses the figure. */
        MISS("MISS"),
        /** A measurement the figure needs did not run. */
        NOT_RUN("not run"),
        /** A reference figure: shown, not judged. */
        INFO("reference");

        private final String word;

        Verdict(final String word) {
            this.word = word;
        }

        /**
         * The word the report prints.
         *
         * @return the word
         */
        public String word() {
            return word;
        }
    }
}
