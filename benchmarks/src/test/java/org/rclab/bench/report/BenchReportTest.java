package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
        assertEquals(3, report.rounds());
    }

    @Test
    void ratiosAreTakenWithinEachRoundSoDriftBetweenRoundsCancels() {
        final Variant ownedPair = variant("ownedPair");
        final Estimate brc = report.ratioToControl(ownedPair, "brc");
        assertEquals(1.58 / 1.50, brc.value(), EPS);
        assertEquals(brc.value(), brc.low(), EPS);
        assertEquals(brc.value(), brc.high(), EPS);
        assertEquals(3, brc.rounds());
        final Estimate score = report.score(ownedPair, "brc");
        assertTrue(score.high() / score.low() > 1.5, "the scores themselves drift: " + score);
    }

    @Test
    void pairingFollowsTheRoundNumberNotTheOrderOfTheForks() {
        // b costs 1.5 a in every round; rounds drift by up to 3x; forks arrive shuffled and one
        // round lacks b. Pairing across rounds would mix drift into the ratio.
        final double[] drift = {1, 2, 0.5, 3};
        final List<ForkResult> forks = new ArrayList<>();
        for (int round = 1; round <= drift.length; round++) {
            forks.add(Fixtures.fork(round, 1, Fixtures.measurement("m", "a", 10 * drift[round - 1], Map.of()), 0));
            if (round != 3) {
                forks.add(Fixtures.fork(round, 2, Fixtures.measurement("m", "b", 15 * drift[round - 1], Map.of()), 0));
            }
        }
        Collections.shuffle(forks, new Random(7));
        final BenchReport shuffled = new BenchReport(forks, "a", List.of());
        final Estimate ratio = shuffled.ratioToControl(shuffled.variants().get(0), "b");
        assertEquals(1.5, ratio.value(), EPS);
        assertEquals(1.5, ratio.low(), EPS);
        assertEquals(1.5, ratio.high(), EPS);
        assertEquals(3, ratio.rounds(), "round 3 has no b: it cannot be paired");
    }

    @Test
    void noRatioWhereTheControlDidNotRun() {
        assertEquals(0, report.ratioToControl(variant("sharedPair"), "gil").rounds());
        final BenchReport withoutControl = new BenchReport(Fixtures.forks(), null, List.of());
        assertEquals(0, withoutControl.ratioToControl(variant("ownedPair"), "brc").rounds());
    }

    @Test
    void countdownShapesAreComparedWithOneThreadPerScheme() {
        final BenchReport.Relative countdown = report.relativeTables().stream()
                .filter(t -> t.parameter().equals("shape")).findFirst().orElseThrow();
        assertEquals(List.of("1thread", "2runtimes", "2threads"), countdown.values(), "baseline first, then by name");
        assertEquals(List.of("brc", "gil", "unsafe"), countdown.schemes());
        assertEquals(48.0 / 50.0, countdown.ratio("gil", "2threads").value(), EPS);
        assertEquals(27.0 / 50.0, countdown.ratio("gil", "2runtimes").value(), EPS);
        assertEquals(29.0 / 54.0, countdown.ratio("brc", "2threads").value(), EPS);
        assertEquals(0, countdown.ratio("fine-grained", "2threads").rounds());
    }

    @Test
    void convoyNeighboursAreComparedWithNonePerInterval() {
        final Map<String, BenchReport.Relative> byInterval = report.relativeTables().stream()
                .filter(t -> t.parameter().equals("neighbour"))
                .collect(Collectors.toMap(t -> t.group().params().get("interval"), Function.identity()));
        assertEquals(2, byInterval.size());
        assertEquals(6.31 / 1.13, byInterval.get("5").ratio("gil", "cpu").value(), EPS);
        assertEquals(2.26 / 1.12, byInterval.get("1").ratio("gil", "cpu").value(), EPS);
    }

    @Test
    void checksEachTargetAgainstTheRunFromItsInterval() {
        final Map<String, TargetCheck> checks = report.targetChecks().stream()
                .collect(Collectors.toMap(c -> c.target().scheme() + " " + c.target().ratioText(), Function.identity()));
        final TargetCheck gilSerialises = checks.get("gil countdown{shape=2threads} / countdown{shape=1thread}");
        assertEquals(TargetCheck.Verdict.PASS, gilSerialises.verdict());
        assertEquals(0.96, gilSerialises.estimate().value(), EPS);
        assertEquals(3, gilSerialises.estimate().rounds());
        final TargetCheck brcVsGil = checks.get("brc countdown{shape=1thread} / countdown{scheme=gil,shape=1thread}");
        assertEquals(TargetCheck.Verdict.PASS, brcVsGil.verdict());
        assertEquals(54.0 / 50.0, brcVsGil.estimate().value(), EPS);
        assertEquals(TargetCheck.Verdict.INFO, checks.get("brc ownedPair / ownedPair{scheme=@control}").verdict());
        final TargetCheck fineGrainedCountdown = checks.get("fine-grained countdown{shape=2threads} / countdown{shape=1thread}");
        assertEquals(TargetCheck.Verdict.NOT_RUN, fineGrainedCountdown.verdict());
    }

    @Test
    void anIntervalAcrossTheBoundIsInconclusiveAndOneBeyondItIsAMiss() {
        final List<Target> targets = Target.parse("""
                b\tm / m{scheme=@control}\t<=\t1.2\tr
                b\tm / m{scheme=@control}\t<=\t1.0\tr
                """);
        final List<ForkResult> forks = new ArrayList<>();
        final double[] ratios = {1.05, 1.25, 1.15, 1.10};
        for (int round = 1; round <= ratios.length; round++) {
            forks.add(Fixtures.fork(round, 1, Fixtures.measurement("m", "a", 10, Map.of()), 0));
            forks.add(Fixtures.fork(round, 2, Fixtures.measurement("m", "b", 10 * ratios[round - 1], Map.of()), 0));
        }
        final List<TargetCheck> checks = new BenchReport(forks, "a", targets).targetChecks();
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, checks.get(0).verdict(), checks.get(0).estimate().toString());
        assertEquals(TargetCheck.Verdict.MISS, checks.get(1).verdict(), checks.get(1).estimate().toString());
    }

    @Test
    void aTargetsMetricsArePrintedBesideItPerMillionOperationsFromItsTopMeasurement() {
        final List<Target> targets = Target.parse("b\tm / m{scheme=a}\t<=\t10\tr\tlock-parks,handoffs\n");
        final List<ForkResult> forks = new ArrayList<>();
        final double[] parks = {3e-6, 25e-6, 12e-6};
        for (int round = 1; round <= parks.length; round++) {
            forks.add(new ForkResult(round, 1, Fixtures.measurement("m", "a", 10, Map.of()), 0, 0,
                    Map.of("a.lock-parks", 1.0)));
            forks.add(new ForkResult(round, 2, Fixtures.measurement("m", "b", 50, Map.of()), 0, 0,
                    Map.of("b.lock-parks", parks[round - 1])));
        }
        final TargetCheck check = new BenchReport(forks, "a", targets).targetChecks().get(0);
        assertEquals("per 10⁶ operations, median round (lowest–highest): `b.lock-parks` 12.0 (3.00–25.0), "
                + "`b.handoffs` not recorded", check.detail());
    }

    @Test
    void aTargetMatchingSeveralResultsInARoundIsReportedNotGuessed() {
        final List<Target> ambiguous = Target.parse("gil\tioConvoy / ownedPair\t<=\t1\tr");
        final TargetCheck check = new BenchReport(Fixtures.forks(), "unsafe", ambiguous).targetChecks().get(0);
        assertEquals(TargetCheck.Verdict.NOT_RUN, check.verdict());
        assertTrue(check.detail().startsWith("ambiguous"), check.detail());
    }

    @Test
    void controlTargetsAreNotRunWithoutAControl() {
        final BenchReport noControl = new BenchReport(Fixtures.forks(), null, Target.project());
        final TargetCheck check = noControl.targetChecks().get(0);
        assertEquals(TargetCheck.Verdict.NOT_RUN, check.verdict());
        assertEquals("no control scheme in this run", check.detail());
    }

    @Test
    void coversOnlyTargetsWhoseSchemesAndBenchmarksRan() {
        final List<ForkResult> gilOnly = Fixtures.forks().stream().filter(f -> f.measurement().scheme().equals("gil")).toList();
        final BenchReport partial = new BenchReport(gilOnly, null, Target.project());
        final List<Target> covered = Target.project().stream().filter(partial::covers).toList();
        assertFalse(covered.isEmpty());
        assertTrue(covered.stream().allMatch(t -> t.scheme().equals("gil")));
        final BenchReport brcOnly = new BenchReport(Fixtures.forks().stream()
                .filter(f -> f.measurement().scheme().equals("brc")).toList(), null, Target.project());
        assertTrue(Target.project().stream().filter(t -> "gil".equals(t.denominator().params().get("scheme")))
                .noneMatch(brcOnly::covers), "a target comparing brc with gil needs gil's results too");
        assertTrue(Target.project().stream().filter(t -> t.denominator().method().equals("physical"))
                .noneMatch(report::covers), "the fixture has no physical floor");
    }

    @Test
    void theFloorHasNoSchemeAndPairsWithEveryScheme() {
        final List<ForkResult> forks = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            forks.add(Fixtures.fork(round, 1, Fixtures.measurement("physical", "", 2.0, Map.of("kind", "atomic")), 0));
            forks.add(Fixtures.fork(round, 2, Fixtures.measurement("ownedPairBatch", "fg", 5.0 + round, Map.of()), 0));
        }
        final BenchReport floor = new BenchReport(forks, null,
                Target.parse("fg\townedPairBatch / physical{kind=atomic}\tinfo\t-\tr"));
        assertEquals(List.of("fg"), floor.schemes());
        assertEquals(1, floor.floors().size());
        final TargetCheck check = floor.targetChecks().get(0);
        assertEquals(Math.cbrt(6.0 / 2 * 7.0 / 2 * 8.0 / 2), check.estimate().value(), EPS);
        assertTrue(floor.covers(check.target()));
    }

    @Test
    void aFigureOverASumJudgesTheExcessOverTheControlInMultiplesOfTheFloor() {
        // Rounds drift by up to 3x. unsafe's cycle 5, the floor 12: two floors above unsafe is 29.
        // a's cycle 30 is 25 over (miss), b's 28 is 23 over (pass). Round 4 has no floor: it drops out.
        final double[] drift = {1, 2, 0.5, 3};
        final List<ForkResult> forks = new ArrayList<>();
        for (int round = 1; round <= drift.length; round++) {
            final double d = drift[round - 1];
            forks.add(Fixtures.fork(round, 1, Fixtures.measurement("containerOps", "unsafe", 5 * d, Map.of()), 0));
            forks.add(Fixtures.fork(round, 2, Fixtures.measurement("containerOps", "a", 30 * d, Map.of()), 0));
            forks.add(Fixtures.fork(round, 3, Fixtures.measurement("containerOps", "b", 28 * d, Map.of()), 0));
            if (round != 4) {
                forks.add(Fixtures.fork(round, 4, Fixtures.measurement("physical", "", 12 * d, Map.of("kind", "cas")), 0));
            }
        }
        final List<Target> targets = Target.parse("""
                a	containerOps / containerOps{scheme=@control} + 2*physical{kind=cas}	<=	1	r
                b	containerOps / containerOps{scheme=@control} + 2 * physical{kind=cas}	<=	1	r
                """);
        final List<TargetCheck> checks = new BenchReport(forks, "unsafe", targets).targetChecks();
        assertEquals(30.0 / 29, checks.get(0).estimate().value(), EPS);
        assertEquals(3, checks.get(0).estimate().rounds(), "round 4 lacks the floor");
        assertEquals(TargetCheck.Verdict.MISS, checks.get(0).verdict());
        assertEquals(28.0 / 29, checks.get(1).estimate().value(), EPS);
        assertEquals(TargetCheck.Verdict.PASS, checks.get(1).verdict());
        assertEquals("containerOps / (containerOps{scheme=@control} + 2 × physical{kind=cas})",
                targets.get(0).ratioText());
        assertFalse(new BenchReport(forks.stream().filter(f -> !f.measurement().method().equals("physical")).toList(),
                "unsafe", targets).covers(targets.get(0)), "a run without the floor does not cover the figure");
    }

    @Test
    void cpythonIsPairedLikeASchemeButKeptOutOfTheSchemeTables() {
        final List<ForkResult> forks = new ArrayList<>(Fixtures.forks());
        for (int round = 1; round <= 3; round++) {
            forks.add(Fixtures.fork(round, 99, cpython("1thread", 300 * Fixtures.DRIFT[round - 1]), 0.5));
            forks.add(Fixtures.fork(round, 99, cpython("2threads", 312 * Fixtures.DRIFT[round - 1]), 0.5));
        }
        final BenchReport withPython = new BenchReport(forks, "unsafe", List.of());
        assertTrue(withPython.hasCPython());
        assertEquals(report.schemes(), withPython.schemes());
        assertEquals(report.variants(), withPython.variants());
        final Estimate ratio = withPython.ratio(new Target.Cell("countdown", Map.of("shape", "2threads")),
                BenchReport.CPYTHON, new Target.Cell("countdown", Map.of("shape", "1thread")), BenchReport.CPYTHON);
        assertEquals(1.04, ratio.value(), EPS);
    }

    @Test
    void aRatioToCPythonTakesTheCopyFromTheSameForkAsTheOtherSide() {
        // Each round: CPython's seeds run at position 1 (a copy of its one-thread step, 40 ns), a fork
        // of countdown cells in turn at position 5 with CPython's copy in it (30 ns), and gil's
        // interpreted fork in turn at position 9 with its own copy (50 ns). The host drifts by round.
        final List<ForkResult> forks = new ArrayList<>();
        final Map<String, String> one = Map.of("shape", "1thread");
        for (int round = 1; round <= 3; round++) {
            final double drift = Fixtures.DRIFT[round - 1];
            forks.add(Fixtures.fork(round, 1, interpreted(40 * drift), 0.5));
            forks.add(Fixtures.fork(round, 5, Fixtures.measurement("countdown", "gil", 12 * drift, one), 0.5));
            forks.add(Fixtures.fork(round, 5, interpreted(30 * drift), 0.5));
            forks.add(Fixtures.fork(round, 9, Fixtures.measurement("interpreted", "gil", 45 * drift, one), 0.5));
            forks.add(Fixtures.fork(round, 9, interpreted(50 * drift), 0.5));
            forks.add(Fixtures.fork(round, 12, Fixtures.measurement("interpreted", "brc", 44 * drift, one), 0.5));
        }
        final List<Target> targets = Target.parse("""
                gil	countdown{shape=1thread} / interpreted{shape=1thread,scheme=cpython}	<=	0.5	issue 13
                gil	interpreted{shape=1thread} / interpreted{shape=1thread,scheme=cpython}	<=	1.0	issue 19
                brc	interpreted{shape=1thread} / interpreted{shape=1thread,scheme=cpython}	info	-	nearest copy
                """);
        final List<TargetCheck> checks = new BenchReport(forks, null, targets).targetChecks();
        assertEquals(12.0 / 30, checks.get(0).estimate().value(), EPS, "the countdown fork's own CPython copy");
        assertEquals(45.0 / 50, checks.get(1).estimate().value(), EPS, "the interpreted fork's own CPython copy");
        assertEquals(44.0 / 50, checks.get(2).estimate().value(), EPS, "no copy in its fork: the nearest in the order");
        assertEquals("paired in turn: both sides from one fork in 3 of 3 rounds", checks.get(0).detail());
        assertEquals("paired in turn: both sides from one fork in 0 of 3 rounds (else the copies nearest in the "
                + "round's order)", checks.get(2).detail());
        assertEquals(Math.cbrt(40.0 * 30 * 50) * Math.cbrt(1.0 * 1.3 * 0.8),
                new BenchReport(forks, null, targets).score(new Target.Cell("interpreted", one), BenchReport.CPYTHON)
                        .value(), 1e-6, "CPython's score: a round's copies count once, as their geometric mean");
    }

    @Test
    void cellsThatTookTurnsInOneForkArePairedIterationByIteration() {
        // brc costs 1.5 gil in every iteration, but the host ran some iterations at twice the time and
        // the two cells drew their slow iterations differently: gil's median is a fast one, brc's a slow
        // one. Iteration k of each ran side by side, so the k-th ratios are 1.5 whatever the state.
        final Map<String, String> one = Map.of("shape", "1thread");
        final List<Double> gil = List.of(10.0, 20.0, 10.0, 20.0, 10.0);
        final List<Double> brc = gil.stream().map(x -> 1.5 * x).toList();
        final List<Double> brcNoisier = List.of(15.0, 30.0, 30.0, 30.0, 15.0);
        final List<ForkResult> forks = List.of(
                new ForkResult(1, 3, Fixtures.measurement("countdown", "gil", 10, one), 0.5, 0.5, Map.of(), gil, 2),
                new ForkResult(1, 3, Fixtures.measurement("countdown", "brc", 30, one), 0.5, 0.5, Map.of(), brcNoisier, 2),
                new ForkResult(2, 3, Fixtures.measurement("countdown", "gil", 10, one), 0.5, 0.5, Map.of(), gil, 2),
                new ForkResult(2, 3, Fixtures.measurement("countdown", "brc", 15, one), 0.5, 0.5, Map.of(), brc, 2));
        final BenchReport paired = new BenchReport(forks, null, List.of());
        final List<BenchReport.Pair> pairs = paired.pairs(m -> m.scheme().equals("brc"), m -> m.scheme().equals("gil"));
        assertEquals(1.5, pairs.get(0).ratio(), EPS,
                "round 1: k-th ratios 1.5 1.5 3 1.5 1.5 (one iteration of brc's fell in a slow state beside a "
                        + "fast one of gil's): their median, not the medians' 30 / 10 = 3");
        assertEquals(1.5, pairs.get(1).ratio(), EPS, "round 2: the same state in every pair");
        assertEquals(1 / 1.5, paired.pairs(m -> m.scheme().equals("gil"), m -> m.scheme().equals("brc")).get(1).ratio(),
                EPS, "the inverse ratio is the inverse");
    }

    @Test
    void countsForksRunUnderALoadAboveTheCpuCount() {
        final List<ForkResult> forks = List.of(
                new ForkResult(1, 1, Fixtures.measurement("m", "a", 1, Map.of()), 0.5, 1.9, Map.of()),
                new ForkResult(1, 2, Fixtures.measurement("m", "b", 1, Map.of()), 1.5, 2.5, Map.of()),
                new ForkResult(2, 1, Fixtures.measurement("m", "a", 1, Map.of()), 3.0, 1.0, Map.of()));
        assertEquals(2, new BenchReport(forks, "a", List.of()).forksUnderLoad(2));
    }

    /** CPython's one-thread interpreted step, as its seeds run and its participant in turn both name it. */
    private static Measurement interpreted(final double ns) {
        return new Measurement("cpython.interpreted", "interpreted", "avgt", 1,
                Map.of("shape", "1thread", Measurement.SCHEME, BenchReport.CPYTHON), ns, Double.NaN, "ns/op");
    }

    private static Measurement cpython(final String shape, final double ms) {
        return new Measurement("cpython.countdown", "countdown", "avgt", 1,
                Map.of("shape", shape, Measurement.SCHEME, BenchReport.CPYTHON), ms, Double.NaN, "ms/op");
    }

    private Variant variant(final String method) {
        return report.variants().stream().filter(v -> v.method().equals(method)).findFirst().orElseThrow();
    }
}
