package org.rclab.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long the bench command measures: how many paired rounds, and per fork how JMH warms up and
 * measures. Every round gives every scheme one fork (one JVM) of every benchmark, so a ratio can
 * be taken within a round and its spread seen across rounds; the number of rounds, not the length
 * of a fork, is what narrows an interval, since forks of one benchmark differ from each other
 * (each JVM compiles its own way) by more than iterations within a fork do.
 */
enum RunSettings {
    /**
     * The default: enough rounds for a verdict on every target on an idle 2-core machine, in
     * under 30 minutes for the shipped schemes (see benchmarks/README.md for the arithmetic).
     */
    FULL(9, 2, 600, 4, 250, 10_000_000, 200, 3),
    /**
     * {@code --quick}: three rounds of short forks, under six minutes for the shipped schemes on an
     * idle machine. The warm-up is about what the countdown loop needs to reach C2 code.
     */
    QUICK(3, 1, 700, 2, 150, 5_000_000, 100, 1),
    /** {@code --smoke}: two rounds of one short iteration, to prove the rounds and the report work. */
    SMOKE(2, 0, 0, 1, 100, 200_000, 10, 1);

    /** Heap of each forked JVM: fixed, so that heap sizing does not differ between forks. */
    static final String FORK_HEAP = "2g";

    private final int rounds;
    private final int warmupIterations;
    private final int warmupMillis;
    private final int iterations;
    private final int iterationMillis;
    private final long pythonSteps;
    private final int pythonCalls;
    private final int pythonReps;

    RunSettings(final int rounds, final int warmupIterations, final int warmupMillis, final int iterations,
                final int iterationMillis, final long pythonSteps, final int pythonCalls, final int pythonReps) {
        this.rounds = rounds;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.iterations = iterations;
        this.iterationMillis = iterationMillis;
        this.pythonSteps = pythonSteps;
        this.pythonCalls = pythonCalls;
        this.pythonReps = pythonReps;
    }

    /**
     * How many paired rounds.
     *
     * @return the rounds
     */
    int rounds() {
        return rounds;
    }

    /**
     * The CPython script's arguments for these settings.
     *
     * @return {@code --steps N --calls N --reps N}
     */
    String[] pythonArgs() {
        return new String[] {"--steps", Long.toString(pythonSteps), "--calls", Integer.toString(pythonCalls),
                "--reps", Integer.toString(pythonReps)};
    }

    /**
     * Applies one fork's settings to a JMH options builder.
     *
     * @param options the builder
     * @return the builder
     */
    ChainedOptionsBuilder apply(final ChainedOptionsBuilder options) {
        options.forks(1).warmupIterations(warmupIterations).measurementIterations(iterations)
                .measurementTime(new TimeValue(iterationMillis, TimeUnit.MILLISECONDS))
                .jvmArgsAppend("-Xms" + FORK_HEAP, "-Xmx" + FORK_HEAP);
        if (warmupIterations > 0) {
            options.warmupTime(new TimeValue(warmupMillis, TimeUnit.MILLISECONDS));
        }
        return options;
    }

    /**
     * The settings in words, for the report.
     *
     * @return e.g. {@code quick: 3 rounds; per fork warm-up 1 × 1000 ms, measurement 2 × 250 ms}
     */
    String describe() {
        return String.format(Locale.ROOT, "%s: %d rounds of one fork per benchmark and scheme; per fork warm-up %s, "
                        + "measurement %d × %d ms; CPython: countdown of %,d steps, %d calls, median of %d",
                name().toLowerCase(Locale.ROOT), rounds,
                warmupIterations == 0 ? "none" : warmupIterations + " × " + warmupMillis + " ms",
                iterations, iterationMillis, pythonSteps, pythonCalls, pythonReps);
    }
}
