package org.rclab.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The seeds' GIL experiment as a Java loop on runtime ints: one countdown of {@value #STEPS} steps
 * done by one thread ({@code 1thread}), by two threads of one runtime doing half each
 * ({@code 2threads}), or by two runtimes with one thread each doing half ({@code 2runtimes}, the
 * stand-in for two processes); see {@link CountingThreads}. The score is nanoseconds per step of
 * the whole countdown (its wall time over {@value #STEPS}), so {@link InterpretedCountdown}'s
 * figure for the same program interpreted divides by it directly; the figures that matter here
 * are the ratios of the 2-way shapes to one thread: about 1 where a lock serialises the threads,
 * about 0.5 where they run in parallel on two cores.
 *
 * <p>Each step is a {@link CountdownStep}: allocate the next int, drop the old one, checkpoint.
 * What would make it lie: a machine with other busy processes (these are shared 2-core machines),
 * which slows the 2-way shapes more than one thread; compare ratios from one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation((int) Countdown.STEPS)
public class Countdown extends CountingThreads {
    /** Steps in one countdown, split evenly between the counting threads. */
    public static final long STEPS = 2_000_000;

    /**
     * One whole countdown: lets the counting threads go and waits until all have finished.
     *
     * @return the sum of the counters' final values, so the work has a consumed result
     * @throws Exception if a counting thread failed or did not finish in time
     */
    @Benchmark
    public long countdown() throws Exception {
        return countdownOnce();
    }

    @Override
    long steps() {
        return STEPS;
    }

    @Override
    Loop loop(final RcRuntime runtime, final RuntimeThread self) {
        final CountdownCalls calls = new CountdownCalls();
        return (thread, steps) -> calls.call(thread, steps);
    }
}
