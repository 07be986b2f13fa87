package org.rclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;
import org.rclab.unsafe.UnsafeScheme;

class InterpretedCountdownTest {
    @Test
    void runsTheExampleProgramItselfAndCPythonTimesTheSameFunction() throws IOException {
        final String jarred = resource(InterpretedCountdown.PROGRAM);
        final String example = Files.readString(Path.of("../examples/countdown_pool.py"), StandardCharsets.UTF_8);
        assertEquals(example, jarred, "the benchmark's program is examples/countdown_pool.py as it stands");
        final String function = function(example);
        assertTrue(function.contains("while n>0:"), function);
        assertEquals(function, function(resource(CPythonSeeds.SCRIPT)),
                "CPython's seeds script times the very function the benchmark interprets");
        for (final String other : List.of("countdown.py", "countdown_threads.py")) {
            assertEquals(function, function(Files.readString(Path.of("../examples", other), StandardCharsets.UTF_8)), other);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1thread", "2threads", "2runtimes"})
    void oneCountdownCountsEveryStepInTheInterpreterAndLeavesNothingAlive(final String shape) throws Exception {
        countOnce(shape, (bench, result, opened) -> {
            assertEquals(0, result);
            assertEquals(shape.equals("2runtimes") ? 2 : 1, opened.size());
            // Every step above the small-int cache made a new int: the steps ran in the interpreter,
            // and no more than the steps (the module's load makes a handful of objects, no ints).
            final long ints = opened.stream().mapToLong(r -> r.heap().allocated(RcType.INT)).sum();
            final long mortalSteps = InterpretedCountdown.STEPS - 2 * BenchRuntimes.FIRST_MORTAL_INT;
            assertTrue(ints >= mortalSteps && ints <= InterpretedCountdown.STEPS, ints + " ints for "
                    + InterpretedCountdown.STEPS + " steps");
        });
    }

    /**
     * Who loads the program is the shape's story in {@code ./rclab run} (the class comment): the
     * counting thread itself where it is its runtime's only one, as the main thread and a pool
     * worker; the set-up thread, as a program's main thread, where two threads of one runtime count.
     * It decides whose count path is the heap counters' first claimer's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1thread", "2threads", "2runtimes"})
    void theProgramIsLoadedByTheThreadThatLoadsItInARealRun(final String shape) throws Exception {
        countOnce(shape, (bench, result, opened) -> {
            for (final RcRuntime runtime : opened) {
                final String loader = bench.loaded(runtime).loader().getName();
                if (shape.equals("2threads")) {
                    assertEquals(Thread.currentThread().getName(), loader, shape);
                } else {
                    assertTrue(loader.startsWith("counter-" + shape + "-"), shape + " loaded by " + loader);
                }
            }
        });
    }

    /** What a test checks of one countdown, before the trial's tear-down. */
    private interface AfterCountdown {
        void check(InterpretedCountdown bench, long result, List<RcRuntime> opened);
    }

    /**
     * One countdown of a fresh trial of the shape under {@code unsafe}, checked before its
     * tear-down, which then fails the test if an object was left alive.
     */
    private static void countOnce(final String shape, final AfterCountdown after) throws Exception {
        final int before = BenchRuntimes.OPENED.size();
        final InterpretedCountdown bench = new InterpretedCountdown();
        bench.scheme = UnsafeScheme.NAME;
        bench.shape = shape;
        bench.setUp();
        try {
            final long result = bench.interpreted();
            after.check(bench, result, List.copyOf(BenchRuntimes.OPENED.subList(before, BenchRuntimes.OPENED.size())));
        } finally {
            bench.tearDown();
        }
    }

    /** The {@code def countdown} block of a program: its lines up to the first blank one. */
    private static String function(final String source) {
        final int start = source.indexOf("def countdown(n):");
        assertTrue(start >= 0, "no 'def countdown(n):' in\n" + source);
        final int end = source.indexOf("\n\n", start);
        return source.substring(start, end < 0 ? source.length() : end);
    }

    private static String resource(final String path) throws IOException {
        try (InputStream in = InterpretedCountdownTest.class.getResourceAsStream(path)) {
            assertTrue(in != null, path + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
