package org.rclab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--workload nosuch|unknown workload 'nosuch' (workloads: countdown|convoy|containers)",
        "--scheme unsafe|scheme 'unsafe' emits no events",
        "--scheme nosuch|nosuch",
        "--seconds 0|--seconds must be above 0",
        "--seconds -1|--seconds must be above 0",
        "--seconds soon|--seconds needs a number",
        "--threads 0|--threads must be from 1",
        "--workload convoy --threads 1|--workload convoy needs --threads 2 or more",
        "--window 0|--window must be above 0",
        "--frobnicate 1|unknown option '--frobnicate'",
        "--seconds|--seconds needs a value",
    })
    void badInputGetsAOneLineErrorAndStatusTwoBeforeAnythingRuns(final String args, final String message) {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = TraceCommand.run((args + " --results " + dir.resolve("out")).split(" "),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        final String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(TraceCommand.USAGE, status, text);
        assertTrue(text.startsWith("rclab trace: "), text);
        assertTrue(text.lines().findFirst().orElseThrow().contains(message), text);
        assertTrue(Files.notExists(dir.resolve("out")), "nothing was written");
    }

    @Test
    void theGilConvoyWritesTheRecordingTheChartsAndASummaryWithHandovers() throws Exception {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = TraceCommand.run(new String[] {"--scheme", "gil", "--workload", "convoy", "--seconds", "0.5",
            "--results", dir.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(TraceCommand.OK, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.size(dir.resolve("gil-convoy.jfr")) > 0);
        assertTrue(Files.size(dir.resolve("gil-convoy-timeline.png")) > 0);
        assertTrue(Files.size(dir.resolve("gil-convoy-waits-io-1.png")) > 0, "the blocking thread waited after its calls");
        final String md = Files.readString(dir.resolve("gil-convoy.md"));
        final Matcher handovers = Pattern.compile("(?m)^- hand-overs: (\\d+) ").matcher(md);
        assertTrue(handovers.find(), md);
        assertTrue(Long.parseLong(handovers.group(1)) > 0, md);
        final Matcher requests = Pattern.compile("\\| Drop request \\(`org.rclab.gil.DropRequest`\\) \\| (\\d+) \\|")
                .matcher(md);
        assertTrue(requests.find(), md);
        assertTrue(Long.parseLong(requests.group(1)) > 0, "the blocking thread had to ask for the lock back: " + md);
        assertTrue(md.contains("| io-1 |") && md.contains("| cpu |"), md);
    }
}
