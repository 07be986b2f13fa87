package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class EstimateTest {
    /** Student's t, 97.5% quantile, from printed tables. */
    private static final double T_1 = 12.7062;
    private static final double T_4 = 2.7764;

    @Test
    void twoRoundsGiveTheGeometricMeanAndTheTIntervalWithOneDegreeOfFreedom() {
        // logs ln 2 and 3 ln 2: mean 2 ln 2, standard error ln 2.
        final Estimate e = Estimate.of(new double[] {2, 8});
        assertEquals(4, e.value(), 1e-12);
        assertEquals(4 * Math.pow(2, -T_1), e.low(), 4 * Math.pow(2, -T_1) * 1e-4);
        assertEquals(4 * Math.pow(2, T_1), e.high(), 4 * Math.pow(2, T_1) * 1e-4);
        assertEquals(2, e.rounds());
    }

    @Test
    void fiveRoundsMatchTheHandComputedInterval() {
        // logs 0, ±0.1, ±0.2: mean 0, s² = 0.1 / 4, standard error sqrt(0.025 / 5).
        final Estimate e = Estimate.of(new double[] {1, Math.exp(0.1), Math.exp(-0.1), Math.exp(0.2), Math.exp(-0.2)});
        final double half = T_4 * Math.sqrt(0.025 / 5);
        assertEquals(1, e.value(), 1e-12);
        assertEquals(Math.exp(-half), e.low(), 1e-4);
        assertEquals(Math.exp(half), e.high(), 1e-4);
        assertEquals(Math.exp(half), e.spreadFactor(), 1e-4);
    }

    @Test
    void roundsToClearABoundFollowFromTheMeasuredSpreadAndTheDistanceToTheBound() {
        // logs ±0.1 alternating: mean 0, s = sqrt(0.04 / 3) = 0.11547. Against 1.1 (distance ln 1.1 =
        // 0.09531) n must satisfy t(n-1) / sqrt(n) < 0.8254: n = 8 gives 2.3646 / 2.8284 = 0.836 (not
        // yet), n = 9 gives 2.3060 / 3 = 0.769.
        final Estimate e = Estimate.of(new double[] {Math.exp(0.1), Math.exp(-0.1), Math.exp(0.1), Math.exp(-0.1)});
        assertEquals(9, e.roundsToClear(1.1));
        assertEquals(9, e.roundsToClear(1 / 1.1), "the same distance below");
        assertEquals(0, e.roundsToClear(1.0), "a value at its bound is never cleared");
        assertEquals(0, e.roundsToClear(1.001), "nor within reach of 100 rounds");
        assertEquals(0, Estimate.of(new double[] {1.2}).roundsToClear(1.1), "one round has no spread to plan from");
    }

    @Test
    void theChangeBetweenTwoGroupsMatchesTheHandComputedWelchInterval() {
        // logs {0, 0.2} and {1.0, 1.2}: means 0.1 and 1.1, each s² = 0.02, so squared standard errors
        // 0.01 + 0.01 and Welch's degrees of freedom 0.0004 / (0.0001 + 0.0001) = 2; t(2) = 4.302653.
        final Estimate e = Estimate.change(new double[] {1, Math.exp(0.2)}, new double[] {Math.exp(1.0), Math.exp(1.2)},
                0.95);
        final double half = 4.302653 * Math.sqrt(0.02);
        assertEquals(Math.exp(1.0), e.value(), 1e-9);
        assertEquals(Math.exp(1.0 - half), e.low(), 1e-5);
        assertEquals(Math.exp(1.0 + half), e.high(), 1e-5);
        assertEquals(4, e.rounds());
        assertFalse(Estimate.change(new double[] {1}, new double[] {2, 3}, 0.95).hasInterval(), "one round: no spread");
    }

    @Test
    void identicalRoundsGiveAnIntervalOfZeroWidth() {
        final Estimate e = Estimate.of(new double[] {1.5, 1.5, 1.5});
        assertEquals(1.5, e.low(), 1e-12);
        assertEquals(1.5, e.high(), 1e-12);
    }

    @Test
    void oneRoundHasNoIntervalAndNoRoundsHaveNoValue() {
        final Estimate one = Estimate.of(new double[] {3});
        assertEquals(3, one.value(), 1e-12);
        assertFalse(one.hasInterval());
        assertEquals(0, Estimate.of(new double[0]).rounds());
    }

    @Test
    void coversTheTrueRatioAboutNinetyFivePercentOfTheTimeWithFiveRounds() {
        // Log-normal per-round ratios with a known geometric mean: the interval must contain it
        // in about 95% of samples (a percentile bootstrap of 5 values covers about 84%).
        final double truth = 1.3;
        final Random random = new Random(12);
        final int samples = 4000;
        int covered = 0;
        for (int s = 0; s < samples; s++) {
            final double[] rounds = new double[5];
            for (int i = 0; i < rounds.length; i++) {
                rounds[i] = truth * Math.exp(0.25 * random.nextGaussian());
            }
            final Estimate e = Estimate.of(rounds);
            if (e.low() <= truth && truth <= e.high()) {
                covered++;
            }
        }
        final double coverage = covered / (double) samples;
        assertTrue(coverage > 0.935 && coverage < 0.965, "coverage " + coverage);
    }

    @Test
    void rejectsValuesThatAreNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> Estimate.of(new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> Estimate.of(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Estimate.of(new double[] {1, Double.POSITIVE_INFINITY}));
    }
}
