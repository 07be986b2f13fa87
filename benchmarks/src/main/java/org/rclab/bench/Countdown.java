package org.rclab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The seeds' GIL experiment: the wall time of one countdown of {@value #STEPS} steps done by one
 * thread ({@code 1thread}), by two threads of one runtime doing half each ({@code 2threads}), and
 * by two runtimes with one thread each doing half ({@code 2runtimes}, the stand-in for two
 * processes). Milliseconds per countdown; the figures that matter are the ratios of the 2-way
 * shapes to one thread: about 1 where a lock serialises the threads, about 0.5 where they run in
 * parallel on two cores.
 *
 * <p>Each step is a {@link CountdownStep}: allocate the next int, drop the old one, checkpoint.
 * The counting threads are started and attached once per trial and wait, with the runtime
 * released, between countdowns; every shape, one thread included, is handed its work the same
 * way, so the hand-off cost (a few microseconds against tens of milliseconds) cancels in the
 * ratios. What would make it lie: a machine with other busy processes (these are shared 2-core
 * machines), which slows the 2-way shapes more than one thread; compare ratios from one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Countdown {
    /** Steps in one countdown, split evenly between the counting threads. */
    public static final long STEPS = 2_000_000;

    /** The scheme under test; filled at run time from the discovered schemes. */
    @Param({})
    public String scheme;

    /** Who counts: {@code 1thread}, {@code 2threads} (one runtime), {@code 2runtimes}. */
    @Param({"1thread", "2threads", "2runtimes"})
    public String shape;

    private final List<RcRuntime> runtimes = new ArrayList<>();
    private final List<Counter> counters = new ArrayList<>();
    private CyclicBarrier start;
    private CyclicBarrier finish;
    private volatile boolean stopping;

    /** Makes the runtimes and starts the counting threads, attached and idle. */
    @Setup(Level.Trial)
    public void open() {
        final int threads;
        final int runtimeCount;
        switch (shape) {
            case "1thread" -> {
                threads = 1;
                runtimeCount = 1;
            }
            case "2threads" -> {
                threads = 2;
                runtimeCount = 1;
            }
            case "2runtimes" -> {
                threads = 2;
                runtimeCount = 2;
            }
            default -> throw new IllegalArgumentException("unknown countdown shape '" + shape
                    + "' (shapes: 1thread, 2threads, 2runtimes)");
        }
        for (int i = 0; i < runtimeCount; i++) {
            runtimes.add(BenchRuntimes.open(scheme));
        }
        start = new CyclicBarrier(threads + 1);
        finish = new CyclicBarrier(threads + 1);
        for (int i = 0; i < threads; i++) {
            final Counter counter = new Counter(runtimes.get(i % runtimeCount), STEPS / threads, "counter-" + i);
            counters.add(counter);
            counter.thread.start();
        }
        for (final Counter counter : counters) {
            SideThread.await(counter.attached, counter.thread.getName() + " did not attach");
        }
    }

    /** Stops the counting threads and checks that every runtime freed everything. */
    @TearDown(Level.Trial)
    public void close() throws Exception {
        // The counters wait at the start barrier; passing it with the flag set lets them leave.
        // If one has died, the barrier can never fill: break it instead, so the others leave too.
        stopping = true;
        if (counters.stream().allMatch(c -> c.thread.isAlive())) {
            start.await(BenchRuntimes.HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } else {
            start.reset();
        }
        for (final Counter counter : counters) {
            counter.thread.join(TimeUnit.SECONDS.toMillis(BenchRuntimes.HELPER_TIMEOUT_SECONDS));
            if (counter.thread.isAlive()) {
                throw new IllegalStateException(counter.thread.getName() + " did not stop");
            }
            counter.rethrow();
        }
        for (final RcRuntime runtime : runtimes) {
            BenchRuntimes.closeWithoutLeaks(runtime);
        }
    }

    /**
     * One whole countdown: lets the counting threads go and waits until all have finished.
     *
     * @return the sum of the counters' final values, so the work has a consumed result
     * @throws Exception if a counting thread failed or did not finish in time
     */
    @Benchmark
    public long countdown() throws Exception {
        try {
            start.await(BenchRuntimes.HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            finish.await(BenchRuntimes.HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final BrokenBarrierException | TimeoutException e) {
            for (final Counter counter : counters) {
                counter.rethrow();
            }
            throw new IllegalStateException("a counting thread did not finish its countdown", e);
        }
        long sum = 0;
        for (final Counter counter : counters) {
            sum += counter.result;
        }
        return sum;
    }

    /** A counting thread: attached for the whole trial, holding its runtime only while counting. */
    private final class Counter {
        private final RcRuntime runtime;
        private final long steps;
        private final Thread thread;
        private final CountDownLatch attached = new CountDownLatch(1);
        private volatile long result;
        private volatile Throwable failure;

        Counter(final RcRuntime runtime, final long steps, final String name) {
            this.runtime = runtime;
            this.steps = steps;
            this.thread = new Thread(this::run, name);
            this.thread.setDaemon(true);
        }

        private void run() {
            // Made here, in this thread's allocation buffer: two steppers made side by side by the
            // JMH thread would share a cache line, and their per-step frame-slot stores would
            // bounce it between the cores (false sharing), slowing exactly the 2-way shapes.
            final CountdownStep loop = new CountdownStep();
            try (RuntimeThread self = runtime.attach()) {
                // Idle threads stay released: under a GIL an idle holder would stall the others.
                self.release();
                attached.countDown();
                while (awaitStart()) {
                    self.reacquire();
                    try {
                        result = loop.run(runtime, self, steps);
                    } finally {
                        self.release();
                    }
                    finish.await();
                }
                self.reacquire();
            } catch (final Throwable t) {
                failure = t;
                finish.reset();
            } finally {
                attached.countDown();
            }
        }

        private boolean awaitStart() throws InterruptedException, BrokenBarrierException {
            start.await();
            return !stopping;
        }

        void rethrow() {
            final Throwable t = failure;
            if (t != null) {
                throw new IllegalStateException(thread.getName() + " failed: " + t, t);
            }
        }
    }
}
