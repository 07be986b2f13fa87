package org.rclab.bench.turns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.Test;
import org.rclab.runtime.RcRuntime;

class ParticipantLoaderTest {
    private static final ClassLoader PARENT = ParticipantLoaderTest.class.getClassLoader();

    @Test
    void twoParticipantsRunTheirOwnCopiesOfTheRuntimeAndTheBenchmark() throws Exception {
        final LongUnaryOperator first = CellsInTurn.make("ownedPairBatch{scheme=unsafe}", 1, PARENT);
        final LongUnaryOperator second = CellsInTurn.make("ownedPairBatch{scheme=unsafe}", 1, PARENT);
        try {
            assertInstanceOf(ParticipantLoader.class, first.getClass().getClassLoader());
            assertNotSame(first.getClass(), second.getClass(), "each participant's loop is its loader's own class");
            assertNotSame(CellLoops.OwnedPairBatch.class, first.getClass(), "and not the fork's");
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
        final LongUnaryOperator floor = CellsInTurn.make("physical{kind=owner-check}", 1, PARENT);
        final LongUnaryOperator sections = CellsInTurn.make("sectionPair{scheme=unsafe}", 1, PARENT);
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
    void aCountdownCellsCountingThreadsRunItsLoadersCopy() throws Exception {
        final LongUnaryOperator countdown = CellsInTurn.make("countdown{scheme=unsafe,shape=2threads}", 1, PARENT);
        try {
            assertInstanceOf(ParticipantLoader.class, countdown.getClass().getClassLoader());
            final long counted = countdown.applyAsLong(1);
            assertEquals(counted, countdown.applyAsLong(1), "two whole countdowns by the same two threads");
            final long inLoader = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("counter-2threads-"))
                    .filter(t -> t.getContextClassLoader() == countdown.getClass().getClassLoader()).count();
            assertEquals(2, inLoader, "both counting threads were started inside the participant's loader");
        } finally {
            // Stops the counting threads and checks the runtime for leaks.
            ((AutoCloseable) countdown).close();
        }
    }

    @Test
    void aParticipantOwnsEveryClassOnTheClassPathButTheJdksAndJmhs() throws Exception {
        try (ParticipantLoader loader = ParticipantLoader.overThisJvm(PARENT)) {
            // A class outside org.rclab, as a plugin scheme in a package of its own is: the
            // participant's own, or its Scheme would not be the one the plugin implements.
            assertNotSame(com.google.gson.Gson.class, loader.loadClass(com.google.gson.Gson.class.getName()));
            assertSame(org.openjdk.jmh.infra.Blackhole.class, loader.loadClass(org.openjdk.jmh.infra.Blackhole.class.getName()));
            assertSame(LongUnaryOperator.class, loader.loadClass(LongUnaryOperator.class.getName()));
        }
    }

    @Test
    void anInterpretedCellRunsTheProgramInItsLoadersCopyOfTheInterpreter() throws Exception {
        final LongUnaryOperator interpreted = CellsInTurn.make("interpreted{scheme=unsafe,shape=1thread}", 1, PARENT);
        try {
            assertInstanceOf(ParticipantLoader.class, interpreted.getClass().getClassLoader());
            assertNotSame(org.rclab.interp.eval.Interpreter.class, Class.forName(
                    org.rclab.interp.eval.Interpreter.class.getName(), false, interpreted.getClass().getClassLoader()));
            assertEquals(0, interpreted.applyAsLong(1), "one whole countdown; the program's countdown returns None");
        } finally {
            ((AutoCloseable) interpreted).close();
        }
    }

    @Test
    void aCPythonCellCountsTheForksStepsPerCallInAWorkerOfItsOwn() throws Exception {
        assumeTrue(org.rclab.bench.CPythonWorker.python().isPresent(), "no python3 on the PATH");
        final LongUnaryOperator cpython = CellsInTurn.make("interpreted{scheme=cpython,shape=1thread}", 200_000, PARENT);
        try {
            // The worker's own nanoseconds for two countdowns of 200,000 steps: at least a nanosecond a step.
            assertTrue(cpython.applyAsLong(2) > 400_000);
        } finally {
            ((AutoCloseable) cpython).close();
        }
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CellsInTurn.make("interpreted{scheme=cpython,shape=2threads}", 1, PARENT));
        assertEquals("CPython takes turns in the shapes [1thread, 1thread-main], not '2threads'", e.getMessage());
    }

    @Test
    void aParticipantThatCannotTakeTurnsIsRefusedByName() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CellsInTurn.make("ioConvoy{scheme=unsafe}", 1, PARENT));
        assertEquals("participant 'ioConvoy{scheme=unsafe}': only [countdown, interpreted, ownedPairBatch, physical, "
                + "sectionPair] take turns", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CellsInTurn.make("ownedPairBatch", 1, PARENT));
        assertThrows(IllegalArgumentException.class, () -> CellsInTurn.make("countdown{scheme=unsafe}", 1, PARENT),
                "a countdown cell names its shape");
    }

    private static Class<?> runtimeClassOf(final LongUnaryOperator loop) throws ClassNotFoundException {
        return Class.forName(RcRuntime.class.getName(), false, loop.getClass().getClassLoader());
    }
}
