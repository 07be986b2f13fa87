package org.rclab.bench.report;

import java.util.Collection;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.openjdk.jmh.results.BenchmarkResult;

/**
 * One fork's score from its measured iterations: their median, not JMH's mean.
 *
 * <p>Why: on this lab's KVM guests the host takes the CPU away in bursts. A bare plain pair that
 * runs at a stable 0.79 ns reads 1.2–12 ns for some 50 ms iterations and then returns to its floor
 * (idle machine, 8 forks × 20 iterations of 50 ms, 2026-11-30). A burst adds time to the iterations
 * it falls into and to nothing else, so a mean over a fork's iterations carries whichever bursts hit
 * that fork: in that measurement the per-fork mean ranged over 0.83–1.66 ns while the per-fork median
 * ranged over 0.79–1.20 ns. Many short iterations with a median keep a burst to the few iterations
 * it hit and leave it out of the score, as long as it hit fewer than half of them.
 *
 * <p>Why the median and not a lower quantile or the minimum, although a burst only ever adds time:
 * that holds for a bare single-thread path, not for every benchmark here. A two-thread or contended
 * benchmark (a shared count, a contended list, a convoy) varies from iteration to iteration by its
 * own nature, as threads meet or miss each other, and a lower quantile of it would pick its lucky
 * periods. The median is the middle of the fork's own distribution for every kind of benchmark and
 * is as far from the lucky iterations as from the unlucky ones.
 */
public final class ForkScore {
    private ForkScore() {
    }

    /**
     * The median of some iteration scores (the mean of the middle two for an even count).
     *
     * @param iterations the scores, in any order; not modified
     * @return their median
     * @throws IllegalArgumentException if there are none
     */
    public static double of(final double[] iterations) {
        if (iterations.length == 0) {
            throw new IllegalArgumentException("a fork's score needs at least one measured iteration");
        }
        return new Median().evaluate(iterations);
    }

    /**
     * The score of a fork's result: the median of its measured iterations' primary scores.
     *
     * @param forks JMH's per-fork results of one run (one fork in a bench run)
     * @return the median over every measured iteration they hold
     * @throws IllegalArgumentException if they hold no measured iteration
     */
    public static double of(final Collection<BenchmarkResult> forks) {
        return of(forks.stream().flatMap(f -> f.getIterationResults().stream())
                .mapToDouble(i -> i.getPrimaryResult().getScore()).toArray());
    }
}
