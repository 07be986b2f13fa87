package org.rclab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
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
 *
 * <p>With the shapes {@linkplain InTurn in turn}, the trial opens all three shapes' threads and
 * runtimes at once, each team idle at its own start barrier, and each iteration lets go the team
 * of its shape: every countdown measured is then done by threads that have counted before, as in
 * a fork of one shape. (Opening a shape per iteration instead measured each iteration's first
 * countdown by fresh threads on a fresh runtime, and under load made the 2-way shapes 25–50% slower
 * than their own forks.) An idle team's threads wait parked, their runtime released.
 */
// A state class itself, and public: JMH accepts @Param fields only in a @State class, and its
// generated code (in another package) sets them through this class.
@State(Scope.Benchmark)
public abstract class CountingThreads {
    /** Reads a thread's own CPU time (a {@code clock_gettime} on Linux, about a microsecond, once a countdown). */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

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

    /** The scheme under test; filled at run time from the discovered schemes. */
    @Param({})
    public String scheme;

    /**
     * Who counts: {@code 1thread}, {@code 2threads} (one runtime), {@code 2runtimes}; or
     * {@value org.rclab.bench.report.InTurn#VALUE}: the three in turn, one shape per iteration in
     * one fork, so their ratios are formed inside one JVM ({@link org.rclab.bench.report.InTurn}).
     */
    @Param({"1thread", "2threads", "2runtimes"})
    public String shape;

    /** The teams by shape: one for a fixed shape, every shape's when they take turns. */
    private final Map<String, Team> teams = new LinkedHashMap<>();
    private Team current;
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
     * Called once a team's runtimes exist and before any of its counting threads starts.
     *
     * @param opened the team's runtimes, one per runtime of its shape
     * @param countersPerRuntime how many counting threads each runtime will have (2 in {@code 2threads}, else 1)
     */
    void opened(final List<RcRuntime> opened, final int countersPerRuntime) {
    }

    /**
     * Called after a team's counting threads have stopped and before its runtimes are checked for leaks.
     *
     * @param opened the team's runtimes
     */
    void closing(final List<RcRuntime> opened) {
    }

    /**
     * The steps of one whole countdown, split evenly between the counting threads.
     *
     * @return the steps
     */
    abstract long steps();

    /** The trial's set-up: makes the shape's runtimes and starts its counting threads (shapes in turn: every shape's). */
    @Setup(Level.Trial)
    public final void setUp() {
        inTurn = InTurn.VALUE.equals(shape);
        for (final String one : inTurn ? InTurn.SHAPES : List.of(shape)) {
            final Team team = new Team(one, scheme, steps());
            teams.put(one, team);
            team.open();
        }
        current = teams.get(inTurn ? InTurn.SHAPES.get(0) : shape);
    }

    /**
     * An iteration's set-up: with shapes in turn, lets the team whose shape this iteration measures count.
     *
     * @param iteration warm-up or measurement, from JMH
     */
    @Setup(Level.Iteration)
    public final void setUpIteration(final IterationParams iteration) {
        if (inTurn) {
            final boolean warmup = iteration.getType() == IterationType.WARMUP;
            current = teams.get(InTurn.shapeOf(warmup ? warmups++ : measurements++));
        }
    }

    /**
     * The trial's tear-down: stops every team's counting threads and checks that every runtime
     * freed everything.
     *
     * @throws Exception if a counting thread failed or did not stop, or an object was left alive
     */
    @TearDown(Level.Trial)
    public final void tearDown() throws Exception {
        Exception first = null;
        for (final Team team : teams.values()) {
            try {
                team.close();
            } catch (final Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * One whole countdown by the current team: lets its counting threads go and waits until all
     * have finished.
     *
     * @return the sum of the counters' results, so the work has a consumed result
     * @throws Exception if a counting thread failed or did not finish in time
     */
    final long countdownOnce() throws Exception {
        return current.countdown();
    }

    /**
     * The CPU time the current team's counting threads have spent counting, per thread, since the
     * trial began: with the wall-clock time of the countdowns it says how much of them the threads
     * held a CPU (under a GIL, two threads hold it about half the time by design). Read between
     * countdowns, by the thread that runs them.
     *
     * @return nanoseconds, summed over the team's threads and divided by their number
     */
    public final long cpuNanosPerThread() {
        long sum = 0;
        for (final Counter counter : current.counters) {
            sum += counter.cpuNanos;
        }
        return sum / current.counters.size();
    }

    /** One shape's runtimes and counting threads, with the barriers that let them go together. */
    private final class Team {
        private final String shape;
        private final String scheme;
        private final long steps;
        private final List<RcRuntime> runtimes = new ArrayList<>();
        private final List<Counter> counters = new ArrayList<>();
        private CyclicBarrier start;
        private CyclicBarrier finish;
        private volatile boolean stopping;

        Team(final String shape, final String scheme, final long steps) {
            this.shape = shape;
            this.scheme = scheme;
            this.steps = steps;
        }

        /** Makes the shape's runtimes and starts its counting threads, attached and idle. */
        void open() {
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
                        + "' (shapes: 1thread, 2threads, 2runtimes, " + InTurn.VALUE + ")");
            }
            for (int i = 0; i < runtimeCount; i++) {
                runtimes.add(BenchRuntimes.open(scheme));
            }
            opened(List.copyOf(runtimes), threads / runtimeCount);
            start = new CyclicBarrier(threads + 1);
            finish = new CyclicBarrier(threads + 1);
            for (int i = 0; i < threads; i++) {
                final Counter counter = new Counter(this, runtimes.get(i % runtimeCount), steps / threads,
                        "counter-" + shape + "-" + i);
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

        /** Stops the counting threads and checks that every runtime freed everything. */
        void close() throws Exception {
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
        }

        long countdown() throws Exception {
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
    }

    /** A counting thread: attached for the whole trial, holding its runtime only while counting. */
    private final class Counter {
        private final Team team;
        private final RcRuntime runtime;
        private final long steps;
        private final Thread thread;
        private final CountDownLatch attached = new CountDownLatch(1);
        private volatile long result;
        private volatile Throwable failure;
        /**
         * CPU time spent in countdowns. Plain: written by this thread before it waits at the finish
         * barrier, read by the measuring thread after that barrier, which orders the two.
         */
        private long cpuNanos;

        Counter(final Team team, final RcRuntime runtime, final long steps, final String name) {
            this.team = team;
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
                    final long cpuBefore = CPU.getCurrentThreadCpuTime();
                    try {
                        result = loop.run(self, steps);
                    } finally {
                        cpuNanos += CPU.getCurrentThreadCpuTime() - cpuBefore;
                        self.release();
                    }
                    team.finish.await();
                }
                self.reacquire();
            } catch (final Throwable t) {
                failure = t;
                team.finish.reset();
            } finally {
                attached.countDown();
            }
        }

        private boolean awaitStart() throws InterruptedException, BrokenBarrierException {
            team.start.await();
            return !team.stopping;
        }

        void rethrow() {
            final Throwable t = failure;
            if (t != null) {
                throw new IllegalStateException(thread.getName() + " failed: " + t, t);
            }
        }
    }
}
