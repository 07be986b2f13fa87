package org.rclab.gilticks;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;

import org.rclab.object.RcInt;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Schemes;

/**
 * Every metric of a scheme per second while two CPU-bound threads share one runtime: the
 * hand-overs and failed wake-ups the benchmark report cannot show yet. Not a test; it uses only
 * {@code runtime-core}'s public API, so it measures any scheme on the class path. Run it by hand
 * after {@code mvn -B package -DskipTests}:
 *
 * <pre>
 * java -cp lock-gil-ticks/target/test-classes:lock-gil-ticks/target/classes:lock-gil/target/classes:runtime-core/target/classes \
 *     org.rclab.gilticks.MetricsPerSecond 2 gil gil-ticks
 * </pre>
 *
 * The first argument is the run time in seconds, the rest are scheme names. Each thread loops
 * as the {@code countdown} benchmark's step does (allocate an int, drop it, pass a checkpoint)
 * until the time is up; strict checks are off, as in the benchmarks. Counts include each
 * thread's first take of the lock; the steps show how the work was shared.
 */
public final class MetricsPerSecond {
    private static final int CLOCK_EVERY = 256;

    private MetricsPerSecond() {
    }

    /**
     * Measures each named scheme in turn and prints one line per scheme.
     *
     * @param args the run time in seconds, then scheme names
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static void main(final String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: MetricsPerSecond SECONDS SCHEME...");
            System.exit(2);
        }
        final double seconds = Double.parseDouble(args[0]);
        for (int i = 1; i < args.length; i++) {
            measure(args[i], (long) (seconds * 1e9));
        }
    }

    private static void measure(final String scheme, final long runNanos) throws InterruptedException {
        try (RcRuntime rt = RcRuntime.builder(Schemes.byName(scheme)).strictChecks(false).build()) {
            final AtomicLongArray steps = new AtomicLongArray(2);
            final CountDownLatch start = new CountDownLatch(1);
            final long begin = System.nanoTime();
            final long deadline = begin + runNanos;
            final Thread[] threads = new Thread[2];
            for (int t = 0; t < 2; t++) {
                final int me = t;
                threads[t] = new Thread(() -> spin(rt, me, steps, start, deadline), scheme + "-cpu-" + t);
                threads[t].start();
            }
            start.countDown();
            for (final Thread thread : threads) {
                thread.join();
            }
            final double elapsed = (System.nanoTime() - begin) / 1e9;
            final StringBuilder line = new StringBuilder(String.format("%s: %.2f s, steps %d + %d;", scheme, elapsed,
                    steps.get(0), steps.get(1)));
            for (final Map.Entry<String, Long> metric : rt.metrics().snapshot().entrySet()) {
                if (metric.getKey().startsWith(scheme + ".max-")) {
                    line.append(String.format(" %s %d", metric.getKey(), metric.getValue()));
                } else {
                    line.append(String.format(" %s %.0f/s", metric.getKey(), metric.getValue() / elapsed));
                }
            }
            System.out.println(line);
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
