package org.rclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rclab.bench.report.Measurement;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.unsafe.UnsafeScheme;

class BenchCommandTest {
    private final Catalog catalog = Catalog.load();

    @TempDir
    Path results;

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        final Outcome outcome = run("--fast");
        assertEquals(BenchCommand.USAGE, outcome.status);
        assertEquals("rclab bench: unknown option '--fast' (see --help)\n", outcome.err);
    }

    @Test
    void unknownSchemeIsAUsageErrorNamingTheKnownOnes() {
        final Outcome outcome = run("--scheme", "no-such-scheme");
        assertEquals(BenchCommand.USAGE, outcome.status);
        assertTrue(outcome.err.startsWith("rclab bench: unknown scheme 'no-such-scheme'; known schemes: "), outcome.err);
        assertTrue(outcome.err.contains(UnsafeScheme.NAME), outcome.err);
        assertEquals(1, outcome.err.lines().count());
    }

    @Test
    void unknownBenchmarkIsAUsageErrorNamingTheKnownOnes() {
        final Outcome outcome = run("--only", "fastPair");
        assertEquals(BenchCommand.USAGE, outcome.status);
        assertTrue(outcome.err.contains("unknown benchmark 'fastPair'; benchmarks: containerOps, countdown"), outcome.err);
    }

    @Test
    void unknownProfilerIsAUsageError() {
        final Outcome outcome = run("--prof", "no-such-profiler");
        assertEquals(BenchCommand.USAGE, outcome.status);
        assertTrue(outcome.err.startsWith("rclab bench: profiler 'no-such-profiler' is unknown"), outcome.err);
        assertEquals(1, outcome.err.lines().count());
    }

    @Test
    void optionWithoutValueAndConflictingSettingsAreUsageErrors() {
        assertEquals(BenchCommand.USAGE, run("--scheme").status);
        assertEquals(BenchCommand.USAGE, run("--only", "--quick").status);
        assertEquals(BenchCommand.USAGE, run("--quick", "--smoke").status);
    }

    @Test
    void aThreadSafeOnlyBenchmarkWithOnlyTheControlHasNothingToRun() {
        final Outcome outcome = run("--scheme", UnsafeScheme.NAME, "--only", "sharedPair");
        assertEquals(BenchCommand.USAGE, outcome.status);
        assertTrue(outcome.err.contains("nothing to run"), outcome.err);
        assertFalse(Files.exists(results.resolve("bench")), "no results directory for a run that did not start");
    }

    @Test
    void helpListsTheBenchmarks() {
        final Outcome outcome = run("--help");
        assertEquals(BenchCommand.OK, outcome.status);
        assertTrue(outcome.out.contains("--only BENCHMARK"), outcome.out);
        assertTrue(outcome.out.contains("ownedPair, ownedPairBatch"), outcome.out);
    }

    @Test
    void smokeDefaultsToOneBenchmarkAndShortSettings() {
        final BenchCommand.Request request = BenchCommand.Request.parse(new String[] {"--smoke"}, catalog,
                List.of(scheme("a", true)));
        assertEquals(RunSettings.SMOKE, request.settings());
        assertEquals(Set.of(BenchCommand.SMOKE_BENCHMARK), request.only());
        assertEquals("./rclab bench --smoke", request.commandLine());
    }

    @Test
    void planRunsSharedBenchmarksOnlyWithThreadSafeSchemesAndSaysSo() {
        final List<Scheme> schemes = List.of(scheme("careful", true), scheme("reckless", false));
        final BenchCommand.Request request = BenchCommand.Request.parse(
                new String[] {"--only", "sharedPair", "--only", "ownedPair"}, catalog, schemes);
        final BenchCommand.Plan plan = BenchCommand.Plan.make(catalog, request);
        assertEquals(2, plan.groups().size());
        assertEquals(List.of("careful", "reckless"), plan.groups().get(0).schemes());
        assertEquals(List.of("ownedPair"), plan.groups().get(0).benchmarks().stream().map(Catalog.Entry::method).toList());
        assertEquals(List.of("careful"), plan.groups().get(1).schemes());
        assertEquals(2 + 1, plan.runs());
        assertEquals(1, plan.notes().size());
        assertTrue(plan.notes().get(0).startsWith("SharedPair.sharedPair: not run for reckless"), plan.notes().get(0));
        assertEquals("reckless", plan.control());
    }

    @Test
    void controlIsTheCoreControlAmongSeveralSchemesThatAreNotThreadSafe() {
        final List<Scheme> schemes = List.of(scheme("another-unsafe", false), scheme(UnsafeScheme.NAME, false),
                scheme("safe", true));
        final BenchCommand.Plan plan = BenchCommand.Plan.make(catalog,
                BenchCommand.Request.parse(new String[0], catalog, schemes));
        assertEquals(UnsafeScheme.NAME, plan.control());
        final BenchCommand.Plan onlySafe = BenchCommand.Plan.make(catalog,
                BenchCommand.Request.parse(new String[] {"--scheme", "safe"}, catalog, schemes));
        assertNull(onlySafe.control());
    }

    @Test
    void mergesJmhResultFilesIntoOneArray() {
        final String merged = BenchCommand.mergeJsonArrays(List.of(
                "[\n    {\"benchmark\": \"a.b\", \"mode\": \"avgt\", \"params\": {\"scheme\": \"x\"},"
                        + " \"primaryMetric\": {\"score\": 1.0, \"scoreError\": \"NaN\", \"scoreUnit\": \"ns/op\"}}\n]\n",
                "[\n]\n",
                "[{\"benchmark\": \"a.c\", \"mode\": \"avgt\", \"threads\": 2,"
                        + " \"primaryMetric\": {\"score\": 2.0, \"scoreError\": 0.1, \"scoreUnit\": \"ns/op\"}}]"));
        final List<Measurement> all = Measurement.fromJmhJson(merged);
        assertEquals(List.of("b", "c"), all.stream().map(Measurement::method).toList());
        assertEquals("[\n]\n", BenchCommand.mergeJsonArrays(List.of()));
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.mergeJsonArrays(List.of("{}")));
    }

    private Outcome run(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), results);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Outcome(int status, String out, String err) {
    }

    private static Scheme scheme(final String name, final boolean threadSafe) {
        return new Scheme() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test scheme";
            }

            @Override
            public boolean threadSafe() {
                return threadSafe;
            }

            @Override
            public SchemeInstance open(final SchemeContext context) {
                throw new UnsupportedOperationException("the plan never opens a scheme");
            }
        };
    }
}
