package org.rclab.bench.turns;

import java.util.function.LongUnaryOperator;

import org.rclab.bench.OwnedPair;
import org.rclab.bench.Physical;
import org.rclab.bench.SectionPair;

/**
 * The hot loops of the participants of {@link BareInTurn}, each made inside its participant's
 * {@link ParticipantLoader}: {@code applyAsLong(n)} runs the benchmark's own body {@code n} times
 * on the loader's copy of the benchmark, so the body is inlined into a loop whose every call site
 * sees one class. The fork reaches a loop through one interface call per {@code n} bodies (a
 * megamorphic call, the participants' loop classes being distinct), which that many bodies amortise.
 *
 * <p>Each loop opens its benchmark's state as JMH would at the trial's start (on the calling thread,
 * which owns what it makes) and closes it, with the benchmark's own leak check, in {@code close()}.
 */
public final class BareLoops {
    private BareLoops() {
    }

    /** {@code OwnedPair.ownedPairBatch} under one scheme. */
    public static final class OwnedPairBatch implements LongUnaryOperator, AutoCloseable {
        private final OwnedPair bench = new OwnedPair();

        /**
         * Opens the benchmark's runtime and objects.
         *
         * @param scheme the scheme's name
         */
        public OwnedPairBatch(final String scheme) {
            bench.scheme = scheme;
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
         * @param kind the floor's kind
         */
        public PhysicalFloor(final String kind) {
            bench.kind = kind;
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

    /** {@code SectionPair.sectionPair} under one scheme. */
    public static final class SectionPairs implements LongUnaryOperator, AutoCloseable {
        private final SectionPair bench = new SectionPair();

        /**
         * Opens the benchmark's runtime and lists.
         *
         * @param scheme the scheme's name
         */
        public SectionPairs(final String scheme) {
            bench.scheme = scheme;
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
