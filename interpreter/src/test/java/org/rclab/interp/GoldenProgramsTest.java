package org.rclab.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;

/**
 * Runs every golden program ({@code golden/NAME.py} with its expected {@code NAME.out}, and
 * {@code NAME.err} when it fails or reports) under every scheme {@link java.util.ServiceLoader}
 * finds, and the project's three countdown examples with a small count. Every run must leave no
 * live object, in the program's runtime and in every pool worker's. A program named
 * {@code threads_*} starts threads: under a scheme that is not thread-safe it must be refused
 * with a message naming the scheme.
 */
@Timeout(120)
class GoldenProgramsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path EXAMPLES = Path.of("../examples");
    private static final String SMALL_COUNT = "COUNT = 20000";

    @TempDir
    Path temp;

    record Run(int status, String out, String err, RunCommand.Outcome outcome) {
    }

    static Stream<Arguments> goldenPrograms() throws IOException {
        final List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (final Path program : files.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                for (final Scheme scheme : Schemes.discover()) {
                    cases.add(Arguments.of(program.getFileName().toString(), scheme.name()));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> examples() throws IOException {
        final List<Arguments> cases = new ArrayList<>();
        for (final String example : List.of("countdown.py", "countdown_threads.py", "countdown_pool.py")) {
            for (final Scheme scheme : Schemes.discover()) {
                cases.add(Arguments.of(example, scheme.name()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("goldenPrograms")
    void goldenProgramPrintsItsExpectedOutputAndLeavesNothingLive(final String name, final String scheme)
            throws IOException {
        final Path program = GOLDEN.resolve(name);
        final Run run = run(program, scheme);
        final String base = name.substring(0, name.length() - ".py".length());
        if (name.startsWith("threads_") && !Schemes.byName(scheme).threadSafe()) {
            assertEquals(1, run.status(), run.err());
            assertTrue(run.err().contains("RuntimeError: Thread.start() refused: scheme '" + scheme
                    + "' is not thread-safe"), run.err());
        } else {
            final Path err = GOLDEN.resolve(base + ".err");
            final String expectedErr = Files.exists(err) ? Files.readString(err) : "";
            assertEquals(Files.readString(GOLDEN.resolve(base + ".out")), run.out(), "stdout of " + name);
            assertEquals(expectedErr, run.err().replace(program.toString(), name), "stderr of " + name);
            final boolean fails = !expectedErr.isEmpty() && !expectedErr.startsWith("Exception in thread");
            assertEquals(fails ? 1 : 0, run.status(), run.err());
        }
        assertEquals(0, run.outcome().liveAtExit(), "objects left live in the program's runtime");
        assertEquals(0, run.outcome().liveInWorkers(), "objects left live in pool workers' runtimes");
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("examples")
    void countdownExampleRunsUnchangedButForItsCount(final String example, final String scheme) throws IOException {
        final String source = Files.readString(EXAMPLES.resolve(example));
        assertTrue(source.contains("COUNT = 100000000"), "the example keeps the seeds' count");
        final Path copy = temp.resolve(example);
        Files.writeString(copy, source.replace("COUNT = 100000000", SMALL_COUNT));
        final Run run = run(copy, scheme);
        if (example.equals("countdown_threads.py") && !Schemes.byName(scheme).threadSafe()) {
            assertEquals(1, run.status());
            assertTrue(run.err().contains("scheme '" + scheme + "' is not thread-safe"), run.err());
        } else {
            assertEquals(0, run.status(), run.err());
            assertTrue(run.out().matches("Time taken in seconds - [0-9.e-]+\n"), run.out());
            assertFalse(run.err().contains("Error"), run.err());
        }
        assertEquals(0, run.outcome().liveAtExit());
        assertEquals(0, run.outcome().liveInWorkers());
    }

    private static Run run(final Path program, final String scheme) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final RunCommand.Outcome outcome;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            outcome = RunCommand.run(new String[] {program.toString(), "--scheme", scheme, "--switch-interval", "1",
                "--strict-checks"},
                    o, e);
        }
        return new Run(outcome.status(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                outcome);
    }
}
