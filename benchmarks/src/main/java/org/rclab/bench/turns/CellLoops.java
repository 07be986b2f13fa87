package org.rclab.bench.turns;

import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

import org.rclab.bench.CPythonWorker;
import org.rclab.bench.Countdown;
import org.rclab.bench.CountingThreads;
import org.rclab.bench.InterpretedCountdown;
import org.rclab.bench.OwnedPair;
import org.rclab.bench.Physical;
import org.rclab.bench.SectionPair;

/**
 * The hot loops of the participants of {@link CellsInTurn}, each made inside its participant's
 * {@link ParticipantLoader}: {@code applyAsLong(n)} runs the benchmark's own body {@code n} times
 * on the loader's copy of the benchmark, so the body is inlined into a loop whose every call site
 * sees one class. The fork reaches a loop through one interface call per {@code n} bodies (a
 * megamorphic call, the participants' loop classes being distinct), which that many bodies amortise.
 *
 * <p>Each loop opens its benchmark's state as JMH would at the trial's start (on the calling thread,
 * which owns what it makes) and closes it, with the benchmark's own leak check, in {@code close()}.
 */
public final class CellLoops {
    private CellLoops() {
    }

    /** A participant's parameter, which its cell cannot run without. */
    private static String required(final Map<String, String> params, final String name) {
        final String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("participant " + params + " lacks its '" + name + "'");
        }
        return value;
    }

    /** {@code OwnedPair.ownedPairBatch} under one scheme. */
    public static final class OwnedPairBatch implements LongUnaryOperator, AutoCloseable {
        private final OwnedPair bench = new OwnedPair();

        /**
         * Opens the benchmark's runtime and objects.
         *
         * @param params the cell's {@code scheme}
         */
        public OwnedPairBatch(final Map<String, String> params) {
            bench.scheme = required(params, "scheme");
            bench.open();
        }

        @Override
        public long applyAsLong(final long bodies) {
            for (long i = 0; i < bodies; i++) {
                bench.ownedPairBatch();
            }
            return bodies;
        }

        @Override
        public void close() {
            bench.close();
        }
    }

    /** {@code Physical.physical} of one kind. */
    public static final class PhysicalFloor implements LongUnaryOperator, AutoCloseable {
        private final Physical bench = new Physical();

        /**
         * Makes the headers and picks the kind.
         *
         * @param params the cell's {@code kind}
         */
        public PhysicalFloor(final Map<String, String> params) {
            bench.kind = required(params, "kind");
            bench.open();
        }

        @Override
        public long applyAsLong(final long bodies) {
            long sum = 0;
            for (long i = 0; i < bodies; i++) {
                sum += bench.physical();
            }
            return sum;
        }

        @Override
        public void close() {
            // Nothing to release: the headers are plain objects.
        }
    }

    /**
     * A countdown benchmark of one scheme and shape ({@code Countdown}, {@code InterpretedCountdown}):
     * its counting threads, started by the participant, run the loader's copy.
     */
    private abstract static class CountingLoop implements LongUnaryOperator, LongSupplier, AutoCloseable {
        private final CountingThreads bench;
        private long cpuNanosSeen;

        /** Opens the shape's runtimes and starts its counting threads, idle until a countdown. */
        CountingLoop(final CountingThreads bench, final Map<String, String> params) {
            this.bench = bench;
            bench.scheme = required(params, "scheme");
            bench.shape = required(params, "shape");
            bench.setUp();
        }

        /** One whole countdown by the counting threads. */
        abstract long once() throws Exception;

        @Override
        public final long applyAsLong(final long countdowns) {
            long sum = 0;
            try {
                for (long i = 0; i < countdowns; i++) {
                    sum += once();
                }
            } catch (final Exception e) {
                throw new IllegalStateException(getClass().getSimpleName() + " under " + bench.scheme + " failed: " + e, e);
            }
            return sum;
        }

        /**
         * The CPU time, per counting thread, of the countdowns since the last call.
         *
         * @return nanoseconds
         */
        @Override
        public final long getAsLong() {
            final long now = bench.cpuNanosPerThread();
            final long since = now - cpuNanosSeen;
            cpuNanosSeen = now;
            return since;
        }

        @Override
        public final void close() throws Exception {
            bench.tearDown();
        }
    }

    /** {@code Countdown.countdown} of one scheme and shape. */
    public static final class Countdowns extends CountingLoop {
        private final Countdown bench;

        /**
         * Opens the shape's runtimes and starts its counting threads.
         *
         * @param params the cell's {@code scheme} and {@code shape}
         */
        public Countdowns(final Map<String, String> params) {
            this(new Countdown(), params);
        }

        private Countdowns(final Countdown bench, final Map<String, String> params) {
            super(bench, params);
            this.bench = bench;
        }

        @Override
        long once() throws Exception {
            return bench.countdown();
        }
    }

    /** {@code InterpretedCountdown.interpreted} of one scheme and shape: the program loaded into each runtime. */
    public static final class Interpreteds extends CountingLoop {
        private final InterpretedCountdown bench;

        /**
         * Opens the shape's runtimes, loads the program into each and starts the counting threads.
         *
         * @param params the cell's {@code scheme} and {@code shape}
         */
        public Interpreteds(final Map<String, String> params) {
            this(new InterpretedCountdown(), params);
        }

        private Interpreteds(final InterpretedCountdown bench, final Map<String, String> params) {
            super(bench, params);
            this.bench = bench;
        }

        @Override
        long once() throws Exception {
            return bench.interpreted();
        }
    }

    /**
     * CPython's countdown of the seeds' function, in a {@link CPythonWorker} of this participant's
     * own: a call counts the fork's operations per invocation ({@value CellsInTurn#STEPS} of the
     * participant's parameters) in a started thread ({@code shape=1thread}, the baseline the
     * once-a-round seeds run uses too) or in the worker's main thread ({@code shape=1thread-main}).
     * While the worker counts, this thread waits on the pipe; the invocation's time, which JMH
     * measures, is the worker's countdown plus a pipe's round trip (tens of microseconds against
     * tens of milliseconds). The worker's counting thread's CPU time is summed beside it
     * ({@link #getAsLong}), so the fork can say how much of CPython's turns it held a CPU.
     */
    public static final class CPythonCountdown implements LongUnaryOperator, LongSupplier, AutoCloseable {
        /** The shapes a CPython participant can have, by whether a started thread counts. */
        private static final Map<String, Boolean> STARTED_THREAD = Map.of("1thread", true, "1thread-main", false);

        private final CPythonWorker worker;
        private final long steps;
        private final boolean startedThread;
        private long cpuNanos;

        /**
         * Starts the worker.
         *
         * @param params the cell's {@code shape} ({@code 1thread} or {@code 1thread-main}) and {@value CellsInTurn#STEPS}
         */
        public CPythonCountdown(final Map<String, String> params) {
            final String shape = required(params, "shape");
            final Boolean started = STARTED_THREAD.get(shape);
            if (started == null) {
                throw new IllegalArgumentException("CPython takes turns in the shapes " + new java.util.TreeSet<>(
                        STARTED_THREAD.keySet()) + ", not '" + shape + "'");
            }
            startedThread = started;
            steps = Long.parseLong(required(params, CellsInTurn.STEPS));
            worker = CPythonWorker.start();
        }

        /**
         * Runs countdowns in the worker.
         *
         * @param countdowns how many
         * @return the wall-clock nanoseconds the worker measured around them
         */
        @Override
        public long applyAsLong(final long countdowns) {
            long nanos = 0;
            for (long i = 0; i < countdowns; i++) {
                final CPythonWorker.Timing timing = worker.countdown(steps, startedThread);
                nanos += timing.nanos();
                cpuNanos += timing.cpuNanos();
            }
            return nanos;
        }

        /**
         * The counting thread's CPU time over the countdowns since the last call.
         *
         * @return nanoseconds
         */
        @Override
        public long getAsLong() {
            final long since = cpuNanos;
            cpuNanos = 0;
            return since;
        }

        @Override
        public void close() throws Exception {
            worker.close();
        }
    }

    /** {@code SectionPair.sectionPair} under one scheme. */
    public static final class SectionPairs implements LongUnaryOperator, AutoCloseable {
        private final SectionPair bench = new SectionPair();

        /**
         * Opens the benchmark's runtime and lists.
         *
         * @param params the cell's {@code scheme}
         */
        public SectionPairs(final Map<String, String> params) {
            bench.scheme = required(params, "scheme");
            bench.open();
        }

        @Override
        public long applyAsLong(final long bodies) {
            long sum = 0;
            for (long i = 0; i < bodies; i++) {
                sum += bench.sectionPair();
            }
            return sum;
        }

        @Override
        public void close() {
            bench.close();
        }
    }
}
