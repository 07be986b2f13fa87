package org.rclab.bench.report;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A positive quantity measured once per round (a time, or a ratio of two times taken in the same
 * round), summarised as a geometric mean with a 95% confidence interval across rounds.
 *
 * <p>The method: take logarithms of the per-round values, form Student's t interval for their
 * mean, and exponentiate. Why this one and not a bootstrap: the rounds are few (3 in a quick run,
 * 8 in a default one), and a percentile bootstrap of n values cannot reach outside their range,
 * so with n = 3 to 8 it covers the truth far less often than the 95% it claims; the t interval
 * widens with its n − 1 degrees of freedom exactly as small samples need. Why logarithms: times
 * and their ratios are positive and err multiplicatively (a fork whose JIT laid the loop out
 * badly is 1.5× slower, not 3 ns slower), and a ratio and its inverse then get intervals that are
 * inverses of each other. The assumption it rests on: the per-round log values are roughly
 * normal and independent; paired rounds (every scheme measured in every round, in a changing
 * order) are what makes them independent of slow drift of the machine.
 *
 * @param value the geometric mean of the per-round values
 * @param low the interval's lower end (NaN with fewer than two rounds)
 * @param high the interval's upper end (NaN with fewer than two rounds)
 * @param rounds how many rounds it rests on
 * @param confidence the interval's confidence level
 */
public record Estimate(double value, double low, double high, int rounds, double confidence) {
    /** The confidence level of an interval looked at once: every one in the report but the targets' of a run that looked twice. */
    public static final double CONFIDENCE = 0.95;

    /** The estimate of nothing: no round had both values. */
    public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN, 0, CONFIDENCE);

    /**
     * The confidence level at which each look at a verdict keeps the chance of a wrong verdict,
     * over all the looks, within what one look at {@link #CONFIDENCE} allows (Bonferroni: the
     * error split evenly between the looks).
     *
     * @param looks how many times the run looks at its targets' intervals, at least 1
     * @return e.g. 0.95 for one look, 0.975 for two
     */
    public static double confidenceOf(final int looks) {
        if (looks < 1) {
            throw new IllegalArgumentException("a run looks at its targets at least once, not " + looks);
        }
        return 1 - (1 - CONFIDENCE) / looks;
    }

    /**
     * Summarises per-round values at {@link #CONFIDENCE}.
     *
     * @param perRound one positive value per round
     * @return the geometric mean and its interval; {@link #NONE} for no values
     * @throws IllegalArgumentException if a value is not positive and finite
     */
    public static Estimate of(final double[] perRound) {
        return of(perRound, CONFIDENCE);
    }

    /**
     * Summarises per-round values.
     *
     * @param perRound one positive value per round
     * @param confidence the interval's confidence level
     * @return the geometric mean and its interval; {@link #NONE} for no values
     * @throws IllegalArgumentException if a value is not positive and finite
     */
    public static Estimate of(final double[] perRound, final double confidence) {
        final int n = perRound.length;
        if (n == 0) {
            return NONE;
        }
        double sum = 0;
        for (final double v : perRound) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("a per-round value must be positive and finite, got " + v);
            }
            sum += Math.log(v);
        }
        final double mean = sum / n;
        if (n < 2) {
            return new Estimate(Math.exp(mean), Double.NaN, Double.NaN, n, confidence);
        }
        final double standardError = Math.sqrt(variance(perRound, mean) / n);
        final double t = quantile(n - 1, confidence);
        return new Estimate(Math.exp(mean), Math.exp(mean - t * standardError), Math.exp(mean + t * standardError), n,
                confidence);
    }

    /**
     * How much one group of per-round values differs from another: the geometric mean of the
     * second over that of the first, with Welch's t interval for the difference of their mean logs
     * (each group keeps its own spread; the degrees of freedom are Welch–Satterthwaite's). An
     * interval that excludes 1 says the two groups measured different things.
     *
     * @param first one positive value per round of the first group
     * @param second one positive value per round of the second group
     * @param confidence the interval's confidence level
     * @return the ratio and its interval, resting on both groups' rounds; without an interval if
     *         either group has fewer than two values or neither varies
     * @throws IllegalArgumentException if a value is not positive and finite
     */
    public static Estimate change(final double[] first, final double[] second, final double confidence) {
        final Estimate a = of(first, confidence);
        final Estimate b = of(second, confidence);
        final double difference = Math.log(b.value) - Math.log(a.value);
        final int rounds = a.rounds + b.rounds;
        if (a.rounds < 2 || b.rounds < 2) {
            return new Estimate(Math.exp(difference), Double.NaN, Double.NaN, rounds, confidence);
        }
        final double va = variance(first, Math.log(a.value)) / a.rounds;
        final double vb = variance(second, Math.log(b.value)) / b.rounds;
        if (va + vb == 0) {
            return new Estimate(Math.exp(difference), Double.NaN, Double.NaN, rounds, confidence);
        }
        final double df = (va + vb) * (va + vb) / (va * va / (a.rounds - 1) + vb * vb / (b.rounds - 1));
        final double half = quantile(df, confidence) * Math.sqrt(va + vb);
        return new Estimate(Math.exp(difference), Math.exp(difference - half), Math.exp(difference + half), rounds,
                confidence);
    }

    /** The sample variance of the values' logarithms around a mean log. */
    private static double variance(final double[] values, final double meanLog) {
        double squares = 0;
        for (final double v : values) {
            final double d = Math.log(v) - meanLog;
            squares += d * d;
        }
        return squares / (values.length - 1);
    }

    /**
     * Whether there is an interval at all (two rounds or more).
     *
     * @return {@code true} if {@link #low()} and {@link #high()} are numbers
     */
    public boolean hasInterval() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** The most rounds {@link #roundsToClear(double)} looks for: beyond it a run is out of reach anyway. */
    public static final int MAX_ROUNDS = 100;

    /**
     * How many rounds a run like this one would need for its interval to lie wholly on one side of
     * a bound, if the geometric mean and the round-to-round spread stayed as measured: the
     * smallest n with t(n − 1) · s / √n below |log(value / bound)|, where s is the spread of the
     * per-round log values this interval was made from. It is a planning figure, not a promise:
     * the spread of a few rounds is itself uncertain, and a ratio at its bound needs every round
     * there is.
     *
     * @param bound the bound
     * @return the rounds; 0 without an interval or when the value is at the bound or more than
     *         {@link #MAX_ROUNDS} rounds would be needed
     */
    public int roundsToClear(final double bound) {
        if (!hasInterval() || rounds < 2 || !(bound > 0)) {
            return 0;
        }
        final double distance = Math.abs(Math.log(value / bound));
        final double halfWidth = Math.log(high / low) / 2;
        final double spread = halfWidth * Math.sqrt(rounds) / quantile(rounds - 1, confidence);
        for (int n = 2; n <= MAX_ROUNDS; n++) {
            if (quantile(n - 1, confidence) * spread / Math.sqrt(n) < distance) {
                return n;
            }
        }
        return 0;
    }

    /** Student's t quantile of a two-sided interval at a confidence level, for the given degrees of freedom. */
    private static double quantile(final double degreesOfFreedom, final double confidence) {
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(0.5 + confidence / 2);
    }

    /**
     * The interval's relative half-width on the log scale, {@code sqrt(high / low)}: 1.10 means
     * "within about ±10%".
     *
     * @return the factor, NaN without an interval
     */
    public double spreadFactor() {
        return hasInterval() ? Math.sqrt(high / low) : Double.NaN;
    }
}
