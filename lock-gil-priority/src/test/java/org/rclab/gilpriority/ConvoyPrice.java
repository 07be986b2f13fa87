package org.rclab.gilpriority;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * object work and a checkpoint) alone and next to a CPU-bound thread (allocate an int, drop it,
 * checkpoint), and that thread's price: the drops forced on it per blocking call and per second
 * (the scheme's {@code <name>.forced-drops} metric, where it has one), and its steps per
 * millisecond during the convoy, of wall time and of its own CPU time
 * ({@link ThreadMXBean#getThreadCpuTime}), each as a fraction of the first scheme's. Name
 * {@code unsafe} first: its CPU thread never waits, so the fractions are each lock's price. The
 * schemes run in alternating rounds and each figure is the median over the rounds; a first round
 * warms the JIT and is not counted.
 *
 * <p>Read the counts first. On this project's shared 2-vCPU machines under load, the wall-time
 * rate moved by 2x between rounds under every scheme, {@code unsafe} included (the OS preempts
 * the thread, whatever the lock does). The CPU-time rate leaves preemption out, and with it the
 * time spent parked waiting for the lock: it shows what each drop costs the thread in work
 * (parking, waking, cold caches), not in time lost. The JVM's per-thread waited time would
 * count the parked time, but HotSpot does not count {@code LockSupport.park} there.
  */
public final class ConvoyPrice {
    private static final int ROUNDS = 7;
    private static final int CALLS = 200;
    private static final long BLOCKING_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String INTERVAL_MILLIS = "5";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
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
        if (!THREADS.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
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
        for (int s = 0; s < schemes.length; s++) {
            final double aloneMs = median(rounds.get(s), 0);
            final double convoyMs = median(rounds.get(s), 1);
            final double dropsPerCall = median(rounds.get(s), 2);
            System.out.printf("%-14s blocking call %.2f ms alone, %.2f ms next to a CPU thread (%.2fx); CPU thread: "
                    + "%.2f forced drops per call (%.0f per second), steps per wall ms %.2f and per CPU ms %.2f of %s's%n",
                    schemes[s], aloneMs, convoyMs, convoyMs / aloneMs, dropsPerCall, dropsPerCall * 1000 / convoyMs,
                    median(rounds.get(s), 3) / median(rounds.get(0), 3), median(rounds.get(s), 4) / median(rounds.get(0), 4),
                    schemes[0]);
        }
    }

    /**
     * One round for one scheme: {ms per call alone, ms per call in the convoy, forced drops per
     * call, the CPU thread's steps per wall ms and per CPU ms during the convoy}.
     */
    private static double[] measure(final String scheme) throws Exception {
        final double aloneMs;
        final double convoyMs;
        final double forcedDropsPerCall;
        final double stepsPerWallMilli;
        final double stepsPerCpuMilli;
        try (RcRuntime rt = open(scheme)) {
            aloneMs = millisPerCall(rt);
        }
        try (RcRuntime rt = open(scheme)) {
            final CpuThread cpu = new CpuThread(rt);
            cpu.startAndAwaitRunning();
            final long steps = cpu.progress.get();
            final long cpuNanos = cpu.cpuNanos();
            final long drops = forcedDrops(rt, scheme);
            final long start = System.nanoTime();
            convoyMs = millisPerCall(rt);
            final double stepsTaken = cpu.progress.get() - steps;
            stepsPerWallMilli = stepsTaken * 1e6 / (System.nanoTime() - start);
            stepsPerCpuMilli = stepsTaken * 1e6 / (cpu.cpuNanos() - cpuNanos);
            forcedDropsPerCall = (forcedDrops(rt, scheme) - drops) / (double) CALLS;
            cpu.stop();
        }
        return new double[] {aloneMs, convoyMs, forcedDropsPerCall, stepsPerWallMilli, stepsPerCpuMilli};
    }

    /** The scheme's forced-drop count, or 0 if it has no such metric. */
    private static long forcedDrops(final RcRuntime rt, final String scheme) {
        final String name = scheme + ".forced-drops";
        return rt.metrics().snapshot().getOrDefault(name, 0L);
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

        /** Steps made so far, published every {@link #PUBLISH_EVERY} steps. */
        final AtomicLong progress = new AtomicLong();

        /** CPU time this thread has used so far, in nanoseconds. */
        long cpuNanos() {
            return THREADS.getThreadCpuTime(thread.getId());
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
