package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final double EPS = 1e-9;

    private final BenchReport report = Fixtures.report();

    @Test
    void listsSchemesSortedAndBenchmarksInQuestionOrder() {
        assertEquals(List.of("brc", "fine-grained", "gil", "unsafe"), report.schemes());
        assertEquals(List.of("ownedPair", "ownedPairBatch", "sharedPair", "containerOps", "containerOps",
                "countdown", "countdown", "countdown", "ioConvoy", "ioConvoy", "ioConvoy", "ioConvoy"),
                report.variants().stream().map(Variant::method).toList());
    }

    @Test
    void ratiosAreTimesOverTheControlsTimeInTheSameVariant() {
        final Measurement brc = find("ownedPair", "brc");
        assertEquals(1.58 / 1.50, report.ratioToControl(brc), EPS);
        assertEquals(1.0, report.ratioToControl(find("ownedPair", "unsafe")), EPS);
    }

    @Test
    void noRatioWhereTheControlDidNotRun() {
        assertTrue(Double.isNaN(report.ratioToControl(find("sharedPair", "gil"))));
        final BenchReport withoutControl = new BenchReport(Fixtures.measurements(), null, List.of());
        assertTrue(Double.isNaN(withoutControl.ratioToControl(find("ownedPair", "brc"))));
    }

    @Test
    void countdownShapesAreComparedWithOneThreadPerScheme() {
        final BenchReport.Relative countdown = report.relativeTables().stream()
                .filter(t -> t.parameter().equals("shape")).findFirst().orElseThrow();
        assertEquals("1thread", countdown.values().get(0));
        assertEquals(List.of("1thread", "2threads", "2runtimes"), countdown.values());
        assertEquals(List.of("brc", "gil", "unsafe"), List.copyOf(countdown.byScheme().keySet()));
        assertEquals(48.0 / 50.0, countdown.ratio("gil", "2threads"), EPS);
        assertEquals(27.0 / 50.0, countdown.ratio("gil", "2runtimes"), EPS);
        assertEquals(29.0 / 54.0, countdown.ratio("brc", "2threads"), EPS);
        assertEquals(1.0, countdown.ratio("brc", "1thread"), EPS);
        assertTrue(Double.isNaN(countdown.ratio("fine-grained", "2threads")));
    }

    @Test
    void convoyNeighboursAreComparedWithNonePerInterval() {
        final Map<String, BenchReport.Relative> byInterval = report.relativeTables().stream()
                .filter(t -> t.parameter().equals("neighbour"))
                .collect(Collectors.toMap(t -> t.group().params().get("interval"), Function.identity()));
        assertEquals(2, byInterval.size());
        assertEquals(6.31 / 1.13, byInterval.get("5").ratio("gil", "cpu"), EPS);
        assertEquals(2.26 / 1.12, byInterval.get("1").ratio("gil", "cpu"), EPS);
    }

    @Test
    void checksEachTargetAgainstTheRun() {
        final Map<String, TargetCheck> checks = report.targetChecks().stream()
                .collect(Collectors.toMap(c -> c.target().scheme() + " " + c.target().ratioText(), Function.identity()));
        final TargetCheck gilSerialises = checks.get("gil countdown{shape=2threads} / countdown{shape=1thread}");
        assertEquals(TargetCheck.Verdict.PASS, gilSerialises.verdict());
        assertEquals(0.96, gilSerialises.value(), EPS);
        final TargetCheck fineGrainedPair = checks.get("fine-grained ownedPair / ownedPair{scheme=@control}");
        assertEquals(TargetCheck.Verdict.PASS, fineGrainedPair.verdict());
        assertEquals(5.10 / 1.50, fineGrainedPair.value(), EPS);
        final TargetCheck brcVsGil = checks.get("brc countdown{shape=1thread} / countdown{scheme=gil,shape=1thread}");
        assertEquals(TargetCheck.Verdict.PASS, brcVsGil.verdict());
        assertEquals(54.0 / 50.0, brcVsGil.value(), EPS);
        assertEquals(TargetCheck.Verdict.INFO,
                checks.get("brc ownedPairBatch / ownedPairBatch{scheme=@control}").verdict());
        final TargetCheck fineGrainedCountdown = checks.get("fine-grained countdown{shape=2threads} / countdown{shape=1thread}");
        assertEquals(TargetCheck.Verdict.NOT_RUN, fineGrainedCountdown.verdict());
        assertTrue(fineGrainedCountdown.detail().contains("fine-grained"), fineGrainedCountdown.detail());
    }

    @Test
    void aRatioOutsideTheBoundIsAMiss() {
        final List<Target> strict = Target.parse("gil\townedPair / ownedPair{scheme=@control}\t<=\t1.05\tr");
        final TargetCheck check = new BenchReport(Fixtures.measurements(), "unsafe", strict).targetChecks().get(0);
        assertEquals(TargetCheck.Verdict.MISS, check.verdict());
        assertEquals(1.60 / 1.50, check.value(), EPS);
    }

    @Test
    void aTargetMatchingSeveralResultsIsReportedNotGuessed() {
        final List<Target> ambiguous = Target.parse("gil\tioConvoy / ownedPair\t<=\t1\tr");
        final TargetCheck check = new BenchReport(Fixtures.measurements(), "unsafe", ambiguous).targetChecks().get(0);
        assertEquals(TargetCheck.Verdict.NOT_RUN, check.verdict());
        assertTrue(check.detail().startsWith("ambiguous"), check.detail());
    }

    @Test
    void controlTargetsAreNotRunWithoutAControl() {
        final BenchReport noControl = new BenchReport(Fixtures.measurements(), null, Target.project());
        final TargetCheck check = noControl.targetChecks().get(0);
        assertEquals(TargetCheck.Verdict.NOT_RUN, check.verdict());
        assertEquals("no control scheme in this run", check.detail());
    }

    @Test
    void coversOnlyTargetsWhoseSchemesRan() {
        final List<Measurement> gilOnly = Fixtures.measurements().stream().filter(m -> m.scheme().equals("gil")).toList();
        final BenchReport partial = new BenchReport(gilOnly, null, Target.project());
        final List<Target> covered = Target.project().stream().filter(partial::covers).toList();
        assertFalse(covered.isEmpty());
        assertTrue(covered.stream().allMatch(t -> t.scheme().equals("gil")));
        final BenchReport brcOnly = new BenchReport(Fixtures.measurements().stream()
                .filter(m -> m.scheme().equals("brc")).toList(), null, Target.project());
        assertTrue(Target.project().stream().filter(t -> "gil".equals(t.denominator().params().get("scheme")))
                .noneMatch(brcOnly::covers), "a target comparing brc with gil needs gil's results too");
    }

    private static Measurement find(final String method, final String scheme) {
        return Fixtures.measurements().stream().filter(m -> m.method().equals(method) && m.scheme().equals(scheme))
                .findFirst().orElseThrow();
    }
}
