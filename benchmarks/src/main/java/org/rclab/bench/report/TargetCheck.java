package org.rclab.bench.report;

/**
 * A target figure checked against one run.
 *
 * @param target the figure
 * @param estimate the ratio measured within each round, with its interval across rounds
 * @param verdict the outcome, from the interval ({@link Target#judge(Estimate)}), or {@code inconclusive} when the
 *                company changed it
 * @param detail why it could not be measured, or empty
 * @param companyChanged whether its rounds measured two conditions: forks that kept different company gave
 *                       ratios that differ, so the verdict is {@code inconclusive} whatever the pooled interval says
 */
public record TargetCheck(Target target, Estimate estimate, Verdict verdict, String detail, boolean companyChanged) {
    /**
     * A check whose rounds all measured one condition.
     *
     * @param target the figure
     * @param estimate the ratio and its interval
     * @param verdict the outcome
     * @param detail why it could not be measured, or empty
     */
    public TargetCheck(final Target target, final Estimate estimate, final Verdict verdict, final String detail) {
        this(target, estimate, verdict, detail, false);
    }
    /**
     * For an {@code inconclusive} verdict, how many rounds would settle it at this run's ratio and
     * spread ({@link Estimate#roundsToClear(double)}, against the nearer bound of a range).
     *
     * @return the rounds; 0 when the verdict is not inconclusive or no run within
     *         {@link Estimate#MAX_ROUNDS} rounds would settle it
     */
    public int roundsToSettle() {
        if (verdict != Verdict.INCONCLUSIVE || companyChanged) {
            return 0;
        }
        int most = 0;
        for (final double bound : target.bounds()) {
            final boolean straddled = estimate.low() <= bound && bound <= estimate.high();
            if (straddled) {
                final int n = estimate.roundsToClear(bound);
                if (n == 0) {
                    return 0;
                }
                most = Math.max(most, n);
            }
        }
        return most;
    }

    /**
     * The verdict as the report prints it: an {@code inconclusive} one says how many rounds would
     * settle it at this run's spread, or that none within reach would.
     *
     * @return e.g. {@code pass}, {@code inconclusive (about 40 rounds would settle it)}
     */
    public String verdictText() {
        if (companyChanged) {
            return verdict.word() + " (its fork's company changes it: see the reference column)";
        }
        if (verdict != Verdict.INCONCLUSIVE || !estimate.hasInterval()) {
            return verdict.word();
        }
        final int n = roundsToSettle();
        return n == 0 ? verdict.word() + " (at this spread, not within " + Estimate.MAX_ROUNDS + " rounds)"
                : verdict.word() + " (about " + n + " rounds would settle it)";
    }

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
