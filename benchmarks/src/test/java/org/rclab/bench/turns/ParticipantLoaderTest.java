package org.rclab.bench.turns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.Test;
import org.rclab.runtime.RcRuntime;

class ParticipantLoaderTest {
    private static final ClassLoader PARENT = ParticipantLoaderTest.class.getClassLoader();

    @Test
    void twoParticipantsRunTheirOwnCopiesOfTheRuntimeAndTheBenchmark() throws Exception {
        final LongUnaryOperator first = BareInTurn.make("ownedPairBatch{scheme=unsafe}", PARENT);
        final LongUnaryOperator second = BareInTurn.make("ownedPairBatch{scheme=unsafe}", PARENT);
        try {
            assertInstanceOf(ParticipantLoader.class, first.getClass().getClassLoader());
            assertNotSame(first.getClass(), second.getClass(), "each participant's loop is its loader's own class");
            assertNotSame(BareLoops.OwnedPairBatch.class, first.getClass(), "and not the fork's");
            final Class<?> firstRuntime = runtimeClassOf(first);
            final Class<?> secondRuntime = runtimeClassOf(second);
            assertNotSame(firstRuntime, secondRuntime, "two participants' runtimes are different classes");
            assertNotSame(RcRuntime.class, firstRuntime);
            assertSame(LongUnaryOperator.class, first.getClass().getInterfaces()[0], "JDK classes are shared");
            assertEquals(10, first.applyAsLong(10), "the loop ran its ten bodies");
        } finally {
            // The benchmark's own leak check runs here: a lost count would fail the test.
            ((AutoCloseable) first).close();
            ((AutoCloseable) second).close();
        }
    }

    @Test
    void aParticipantFindsItsSchemeThroughItsOwnLoaderAndTheContextLoaderIsRestored() throws Exception {
        final ClassLoader before = Thread.currentThread().getContextClassLoader();
        final LongUnaryOperator floor = BareInTurn.make("physical{kind=owner-check}", PARENT);
        final LongUnaryOperator sections = BareInTurn.make("sectionPair{scheme=unsafe}", PARENT);
        try {
            assertSame(before, Thread.currentThread().getContextClassLoader());
            assertEquals(3, floor.applyAsLong(3), "each body raises and lowers every count, returning the first (1)");
            sections.applyAsLong(3);
        } finally {
            ((AutoCloseable) floor).close();
            ((AutoCloseable) sections).close();
        }
    }

    @Test
    void aParticipantThatCannotTakeTurnsIsRefusedByName() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BareInTurn.make("countdown{scheme=unsafe}", PARENT));
        assertEquals("participant 'countdown{scheme=unsafe}': only " + BareInTurn.LOOPS.keySet() + " take turns",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BareInTurn.make("ownedPairBatch", PARENT));
    }

    private static Class<?> runtimeClassOf(final LongUnaryOperator loop) throws ClassNotFoundException {
        return Class.forName(RcRuntime.class.getName(), false, loop.getClass().getClassLoader());
    }
}
