package org.rclab.bench.turns;

import java.util.Map;
import java.util.function.LongUnaryOperator;

import org.rclab.bench.Countdown;
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

    /** {@code Countdown.countdown} of one scheme and shape: its counting threads run the loader's copy. */
    public static final class Countdowns implements LongUnaryOperator, AutoCloseable {
        private final Countdown bench = new Countdown();

        /**
         * Opens the shape's runtimes and starts its counting threads, idle until a countdown.
         *
         * @param params the cell's {@code scheme} and {@code shape}
         */
        public Countdowns(final Map<String, String> params) {
            bench.scheme = required(params, "scheme");
            bench.shape = required(params, "shape");
            bench.setUp();
        }

        @Override
        public long applyAsLong(final long countdowns) {
            long sum = 0;
            try {
                for (long i = 0; i < countdowns; i++) {
                    sum += bench.countdown();
                }
            } catch (final Exception e) {
                throw new IllegalStateException("countdown under " + bench.scheme + " failed: " + e, e);
            }
            return sum;
        }

        @Override
        public void close() throws Exception {
            bench.tearDown();
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
