package org.rclab.gil;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;

import org.rclab.object.RcInt;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Schemes;

/**
 * Measures how often the GIL changes hands between two CPU-bound threads in one second, for the
 * issue's closing note. Not a test: run it by hand after {@code mvn verify}:
 *
 * <pre>
 * java -cp lock-gil/target/test-classes:lock-gil/target/classes:runtime-core/target/classes \
 *     org.rclab.gil.HandoverMeasurement default 1
 * </pre>
 *
 * Each argument is a switch interval in milliseconds, or {@code default} for the runtime's
 * default. Each thread loops as an interpreter would: allocate an int, drop it, pass a
 * checkpoint. The hand-over count includes each thread's first take of the GIL.
 */
public final class HandoverMeasurement {
    private static final long RUN_NANOS = 1_000_000_000L;
    private static final int CLOCK_EVERY = 256;

    private HandoverMeasurement() {
    }

    /**
     * Runs one measurement per argument and prints one line each.
     *
     * @param args switch intervals in milliseconds, or {@code default}
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static void main(final String[] args) throws InterruptedException {
        for (final String interval : args.length == 0 ? new String[] {"default", "1"} : args) {
            measure(interval);
        }
    }

    private static void measure(final String interval) throws InterruptedException {
        final RcRuntime.Builder builder = RcRuntime.builder(Schemes.byName(GilScheme.NAME)).strictChecks(false);
        if (!"default".equals(interval)) {
            builder.option(SwitchInterval.OPTION, interval);
        }
        try (RcRuntime rt = builder.build()) {
            final AtomicLongArray steps = new AtomicLongArray(2);
            final CountDownLatch start = new CountDownLatch(1);
            final long deadline = System.nanoTime() + RUN_NANOS;
            final Thread[] threads = new Thread[2];
            for (int t = 0; t < 2; t++) {
                final int me = t;
                threads[t] = new Thread(() -> spin(rt, me, steps, start, deadline), "cpu-" + t);
                threads[t].start();
            }
            start.countDown();
            for (final Thread thread : threads) {
                thread.join();
            }
            System.out.printf("interval %s ms: handovers %d, forced drops %d, drop requests %d, "
                            + "steps %d + %d, wait total %.1f ms, max wait %.2f ms%n",
                    "default".equals(interval) ? SwitchInterval.DEFAULT_MILLIS + " (default)" : interval,
                    rt.metrics().value(GilMetrics.HANDOVERS), rt.metrics().value(GilMetrics.FORCED_DROPS),
                    rt.metrics().value(GilMetrics.DROP_REQUESTS), steps.get(0), steps.get(1),
                    rt.metrics().value(GilMetrics.WAIT_NANOS) / 1e6, rt.metrics().value(GilMetrics.MAX_WAIT_NANOS) / 1e6);
        }
    }

    private static void spin(final RcRuntime rt, final int me, final AtomicLongArray steps, final CountDownLatch start,
                             final long deadline) {
        try {
            start.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (RuntimeThread self = rt.attach()) {
            long i = 0;
            while (i % CLOCK_EVERY != 0 || System.nanoTime() < deadline) {
                final RcInt value = rt.newInt(1_000 + i++);
                rt.decref(value);
                self.checkpoint();
            }
            steps.set(me, i);
        }
    }
}
