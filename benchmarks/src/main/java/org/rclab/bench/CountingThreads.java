package org.rclab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.rclab.bench.report.InTurn;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The harness of the countdown benchmarks (the Java loop, {@link Countdown}, and the interpreted
 * program, {@link InterpretedCountdown}): the counting threads of a shape, started and attached
 * once per trial, waiting with their runtime released between countdowns, and let go together for
 * each measured countdown. Shapes: {@code 1thread}; {@code 2threads}, two threads of one runtime
 * counting half each; {@code 2runtimes}, two runtimes with one thread each counting half (the
 * stand-in for two processes). Every shape, one thread included, is handed its work the same way,
 * so the hand-off (a few microseconds against tens of milliseconds) cancels in the ratios.
 */
abstract class CountingThreads {
    /** One countdown as a counting thread runs it. */
    interface Loop {
        /**
         * Counts down.
         *
         * @param self the calling thread's attachment, holding the runtime
         * @param steps how many steps
         * @return a result for the benchmark to consume
         */
        long run(RuntimeThread self, long steps);
    }

    private final List<RcRuntime> runtimes = new ArrayList<>();
    private final List<Counter> counters = new ArrayList<>();
    private CyclicBarrier start;
    private CyclicBarrier finish;
    private volatile boolean stopping;
    private String scheme;
    private long steps;
    private boolean inTurn;
    private int warmups;
    private int measurements;

    /**
     * Makes the loop one counting thread runs; called on that thread, attached, holding the
     * runtime, so whatever the loop allocates sits in that thread's allocation buffer.
     *
     * @param runtime the thread's runtime
     * @param self the thread's attachment
     * @return the loop
     */
    abstract Loop loop(RcRuntime runtime, RuntimeThread self);

    /**
     * Called once the runtimes exist and before any counting thread starts.
     *
     * @param opened the runtimes, one per runtime of the shape
     */
    void opened(final List<RcRuntime> opened) {
    }

    /**
     * Called after the counting threads have stopped and before the runtimes are checked for leaks.
     *
     * @param opened the runtimes
     */
    void closing(final List<RcRuntime> opened) {
    }

    /**
     * The trial's set-up: a fixed shape is opened once for the whole trial; shapes run
     * {@linkplain InTurn in turn} are opened by each iteration instead ({@link #openIteration}).
     *
     * @param scheme the scheme
     * @param shape {@code 1thread}, {@code 2threads}, {@code 2runtimes}, or {@link InTurn#VALUE}
     * @param steps the steps of one whole countdown, split evenly between the threads
     */
    final void openTrial(final String scheme, final String shape, final long steps) {
        this.scheme = scheme;
        this.steps = steps;
        inTurn = InTurn.VALUE.equals(shape);
        if (!inTurn) {
            open(shape);
        }
    }

    /**
     * An iteration's set-up: with shapes in turn, opens the shape this iteration measures, so
     * that only its runtimes and counting threads exist while it runs (an idle shape's runtimes
     * could keep threads of their own busy). The JIT's code is the fork's, shared by every shape.
     *
     * @param iteration JMH's description of the iteration: warm-up or measurement
     */
    final void openIteration(final IterationParams iteration) {
        if (inTurn) {
            final boolean warmup = iteration.getType() == IterationType.WARMUP;
            open(InTurn.shapeOf(warmup ? warmups++ : measurements++));
        }
    }

    /**
     * An iteration's tear-down: with shapes in turn, closes the iteration's shape.
     *
     * @throws Exception if a counting thread failed or did not stop, or an object was left alive
     */
    final void closeIteration() throws Exception {
        if (inTurn) {
            close();
        }
    }

    /**
     * The trial's tear-down: closes a fixed shape.
     *
     * @throws Exception if a counting thread failed or did not stop, or an object was left alive
     */
    final void closeTrial() throws Exception {
        if (!inTurn) {
            close();
        }
    }

    /** Makes the runtimes of a shape and starts its counting threads, attached and idle. */
    private void open(final String shape) {
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
        opened(List.copyOf(runtimes));
        start = new CyclicBarrier(threads + 1);
        finish = new CyclicBarrier(threads + 1);
        for (int i = 0; i < threads; i++) {
            final Counter counter = new Counter(runtimes.get(i % runtimeCount), steps / threads, "counter-" + i);
            counters.add(counter);
            counter.thread.start();
        }
        for (final Counter counter : counters) {
            SideThread.await(counter.attached, counter.thread.getName() + " did not attach");
        }
        for (final Counter counter : counters) {
            counter.rethrow();
        }
    }

    /** Stops the counting threads, checks that every runtime freed everything, and forgets them. */
    private void close() throws Exception {
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
        closing(List.copyOf(runtimes));
        for (final RcRuntime runtime : runtimes) {
            BenchRuntimes.closeWithoutLeaks(runtime);
        }
        runtimes.clear();
        counters.clear();
        stopping = false;
    }

    /**
     * One whole countdown: lets the counting threads go and waits until all have finished.
     *
     * @return the sum of the counters' results, so the work has a consumed result
     * @throws Exception if a counting thread failed or did not finish in time
     */
    final long countdownOnce() throws Exception {
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
            try (RuntimeThread self = runtime.attach()) {
                // Made here, in this thread's allocation buffer: two loops made side by side by the
                // JMH thread would share a cache line, and their per-step stores would bounce it
                // between the cores (false sharing), slowing exactly the 2-way shapes.
                final Loop loop = loop(runtime, self);
                // Idle threads stay released: under a GIL an idle holder would stall the others.
                self.release();
                attached.countDown();
                while (awaitStart()) {
                    self.reacquire();
                    try {
                        result = loop.run(self, steps);
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
