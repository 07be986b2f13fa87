package org.rclab.bench;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
import org.openjdk.jmh.infra.Blackhole;
import org.rclab.object.RcInt;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The convoy effect: the latency, in milliseconds, of one short blocking call (a 1 ms wait run
 * with the runtime released, then its result handled as a runtime object) made by an attached
 * thread, alone ({@code neighbour=none}) and next to an attached CPU-bound thread that counts
 * down and passes checkpoints ({@code neighbour=cpu}).
 *
 * <p>Under a GIL the blocking thread, once its wait is over, must get the lock back from the
 * CPU-bound thread, which only gives it up when asked after one switch interval: each call costs
 * about one interval more (Beazley 2010, bpo-7946). The {@code interval} parameter sets the
 * runtime option {@code switch-interval-ms} (5 ms, CPython's default, and 1 ms). It runs with
 * those values only for schemes that declare that option ({@code Scheme.options()}); the bench
 * command runs every other scheme once, with {@code interval=none}, rather than twice under a
 * label that would mean nothing to it. Schemes that let threads run in parallel should show about
 * the same latency with and without the neighbour. What would make it lie: a machine with no
 * free core for the neighbour (these machines have 2 and are shared).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IoConvoy {
    /** The runtime option a GIL reads its switch interval from. */
    static final String SWITCH_INTERVAL_OPTION = "switch-interval-ms";

    /** How long the blocking call waits. */
    static final long BLOCKING_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The scheme under test; filled at run time from the discovered schemes. */
    @Param({})
    public String scheme;

    /** What runs next to the blocking thread: {@code none} or {@code cpu}. */
    @Param({"none", "cpu"})
    public String neighbour;

    /** The switch interval in milliseconds, for schemes that have one; {@value #NO_INTERVAL} for others. */
    @Param({"5", "1"})
    public String interval;

    /** The {@code interval} value of a scheme without a switch interval: no option is set. */
    static final String NO_INTERVAL = "none";

    private RcRuntime runtime;
    private RuntimeThread self;
    private Neighbour cpu;
    private long calls;

    /** Makes the runtime, starts the neighbour if any, and attaches this thread. */
    @Setup(Level.Trial)
    public void open() {
        runtime = BenchRuntimes.open(scheme, NO_INTERVAL.equals(interval) ? Map.of()
                : Map.of(SWITCH_INTERVAL_OPTION, interval));
        switch (neighbour) {
            case "none" -> cpu = null;
            case "cpu" -> {
                cpu = new Neighbour(runtime);
                cpu.start();
            }
            default -> throw new IllegalArgumentException("unknown neighbour '" + neighbour + "' (none, cpu)");
        }
        self = runtime.attach();
    }

    /** Detaches (so the neighbour can take the runtime and see it must stop), stops it, checks. */
    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        self.detach();
        if (cpu != null) {
            cpu.stop();
        }
        BenchRuntimes.closeWithoutLeaks(runtime);
    }

    /**
     * One blocking call with the runtime released, then its result made into a runtime int,
     * consumed and dropped, and a checkpoint.
     *
     * @param blackhole consumes the result
     */
    @Benchmark
    public void ioConvoy(final Blackhole blackhole) {
        blackhole.consume(self.callReleased(IoConvoy::blockingCall));
        final RcInt result = runtime.newInt(BenchRuntimes.FIRST_MORTAL_INT + (calls++ & 0xFFFF));
        blackhole.consume(result);
        runtime.decref(result);
        self.checkpoint();
    }

    /** Waits {@link #BLOCKING_NANOS} as a blocking read would, without touching objects. */
    private static long blockingCall() {
        final long begin = System.nanoTime();
        final long deadline = begin + BLOCKING_NANOS;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
        return System.nanoTime() - begin;
    }

    /** The CPU-bound thread: counts down in steps of {@link CountdownStep} until stopped. */
    private static final class Neighbour {
        private static final long STEPS_PER_ROUND = 10_000;

        private final RcRuntime runtime;
        private final Thread thread;
        private final CountDownLatch running = new CountDownLatch(1);
        private volatile boolean stopping;
        private volatile Throwable failure;

        Neighbour(final RcRuntime runtime) {
            this.runtime = runtime;
            this.thread = new Thread(this::run, "cpu-neighbour");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
            SideThread.await(running, "the CPU-bound neighbour did not start");
            rethrow();
        }

        void stop() throws InterruptedException {
            stopping = true;
            thread.join(TimeUnit.SECONDS.toMillis(BenchRuntimes.HELPER_TIMEOUT_SECONDS));
            if (thread.isAlive()) {
                throw new IllegalStateException("the CPU-bound neighbour did not stop");
            }
            rethrow();
        }

        private void run() {
            try (RuntimeThread self = runtime.attach()) {
                running.countDown();
                final CountdownCalls calls = new CountdownCalls();
                while (!stopping) {
                    calls.call(self, STEPS_PER_ROUND);
                }
            } catch (final Throwable t) {
                failure = t;
            } finally {
                running.countDown();
            }
        }

        private void rethrow() {
            final Throwable t = failure;
            if (t != null) {
                throw new IllegalStateException("the CPU-bound neighbour failed: " + t, t);
            }
        }
    }
}
