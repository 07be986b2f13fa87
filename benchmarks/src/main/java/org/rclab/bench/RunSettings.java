package org.rclab.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long JMH measures. Every setting forks (at least one JVM per benchmark and scheme): each
 * scheme is compiled in a JVM of its own, and a smoke run proves that forked JVMs find the
 * schemes on their class path.
 */
enum RunSettings {
    /** The default: two forks, enough iterations for an error bar. */
    FULL(2, 3, 1000, 5, 1000),
    /**
     * {@code --quick}: every benchmark and scheme within about five minutes on two cores. Two
     * seconds of warm-up: the countdown loop reaches C2 code only after about 1.5 s on a busy machine.
     */
    QUICK(1, 2, 1000, 3, 500),
    /** {@code --smoke}: one short measured iteration, to prove the harness works, not to measure. */
    SMOKE(1, 0, 0, 1, 200);

    /** Heap of each forked JVM: fixed, so that heap sizing does not differ between forks. */
    static final String FORK_HEAP = "2g";

    private final int forks;
    private final int warmupIterations;
    private final int warmupMillis;
    private final int iterations;
    private final int iterationMillis;

    RunSettings(final int forks, final int warmupIterations, final int warmupMillis, final int iterations,
                final int iterationMillis) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.iterations = iterations;
        this.iterationMillis = iterationMillis;
    }

    /**
     * Applies the settings to a JMH options builder.
     *
     * @param options the builder
     * @return the builder
     */
    ChainedOptionsBuilder apply(final ChainedOptionsBuilder options) {
        options.forks(forks).warmupIterations(warmupIterations).measurementIterations(iterations)
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
     * @return e.g. {@code 1 fork; warm-up 1 × 1000 ms; measurement 3 × 500 ms}
     */
    String describe() {
        return String.format(Locale.ROOT, "%s settings: %d fork%s; warm-up %s; measurement %d × %d ms",
                name().toLowerCase(Locale.ROOT), forks, forks == 1 ? "" : "s",
                warmupIterations == 0 ? "none" : warmupIterations + " × " + warmupMillis + " ms",
                iterations, iterationMillis);
    }
}
