package org.rclab.bench.report;

/**
 * A target figure checked against one run.
 *
 * @param target the figure
 * @param estimate the ratio measured within each round, with its interval across rounds
 * @param verdict the outcome, from the interval ({@link Target#judge(Estimate)})
 * @param detail why it could not be measured, or empty
 */
public record TargetCheck(Target target, Estimate estimate, Verdict verdict, String detail) {
    /** The outcome of a check. */
    public enum Verdict {
        /** The whole interval meets the figure. */
        PASS("pass"),
        /** The whole interval misses the figure. */
        MISS("MISS"),
        /** The interval straddles the bound: this run cannot tell. */
        INCONCLUSIVE("inconclusive"),
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
