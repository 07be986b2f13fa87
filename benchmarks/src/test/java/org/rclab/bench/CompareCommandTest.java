package org.rclab.bench;

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

class CompareCommandTest {
    @TempDir
    Path results;

    @Test
    void printsTheVerdictsThenTheBenchmarkSummaryUnderHeadings() throws IOException {
        write(CompareCommand.VERDICTS, "| scheme | scenario | verdict |\n| unsafe | incref-incref | loses-counts |\n");
        write(CompareCommand.SUMMARY, "| benchmark | unit | unsafe |\n| ownedPair | ns/op | 1.50 |\n");
        final String[] outErr = new String[2];
        final int status = run(outErr, results.toString());
        assertEquals(BenchCommand.OK, status);
        final String out = outErr[0];
        final int verdicts = out.indexOf("== Race verdicts (stress suite): ");
        final int throughput = out.indexOf("== Throughput (benchmarks");
        assertTrue(verdicts >= 0 && throughput > verdicts, out);
        assertTrue(out.indexOf("| unsafe | incref-incref | loses-counts |") > verdicts, out);
        assertTrue(out.indexOf("| ownedPair | ns/op | 1.50 |") > throughput, out);
    }

    @Test
    void saysWhenTheStressPartDidNotRun() throws IOException {
        write(CompareCommand.SUMMARY, "| benchmark |\n");
        final String[] outErr = new String[2];
        assertEquals(BenchCommand.OK, run(outErr, results.toString()));
        assertTrue(outErr[0].contains("the stress part did not run"), outErr[0]);
    }

    @Test
    void failsWithoutABenchmarkSummary() {
        final String[] outErr = new String[2];
        assertEquals(BenchCommand.FAILURE, run(outErr, results.toString()));
        assertTrue(outErr[1].startsWith("rclab compare: no benchmark summary"), outErr[1]);
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        final String[] outErr = new String[2];
        assertEquals(BenchCommand.USAGE, run(outErr));
        assertEquals(BenchCommand.USAGE, run(outErr, results.resolve("missing").toString()));
        assertEquals(1, outErr[1].lines().count());
    }

    private void write(final Path relative, final String text) throws IOException {
        final Path file = results.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static int run(final String[] outErr, final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = CompareCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        outErr[0] = out.toString(StandardCharsets.UTF_8);
        outErr[1] = err.toString(StandardCharsets.UTF_8);
        return status;
    }
}
