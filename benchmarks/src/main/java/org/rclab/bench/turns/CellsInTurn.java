package org.rclab.bench.turns;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.rclab.bench.Countdown;
import org.rclab.bench.InterpretedCountdown;
import org.rclab.bench.OwnedPair;
import org.rclab.bench.report.BenchReport;
import org.rclab.bench.report.InTurn;
import org.rclab.bench.report.Measurement;
import org.rclab.bench.report.Turns;

/**
 * Cells of several schemes measured in turn in one fork: each iteration runs one participant
 * ({@code ownedPairBatch{scheme=brc}}, {@code physical{kind=plain}}, {@code countdown{scheme=gil,shape=1thread}},
 * ...) in the palindromic order of {@link InTurn#turn}, and the report splits the fork's iterations
 * back into one measurement per participant ({@link Turns#split}), so a ratio of two participants,
 * of two schemes included, is formed inside one JVM ({@link Turns} says why). Three benchmark methods,
 * since a method's operations per invocation are fixed: {@link #bareCells} for the bare
 * single-thread paths, counted per pair, {@link #countdowns} for the countdown and
 * {@link #interpreteds} for the interpreted countdown, per step. A participant of scheme
 * {@code cpython} ({@code interpreted{scheme=cpython,shape=1thread}}) is CPython's countdown of the
 * same steps per invocation in a {@code python3} worker ({@link CellLoops.CPythonCountdown}), so a
 * ratio to CPython is formed inside the fork too.
 *
 * <p>Each participant lives in a {@link ParticipantLoader} of its own, with its own copy of the
 * runtime, the scheme and the benchmark class (a countdown's counting threads run that copy too),
 * and runs its benchmark's bodies in a loop made in that loader ({@link CellLoops}). The one call per
 * invocation from here into the participant's loop is megamorphic (an interface call through the
 * itable, a few nanoseconds): for a bare cell it is spread over {@code 256 × 16} pairs, about a
 * thousandth of a nanosecond per pair; for a countdown over two million steps. It is the same for
 * every participant. Against a fork of their own, bare pairs also lose JMH's per-invocation loop and
 * volatile check, so the figures are close to, not identical with, the separate forks'; only ratios
 * within this fork are read.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CellsInTurn {
    /** The benchmark bodies one invocation of {@link #bareCells} runs: 256 batches of 16 pairs. */
    public static final int BODIES = 256;

    /** The in-turn method of the bare single-thread cells. */
    public static final String BARE = "bareCells";

    /** The in-turn method of the countdown's cells. */
    public static final String COUNTDOWNS = "countdowns";

    /** The in-turn method of the interpreted countdown's cells. */
    public static final String INTERPRETEDS = "interpreteds";

    /** The benchmark methods whose cells can take turns, and the in-turn method that runs them. */
    public static final Map<String, String> METHOD_OF = Map.of("ownedPairBatch", BARE, "physical", BARE,
            "sectionPair", BARE, "countdown", COUNTDOWNS, "interpreted", INTERPRETEDS);

    /**
     * The parameter every loop is made with beside its cell's own: the fork's operations per
     * invocation (what a CPython participant counts per call, so its time per operation is per step).
     */
    public static final String STEPS = "steps";

    /** Each cell's loop, by its benchmark method. */
    private static final Map<String, String> LOOPS = Map.of(
            "ownedPairBatch", CellLoops.OwnedPairBatch.class.getName(),
            "physical", CellLoops.PhysicalFloor.class.getName(),
            "sectionPair", CellLoops.SectionPairs.class.getName(),
            "countdown", CellLoops.Countdowns.class.getName(),
            "interpreted", CellLoops.Interpreteds.class.getName());

    /** The participants, in turn order, as {@link Turns#param} writes them; filled by the bench command. */
    @Param({})
    public String turns;

    private final List<LongUnaryOperator> loops = new ArrayList<>();
    private LongUnaryOperator current;
    private int warmups;
    private int measurements;

    /**
     * Makes every participant's loop in a loader of its own, on this (the measuring) thread.
     *
     * @param benchmark the fork's benchmark, whose operations per invocation every loop is told
     * @throws ReflectiveOperationException if a participant's loop cannot be made
     */
    @Setup(Level.Trial)
    public void open(final BenchmarkParams benchmark) throws ReflectiveOperationException {
        for (final String code : turns.split(Turns.SEPARATOR)) {
            loops.add(make(code.strip(), benchmark.getOpsPerInvocation(), getClass().getClassLoader()));
        }
        current = loops.get(0);
    }

    /**
     * Makes one participant's loop in a new {@link ParticipantLoader}.
     *
     * @param code the participant, {@code method{name=value,...}}
     * @param steps the fork's operations per invocation, given to the loop as {@link #STEPS}
     * @param parent the loader everything but the lab's classes comes from
     * @return its loop, an instance of the loader's copy of a {@link CellLoops} class
     * @throws ReflectiveOperationException if the loop cannot be made
     */
    static LongUnaryOperator make(final String code, final long steps, final ClassLoader parent)
            throws ReflectiveOperationException {
        final int open = code.indexOf('{');
        if (open < 0 || !code.endsWith("}")) {
            throw new IllegalArgumentException("participant '" + code + "' is not method{name=value,...}");
        }
        final String method = code.substring(0, open);
        if (!LOOPS.containsKey(method)) {
            throw new IllegalArgumentException("participant '" + code + "': only " + new java.util.TreeSet<>(LOOPS.keySet())
                    + " take turns");
        }
        final Map<String, String> params = new TreeMap<>();
        for (final String pair : code.substring(open + 1, code.length() - 1).split(",")) {
            final int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("participant '" + code + "' is not method{name=value,...}");
            }
            params.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        // CPython's participant (scheme cpython) counts in a python3 worker, whatever its method's name.
        final String loop = BenchReport.CPYTHON.equals(params.get(Measurement.SCHEME))
                ? CellLoops.CPythonCountdown.class.getName() : LOOPS.get(method);
        params.put(STEPS, Long.toString(steps));
        final ClassLoader loader = ParticipantLoader.overThisJvm(parent);
        final Thread self = Thread.currentThread();
        final ClassLoader before = self.getContextClassLoader();
        // Schemes.discover() finds schemes through the context loader: the participant's own (a
        // countdown's counting threads, started here, inherit it).
        self.setContextClassLoader(loader);
        try {
            return (LongUnaryOperator) Class.forName(loop, true, loader).getConstructor(Map.class)
                    .newInstance(Map.copyOf(params));
        } catch (final InvocationTargetException e) {
            // The cell's own failure (an unknown scheme, a missing parameter): say it, not the reflection.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } finally {
            self.setContextClassLoader(before);
        }
    }

    /**
     * Picks the participant whose turn this iteration is.
     *
     * @param iteration warm-up or measurement, from JMH
     */
    @Setup(Level.Iteration)
    public void pick(final IterationParams iteration) {
        final boolean warmup = iteration.getType() == IterationType.WARMUP;
        current = loops.get(InTurn.turn(warmup ? warmups++ : measurements++, loops.size()));
    }

    /**
     * Closes every participant's benchmark state, with its leak check.
     *
     * @throws Exception if a participant leaked or failed to close
     */
    @TearDown(Level.Trial)
    public void close() throws Exception {
        for (final LongUnaryOperator loop : loops) {
            ((AutoCloseable) loop).close();
        }
    }

    /**
     * {@link #BODIES} bodies of the current participant's bare benchmark.
     *
     * @return the loop's result, consumed by JMH
     */
    @Benchmark
    @OperationsPerInvocation(BODIES * OwnedPair.BATCH)
    public long bareCells() {
        return current.applyAsLong(BODIES);
    }

    /**
     * One whole countdown by the current participant's counting threads.
     *
     * @param clock the participant's wall-clock and CPU time
     * @return the loop's result, consumed by JMH
     */
    @Benchmark
    @OperationsPerInvocation((int) Countdown.STEPS)
    public long countdowns(final TurnClock clock) {
        return clock.time(current);
    }

    /**
     * One whole interpreted countdown by the current participant's counting threads (or CPython's).
     *
     * @param clock the participant's wall-clock and CPU time
     * @return the loop's result, consumed by JMH
     */
    @Benchmark
    @OperationsPerInvocation((int) InterpretedCountdown.STEPS)
    public long interpreteds(final TurnClock clock) {
        return clock.time(current);
    }

    /**
     * Per iteration, the wall-clock time of the current participant's invocations and the CPU time
     * its counting threads spent in them, per thread (secondary results {@value Turns#TURN_WALL} and
     * {@value Turns#TURN_CPU}, the fields' names; zero for a participant that does not report its
     * CPU time, the bare cells). Their quotient says how much of its turns a participant's threads
     * held a CPU: JMH's clock cannot tell a slow participant from one whose threads waited for a
     * CPU while another thread or process ran, and CPython's worker is another process.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class TurnClock {
        /** Wall-clock nanoseconds of the participant's invocations this iteration (JMH reads public fields). */
        public long turnWallNanos;
        /** CPU nanoseconds per counting thread in those invocations. */
        public long turnCpuNanos;

        /** Starts each iteration at zero: JMH sums, it does not reset. */
        @Setup(Level.Iteration)
        public void reset() {
            turnWallNanos = 0;
            turnCpuNanos = 0;
        }

        /**
         * Runs one invocation of a participant's loop and, if it reports its CPU time, adds its times.
         *
         * @param loop the current participant's loop
         * @return the loop's result
         */
        long time(final LongUnaryOperator loop) {
            final long begin = System.nanoTime();
            final long result = loop.applyAsLong(1);
            final long wall = System.nanoTime() - begin;
            // A JDK interface, so the participant loader's copy of a loop answers to it here.
            if (loop instanceof LongSupplier cpu) {
                turnWallNanos += wall;
                turnCpuNanos += cpu.getAsLong();
            }
            return result;
        }
    }
}
