package org.rclab.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code ./rclab run}: usage mistakes exit 2 with one line; --show-refcount reports. */
class RunCommandTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args) {
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return RunCommand.run(args, o, e).status();
        }
    }

    @Test
    void unknownSchemeIsAUsageErrorNamingTheKnownOnes() throws IOException {
        final Path program = Files.writeString(temp.resolve("p.py"), "print(1)\n");
        assertEquals(2, run(program.toString(), "--scheme", "no-such"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("rclab run: unknown scheme 'no-such'"), err::toString);
    }

    @Test
    void unknownOptionAndMissingFileAreUsageErrors() {
        assertEquals(2, run("--frobnicate"));
        assertEquals(2, run(temp.resolve("absent.py").toString()));
        assertEquals(2, run());
        assertEquals(2, run(temp.resolve("p.py").toString(), "--switch-interval", "fast"));
    }

    @Test
    void showRefcountReportsNoLiveObjectAfterACleanProgram() throws IOException {
        final Path program = Files.writeString(temp.resolve("p.py"),
                "xs = [1, 'two', (3.0, 2 ** 70)]\nd = {'k': xs}\nprint(len(d['k']))\n");
        assertEquals(0, run(program.toString(), "--scheme", "unsafe", "--show-refcount"));
        assertEquals("3\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("[0 live objects]\n", err.toString(StandardCharsets.UTF_8));
    }
}
