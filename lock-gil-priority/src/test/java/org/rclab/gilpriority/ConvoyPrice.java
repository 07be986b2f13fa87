package org.rclab.gilpriority;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Schemes;

/**
 * The convoy and what curing it costs the CPU-bound thread, for any schemes by name. Not a test
 * and not a JMH benchmark: the {@code ioConvoy} benchmark gives the I/O thread's latency but not
 * its CPU-bound neighbour's throughput, and its class is not this module's to change. Run by
 * hand after {@code mvn -B package} (other schemes' modules on the class path as needed):
 *
 * <pre>
 * java -cp lock-gil-priority/target/test-classes:lock-gil-priority/target/classes:lock-gil/target/classes:runtime-core/target/classes \
 *     org.rclab.gilpriority.ConvoyPrice unsafe gil gil-priority
 * </pre>
 *
 * <p>Per scheme, at a 5 ms switch interval, with strict checks off (as in the benchmarks): the
 * time per 1 ms blocking call (a park to a deadline, as {@code ioConvoy} makes it, then a little
 * object work and a checkpoint) alone and next to a CPU-bound thread, and that thread's steps
 * (allocate an int, drop it, checkpoint) per millisecond during the convoy, also as a fraction
 * of the first scheme named: name {@code unsafe} first, whose CPU thread pays nothing for the
 * I/O thread, and the fraction is each lock's price. The schemes run in alternating rounds and
 * each figure is the median over the rounds; a first round warms the JIT and is not counted.
 *
 * <p>Why no "CPU thread alone" figure: on this project's shared 2-vCPU machines the CPU thread's
 * rate in a window where the main thread sleeps came out about half its rate during the convoy
 * under every scheme, {@code unsafe} included, so such a window measures the host, not the lock.
 */
public final class ConvoyPrice {
    private static final int ROUNDS = 7;
    private static final int CALLS = 200;
    private static final long BLOCKING_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String INTERVAL_MILLIS = "5";
    /** Steps between two publications of the CPU thread's progress. */
    private static final int PUBLISH_EVERY = 256;

    private ConvoyPrice() {
    }

    /**
     * Measures each scheme named and prints one line each.
     *
     * @param args scheme names, the reference first; {@code unsafe gil gil-priority} if none
     * @throws Exception if a thread fails
     */
    public static void main(final String[] args) throws Exception {
        final String[] schemes = args.length == 0 ? new String[] {"unsafe", "gil", "gil-priority"} : args;
        final List<List<double[]>> rounds = new ArrayList<>();
        for (int s = 0; s < schemes.length; s++) {
            rounds.add(new ArrayList<>());
        }
        // Round 0 warms the JIT for every scheme and is not counted: the measured loops' call
        // sites see every scheme's classes before any figure is taken.
        for (int round = 0; round <= ROUNDS; round++) {
            for (int s = 0; s < schemes.length; s++) {
                final double[] row = measure(schemes[s]);
                if (round > 0) {
                    rounds.get(s).add(row);
                }
            }
        }
        System.out.printf("interval %s ms, %d rounds (medians), %d calls of 1 ms per convoy run%n", INTERVAL_MILLIS, ROUNDS, CALLS);
        final double reference = median(rounds.get(0), 2);
        for (int s = 0; s < schemes.length; s++) {
            final double aloneMs = median(rounds.get(s), 0);
            final double convoyMs = median(rounds.get(s), 1);
            final double cpuConvoy = median(rounds.get(s), 2);
            System.out.printf("%-14s blocking call %.2f ms alone, %.2f ms next to a CPU thread (%.2fx); "
                    + "CPU thread during the convoy %.0f steps/ms (%.2f of %s's)%n",
                    schemes[s], aloneMs, convoyMs, convoyMs / aloneMs, cpuConvoy, cpuConvoy / reference, schemes[0]);
        }
    }

    /** One round for one scheme: {ms per call alone, ms per call in the convoy, CPU steps/ms during the convoy}. */
    private static double[] measure(final String scheme) throws Exception {
        final double aloneMs;
        final double convoyMs;
        final double cpuConvoy;
        try (RcRuntime rt = open(scheme)) {
            aloneMs = millisPerCall(rt);
        }
        try (RcRuntime rt = open(scheme)) {
            final CpuThread cpu = new CpuThread(rt);
            cpu.startAndAwaitRunning();
            final long steps = cpu.progress.get();
            final long start = System.nanoTime();
            convoyMs = millisPerCall(rt);
            cpuConvoy = (cpu.progress.get() - steps) / ((System.nanoTime() - start) / 1e6);
            cpu.stop();
        }
        return new double[] {aloneMs, convoyMs, cpuConvoy};
    }

    private static RcRuntime open(final String scheme) {
        return RcRuntime.builder(Schemes.byName(scheme)).strictChecks(false)
                .option("switch-interval-ms", INTERVAL_MILLIS).build();
    }

    /** The I/O-bound thread: {@link #CALLS} blocking calls run released, each followed by a little object work. */
    private static double millisPerCall(final RcRuntime rt) {
        try (RuntimeThread self = rt.attach()) {
            final long start = System.nanoTime();
            for (int call = 0; call < CALLS; call++) {
                self.callReleased(ConvoyPrice::blockingCall);
                rt.decref(rt.newInt(1_000 + call));
                self.checkpoint();
            }
            return (System.nanoTime() - start) / 1e6 / CALLS;
        }
    }

    private static Void blockingCall() {
        final long deadline = System.nanoTime() + BLOCKING_NANOS;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
        return null;
    }

    private static double median(final List<double[]> rows, final int column) {
        final double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    /** A CPU-bound attached thread that publishes how many steps it has made. */
    private static final class CpuThread {
        final AtomicLong progress = new AtomicLong();
        private final RcRuntime rt;
        private final CountDownLatch running = new CountDownLatch(1);
        private final Thread thread;
        private volatile boolean stopping;

        CpuThread(final RcRuntime rt) {
            this.rt = rt;
            this.thread = new Thread(this::run, "cpu");
            this.thread.setDaemon(true);
        }

        void startAndAwaitRunning() throws InterruptedException {
            thread.start();
            running.await();
        }

        void stop() throws InterruptedException {
            stopping = true;
            thread.join();
        }

        private void run() {
            try (RuntimeThread self = rt.attach()) {
                running.countDown();
                long step = 0;
                while (!stopping) {
                    rt.decref(rt.newInt(1_000 + (step & 0xFFFF)));
                    self.checkpoint();
                    if (++step % PUBLISH_EVERY == 0) {
                        progress.lazySet(step);
                    }
                }
            }
        }
    }
}
