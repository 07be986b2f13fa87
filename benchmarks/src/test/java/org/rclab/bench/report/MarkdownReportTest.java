package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static final RunInfo RUN = new RunInfo("2025-01-01 00:00 UTC to 00:05 UTC", "./rclab bench --quick",
            "quick: 3 rounds", 2, "not run: no python3", repro(),
            List.of("sharedPair: not run for unsafe (not thread-safe)"));

    private final MarkdownReport markdown = new MarkdownReport(Fixtures.report(), RUN);

    private static Map<String, String> repro() {
        final Map<String, String> map = new LinkedHashMap<>();
        map.put("commit", "abc123 (clean tree)");
        map.put("JMH", "1.37");
        return map;
    }

    @Test
    void anIntervalEndThatPrintsAsItsBoundGetsTheDigitsThatSetItApart() {
        // The idle run of 2026-12-01 03:14: gil's interpreter / CPython [1.004, 1.23], a miss of
        // <= 1.00, printed as [1.00, 1.23] beside the bound 1.00.
        final Estimate missed = new Estimate(1.11, 1.0042, 1.2311, 6, 0.975);
        assertEquals("1.11 [1.004, 1.23]", Reports.estimate(missed, new double[] {1.0}));
        assertEquals("1.11 [1.00, 1.23]", Reports.estimate(missed, new double[] {0.9}), "no bound nearby");
        assertEquals("1.25 [1.2496, 1.251]", Reports.estimate(new Estimate(1.2504, 1.2496, 1.2512, 6, 0.975),
                new double[] {1.25}), "both ends near the bound");
        assertEquals("0.60 [0.58, 0.60]", Reports.estimate(new Estimate(0.6, 0.58, 0.6, 6, 0.975),
                new double[] {0.6}), "an end that is the bound stays as it prints");
    }

    @Test
    void aRunThatLookedTwiceShowsItsTargetsAtTheLevelThatKeepsItsErrorAndSaysWhy() {
        final RunInfo twice = new RunInfo(RUN.when(), "./rclab bench", "full: 6 rounds", 2, RUN.python(), repro(),
                List.of("after 6 rounds ..."), 2, 6);
        final String full = new MarkdownReport(new BenchReport(Fixtures.forks(), "unsafe", Target.project(),
                twice.looks(), twice.firstLook()), twice).full(List.of());
        assertTrue(full.contains("| measured [97.5% interval] |"), full);
        assertTrue(full.contains("looked at its targets twice"), full);
        assertTrue(full.contains("A target the first look settled (after round 6) keeps that verdict"), full);
        final String once = markdown.full(List.of());
        assertTrue(once.contains("| measured [95% interval] |") && !once.contains("looked at its targets"), once);
        final Estimate wider = new BenchReport(Fixtures.forks(), "unsafe", Target.project(), 2).targetChecks().get(0)
                .estimate();
        final Estimate narrower = Fixtures.report().targetChecks().get(0).estimate();
        assertEquals(narrower.value(), wider.value(), 1e-12);
        assertTrue(wider.high() / wider.low() > narrower.high() / narrower.low(), wider + " against " + narrower);
    }

    @Test
    void summaryHasARowPerVariantWithScoresAndPairedRatios() {
        final String summary = markdown.summary();
        assertTrue(summary.contains("| benchmark | unit | brc | fine-grained | gil | unsafe |"), summary);
        // Drift between rounds cancels within a round: the ratio's interval has zero width.
        assertTrue(summary.contains("| ownedPair | ns/op | 1.60 (1.05 [1.05, 1.05]×) | 5.17 (3.40 [3.40, 3.40]×) |"), summary);
        assertTrue(summary.contains("| sharedPair (2 threads) | ns/op | 40.5 | 38.5 | 12.2 | not run |"), summary);
        assertTrue(summary.contains("`./rclab bench --quick`"), summary);
    }

    @Test
    void summaryShowsEachTargetsIntervalRoundsAndVerdict() {
        final String summary = markdown.summary();
        assertTrue(summary.contains("| gil | `countdown{shape=2threads} / countdown{shape=1thread}` | 0.96 [0.96, 0.96] | 3 | ≥ 0.90 | pass |"),
                summary);
        assertTrue(summary.contains("| gil | `ioConvoy{interval=5,neighbour=cpu} / ioConvoy{interval=5,neighbour=none}` | 5.58 [5.58, 5.58] | 3 | 3.60–8.10 | pass |"),
                summary);
        assertTrue(summary.matches("(?s).*\\d+ pass, \\d+ miss, \\d+ inconclusive, \\d+ not run, \\d+ for reference\\..*"),
                summary);
    }

    @Test
    void fullReportHasTheCountdownRatiosPerSchemeWithIntervals() {
        final String full = markdown.full(List.of());
        assertTrue(full.contains("## countdown: shape against shape=1thread"), full);
        assertTrue(full.contains("| scheme | 1thread (ms/op) | 2runtimes (ms/op) | 2threads (ms/op) | 2runtimes / 1thread | 2threads / 1thread |"), full);
        assertTrue(full.contains("| gil | 50.7 ["), full);
        assertTrue(full.contains("| 0.54 [0.54, 0.54] | 0.96 [0.96, 0.96] |"), full);
    }

    @Test
    void fullReportSaysCpythonDidNotRunWithoutPython() {
        final String full = markdown.full(List.of());
        assertTrue(full.contains("## CPython side by side"), full);
        assertTrue(full.contains("| countdown: 2 threads / 1 thread | 0.54 [0.54, 0.54] |"), full);
        assertTrue(full.contains("not run: no python3 |"), full);
    }

    @Test
    void fullReportStatesTheRunTheLoadTheReproducibilityBlockAndTheControl() {
        final String full = markdown.full(List.of());
        assertTrue(full.contains("| run | 2025-01-01 00:00 UTC to 00:05 UTC, `./rclab bench --quick` |"), full);
        assertTrue(full.contains("- sharedPair: not run for unsafe (not thread-safe)"), full);
        assertTrue(full.contains("`unsafe`, the scheme that is not thread-safe"), full);
        assertTrue(full.contains("0 of 105 forks ran under a load above 2"), full);
        assertTrue(full.contains("## Reproducibility"), full);
        assertTrue(full.contains("| commit | abc123 (clean tree) |"), full);
        assertTrue(full.contains("### ownedPairBatch"), full);
    }

    @Test
    void forksUnderLoadAreCountedAndMarked() {
        final List<ForkResult> forks = new ArrayList<>(Fixtures.forks());
        final ForkResult first = forks.get(0);
        forks.set(0, new ForkResult(first.round(), first.position(), first.measurement(), 1.0, 3.5, Map.of()));
        final String full = new MarkdownReport(new BenchReport(forks, "unsafe", Target.project()), RUN).full(List.of());
        assertTrue(full.contains("1 of 105 forks ran under a load above 2"), full);
        assertTrue(full.contains("| brc | 1.60 [") && full.contains("| 1.58*, 2.05, 1.26 |"), full);
    }

    @Test
    void schemeMetricsAppearPerBenchmarkWithoutSchemeSpecificCode() {
        final List<ForkResult> forks = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            forks.add(new ForkResult(round, 1, Fixtures.measurement("countdown", "some-new-gil", 50, Map.of()), 0, 0,
                    Map.of("some-new-gil.failed-wakeups", 0.5 * round, "some-new-gil.handovers", 2.0)));
        }
        final String full = new MarkdownReport(new BenchReport(forks, null, List.of()), RUN).full(List.of());
        assertTrue(full.contains("| some-new-gil | `some-new-gil.failed-wakeups` | 1.00 | 0.50 – 1.50 |"), full);
        assertTrue(full.contains("| some-new-gil | `some-new-gil.handovers` | 2.00 | 2.00 – 2.00 |"), full);
    }

    @Test
    void fullReportLinksTheCharts() {
        final String full = markdown.full(List.of(new MarkdownReport.Chart("targets.png", "Targets")));
        assertTrue(full.contains("![Targets](targets.png)"), full);
        assertFalse(markdown.full(List.of()).contains("## Charts"));
    }

    @Test
    void theInterpretedCountdownTableSetsEachSchemesTimePerStepBesideCPythonsAndTheJavaLoops() {
        final List<ForkResult> forks = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            final double drift = Fixtures.DRIFT[round - 1];
            forks.add(Fixtures.fork(round, 1, Fixtures.measurement("interpreted", "gil", 40 * drift,
                    Map.of("shape", "1thread")), 0.5));
            forks.add(Fixtures.fork(round, 2, Fixtures.measurement("countdown", "gil", 20 * drift,
                    Map.of("shape", "1thread")), 0.5));
            forks.add(Fixtures.fork(round, 3, new Measurement("cpython.interpreted", "interpreted", "avgt", 1,
                    Map.of("shape", "1thread", Measurement.SCHEME, BenchReport.CPYTHON), 50 * drift, Double.NaN,
                    "ns/op"), 0.5));
        }
        final String full = new MarkdownReport(new BenchReport(forks, null, List.of()), RUN).full(List.of());
        assertTrue(full.contains("| ns per step [95% interval] | gil | CPython |"), full);
        assertTrue(full.contains("| interpreted, 1thread | 40.5 ["), full);
        assertTrue(full.contains("| Java loop (`countdown`), 1thread | 20.3 ["), full);
        // Paired within each round, the drift cancels.
        assertTrue(full.contains("| interpreted / Java loop, 1thread | 2.00 [2.00, 2.00] | — |"), full);
        assertTrue(full.contains("| interpreted / CPython, 1thread | 0.80 [0.80, 0.80] | — |"), full);
    }

    @Test
    void aReportWithCPythonInTurnSaysSoAndItsTargetRowsSayInHowManyRoundsTheSidesSharedAFork() {
        final List<ForkResult> forks = new ArrayList<>();
        final Map<String, String> one = Map.of("shape", "1thread");
        for (int round = 1; round <= 3; round++) {
            final double drift = Fixtures.DRIFT[round - 1];
            forks.add(Fixtures.fork(round, 1, cpython(60 * drift), 0.5));
            forks.add(Fixtures.fork(round, 2, Fixtures.measurement("interpreted", "gil", 40 * drift, one), 0.5));
            forks.add(Fixtures.fork(round, 2, cpython(50 * drift), 0.5));
        }
        final List<Target> targets = Target.parse(
                "gil\tinterpreted{shape=1thread} / interpreted{shape=1thread,scheme=cpython}\t<=\t1.0\tissue 19\n");
        final String full = new MarkdownReport(new BenchReport(forks, null, targets), RUN).full(List.of());
        assertTrue(full.contains("| gil | `interpreted{shape=1thread} / interpreted{scheme=cpython,shape=1thread}` | "
                + "0.80 [0.80, 0.80] | 3 | ≤ 1.00 | pass | issue 19 (paired in turn: both sides from one fork in 3 of 3 "
                + "rounds) |"), full);
        assertTrue(full.contains(MarkdownReport.IN_TURN_PYTHON), full);
        // Without a copy in turn, neither.
        final String apart = new MarkdownReport(new BenchReport(forks.stream().filter(f -> f.position() == 1
                || !f.measurement().scheme().equals(BenchReport.CPYTHON)).toList(), null, targets), RUN).full(List.of());
        assertFalse(apart.contains(MarkdownReport.IN_TURN_PYTHON), apart);
        assertFalse(apart.contains("paired in turn"), apart);
    }

    private static Measurement cpython(final double ns) {
        return new Measurement("cpython.interpreted", "interpreted", "avgt", 1,
                Map.of("shape", "1thread", Measurement.SCHEME, BenchReport.CPYTHON), ns, Double.NaN, "ns/op");
    }
}
