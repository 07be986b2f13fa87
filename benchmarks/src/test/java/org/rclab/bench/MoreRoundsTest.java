package org.rclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rclab.bench.report.BenchReport;
import org.rclab.bench.report.Estimate;
import org.rclab.bench.report.ForkResult;
import org.rclab.bench.report.Measurement;
import org.rclab.bench.report.Target;
import org.rclab.bench.report.TargetCheck;
import org.rclab.bench.report.Turns;

class MoreRoundsTest {
    private static final Catalog.Entry PAIR = new Catalog.Entry("org.rclab.bench.OwnedPair.ownedPair", "ownedPair", false,
            1, Map.of("scheme", new String[] {"x", "y"}));
    private static final Catalog.Entry SHARED = new Catalog.Entry("org.rclab.bench.SharedPair.sharedPair", "sharedPair",
            false, 1, Map.of("scheme", new String[] {"x", "y"}));
    private static final Catalog.Entry COUNTDOWN = new Catalog.Entry("org.rclab.bench.Countdown.countdown", "countdown",
            false, 1, Map.of("scheme", new String[] {"x", "y"}));
    private static final Catalog.Entry COUNTDOWNS = new Catalog.Entry("org.rclab.bench.turns.CellsInTurn.countdowns",
            "countdowns", false, 1, Map.of());
    private static final BenchCommand.Plan.Fork PAIR_X = new BenchCommand.Plan.Fork(PAIR, Map.of("scheme", "x"));
    private static final BenchCommand.Plan.Fork PAIR_Y = new BenchCommand.Plan.Fork(PAIR, Map.of("scheme", "y"));
    private static final BenchCommand.Plan.Fork SHARED_X = new BenchCommand.Plan.Fork(SHARED, Map.of("scheme", "x"));
    private static final BenchCommand.Plan.Fork SHARED_Y = new BenchCommand.Plan.Fork(SHARED, Map.of("scheme", "y"));

    private static Measurement measurement(final Catalog.Entry entry, final String scheme, final double score) {
        return new Measurement(entry.benchmark(), entry.method(), "avgt", 1, Map.of("scheme", scheme), score, Double.NaN,
                "ns/op");
    }

    @Test
    void moreRoundsRunOnlyTheForksThatGaveAnInconclusiveTargetItsPairs() {
        // x's ownedPair is 1.5 y's in every round: settled against 2. x's sharedPair over its
        // ownedPair swings around 1: inconclusive against 1. y's sharedPair is read by no target.
        final BenchCommand.Plan plan = new BenchCommand.Plan(List.of(PAIR_X, PAIR_Y, SHARED_X, SHARED_Y), null, List.of());
        final double[] swing = {0.8, 1.25, 0.9};
        final Map<String, BenchCommand.Plan.Fork> ranAt = new LinkedHashMap<>();
        final List<ForkResult> forks = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            final List<BenchCommand.Plan.Fork> order = plan.round(round, 42, true);
            for (int position = 1; position <= order.size(); position++) {
                final BenchCommand.Plan.Fork fork = order.get(position - 1);
                ranAt.put(round + "/" + position, fork);
                final Measurement m = fork.isCPython() ? measurement(PAIR, BenchReport.CPYTHON, 30)
                        : fork.equals(PAIR_X) ? measurement(PAIR, "x", 15)
                        : fork.equals(PAIR_Y) ? measurement(PAIR, "y", 10)
                        : fork.equals(SHARED_X) ? measurement(SHARED, "x", 15 * swing[round - 1])
                        : measurement(SHARED, "y", 99);
                forks.add(new ForkResult(round, position, m, 0.5, 0.5, Map.of()));
            }
        }
        final List<Target> targets = Target.parse("""
                x	ownedPair / ownedPair{scheme=y}	<=	2.0	settled
                x	sharedPair / ownedPair	<=	1.0	swings across its bound
                """);
        final BenchReport sofar = new BenchReport(forks, null, targets, 2);
        assertEquals(List.of(PAIR_X, SHARED_X), List.copyOf(BenchCommand.forksOf(
                BenchCommand.open(sofar).stream().map(TargetCheck::target).toList(), sofar, ranAt, plan).keySet()),
                "the inconclusive target's two forks, in plan order; not the settled one's other fork, not CPython's");
    }

    /** Four countdown cells in turn in one fork: x's and y's one and two threads. */
    private static final List<Turns.Participant> CELLS = List.of(
            new Turns.Participant(COUNTDOWN.benchmark(), Map.of("scheme", "x", "shape", "1thread")),
            new Turns.Participant(COUNTDOWN.benchmark(), Map.of("scheme", "x", "shape", "2threads")),
            new Turns.Participant(COUNTDOWN.benchmark(), Map.of("scheme", "y", "shape", "1thread")),
            new Turns.Participant(COUNTDOWN.benchmark(), Map.of("scheme", "y", "shape", "2threads")));
    private static final BenchCommand.Plan.Fork WHOLE = new BenchCommand.Plan.Fork(COUNTDOWNS,
            Map.of(Turns.PARAM, Turns.param(CELLS)), CELLS);
    /** x's two threads take half its one thread's time in every round: settled. y's are at 0.6 ± a swing: open. */
    private static final List<Target> SHAPES = Target.parse("""
            x	countdown{shape=2threads} / countdown{shape=1thread}	<=	0.6	settled
            y	countdown{shape=2threads} / countdown{shape=1thread}	<=	0.6	open
            """);

    /**
     * The fork's results, a round per entry of y's ratios, the fork at position 1: all four cells in
     * the first {@code wholeRounds} rounds, only y's two (the open target's) in the rounds after them.
     */
    private static List<ForkResult> shapesInTurn(final int wholeRounds, final double... y) {
        final List<ForkResult> forks = new ArrayList<>();
        for (int round = 1; round <= y.length; round++) {
            final boolean whole = round <= wholeRounds;
            for (final Turns.Participant cell : whole ? CELLS : CELLS.subList(2, 4)) {
                final boolean two = cell.params().get("shape").equals("2threads");
                final double score = !two ? 10 : cell.params().get("scheme").equals("x") ? 5 : 10 * y[round - 1];
                forks.add(new ForkResult(round, 1, new Measurement(cell.benchmark(), cell.method(), "avgt", 1,
                        cell.params(), score, Double.NaN, "ns/op"), 0.5, 0.5, Map.of(), List.of(), whole ? 4 : 2));
            }
        }
        return forks;
    }

    @Test
    void moreRoundsOfAForkOfCellsInTurnKeepOnlyTheOpenTargetsCells() {
        final Map<BenchCommand.Plan.Fork, BenchCommand.Plan.Fork> again = againAfterThreeRounds(WHOLE);
        assertEquals(1, again.size(), "one fork to run again");
        final BenchCommand.Plan.Fork kept = again.keySet().iterator().next();
        assertEquals(Set.of(CELLS.get(2), CELLS.get(3)), Set.copyOf(kept.turns()), "y's two cells, not x's");
        assertEquals(Turns.param(kept.turns()), kept.params().get(Turns.PARAM), "the fork's parameter names its cells");
        assertEquals(WHOLE, again.get(kept), "it stands for the whole fork of the first rounds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bareCells", "interpreteds"})
    void moreRoundsOfAForkOfBareOrInterpretedCellsRunItWhole(final String method) {
        // The same shapes as the countdown test, in a fork of bare or interpreted cells: its company
        // changes a cell's time, so it is run again with every cell.
        final Catalog.Entry bare = new Catalog.Entry("org.rclab.bench.turns.CellsInTurn." + method, method, false, 1,
                Map.of());
        final BenchCommand.Plan.Fork whole = new BenchCommand.Plan.Fork(bare, Map.of(Turns.PARAM, Turns.param(CELLS)),
                CELLS);
        assertEquals(Map.of(whole, whole), againAfterThreeRounds(whole), "the whole fork, all four cells");
    }

    /** The forks to run again after three rounds of one fork of the four cells, y's target left open. */
    private static Map<BenchCommand.Plan.Fork, BenchCommand.Plan.Fork> againAfterThreeRounds(
            final BenchCommand.Plan.Fork fork) {
        final BenchCommand.Plan plan = new BenchCommand.Plan(List.of(fork), null, List.of());
        final Map<String, BenchCommand.Plan.Fork> ranAt = new LinkedHashMap<>();
        for (int round = 1; round <= 3; round++) {
            ranAt.put(round + "/1", fork);
        }
        final BenchReport sofar = new BenchReport(shapesInTurn(3, 0.5, 0.7, 0.55), null, SHAPES, 2);
        return BenchCommand.forksOf(BenchCommand.open(sofar).stream().map(TargetCheck::target).toList(), sofar, ranAt,
                plan);
    }

    /** y's ratio over the first look's six rounds of whole forks: 0.58 and wide, open against 0.6. */
    private static final double[] OPEN_AT_FIRST_LOOK = {0.5, 0.7, 0.45, 0.6, 0.55, 0.68};

    /** y's ratios: the first look's six open rounds, then six more rounds of forks of its two cells alone. */
    private static List<ForkResult> openThen(final double... more) {
        final double[] y = new double[OPEN_AT_FIRST_LOOK.length + more.length];
        System.arraycopy(OPEN_AT_FIRST_LOOK, 0, y, 0, OPEN_AT_FIRST_LOOK.length);
        System.arraycopy(more, 0, y, OPEN_AT_FIRST_LOOK.length, more.length);
        return shapesInTurn(OPEN_AT_FIRST_LOOK.length, y);
    }

    @Test
    void aTargetWhoseTrimmedForksMeasureOtherwiseThanItsWholeForksGetsNoVerdict() {
        // Whole forks put y at 0.58, open; forks of its two cells alone at 0.4 ± 0.04: pooled, the
        // 12 rounds would pass, though they measured two conditions.
        final TargetCheck check = new BenchReport(openThen(0.4, 0.44, 0.36, 0.4, 0.44, 0.36), null, SHAPES, 2, 6)
                .targetChecks().get(1);
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, check.verdict());
        assertTrue(check.companyChanged());
        assertTrue(check.detail().contains("in forks of 4 measurements (6 rounds, 1–6)")
                && check.detail().contains("in forks of 2 (6 rounds, 7–12)") && check.detail().contains("they differ"),
                check.detail());
        assertEquals("inconclusive (its fork's company changes it: see the reference column)", check.verdictText());
    }

    @Test
    void aTargetWhoseTrimmedForksAgreeWithItsWholeForksIsJudgedOverAllItsRounds() {
        final TargetCheck check = new BenchReport(openThen(0.5, 0.52, 0.48, 0.5, 0.52, 0.48), null, SHAPES, 2, 6)
                .targetChecks().get(1);
        assertEquals(TargetCheck.Verdict.PASS, check.verdict());
        assertEquals(12, check.estimate().rounds());
        assertTrue(check.detail().contains("they agree"), check.detail());
    }

    @Test
    void aTargetTheFirstLookSettledKeepsThatVerdictThoughItsCellsRanOnInOtherCompany() {
        // y settles at 0.5 ± 0.05 over the first look's six rounds of whole forks; its cells then
        // run on in forks of their own, where they measure 0.6: pooled, the company rule would
        // withhold the verdict the first look gave.
        final List<ForkResult> forks = shapesInTurn(6, 0.5, 0.55, 0.45, 0.5, 0.55, 0.45,
                0.6, 0.63, 0.57, 0.6, 0.63, 0.57);
        final TargetCheck check = new BenchReport(forks, null, SHAPES, 2, 6).targetChecks().get(1);
        assertEquals(TargetCheck.Verdict.PASS, check.verdict());
        assertEquals(6, check.estimate().rounds(), "the first look's rounds");
        assertTrue(check.detail().contains("settled at the first look, after round 6; with the 6 more round(s) its "
                + "cells also ran in:") && check.detail().contains("over 12 rounds, not judged"), check.detail());
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, new BenchReport(forks, null, SHAPES, 2).targetChecks().get(1)
                .verdict(), "a log that does not say when its first look was judges all rounds, as before");
    }

    @Test
    void asManyMoreRoundsAsFitInWhatIsLeftOfTheRunsTimeUpToTheMost() {
        final RunSettings.MoreRounds more = new RunSettings.MoreRounds(29 * 60_000L, 30);
        assertEquals(9, more.fitting(19 * 60_000L, 65_000), "10 minutes left, 65 s a round");
        assertEquals(0, more.fitting(30 * 60_000L, 65_000), "past the run's time");
        assertEquals(30, more.fitting(0, 1_000), "no more than the most");
        assertEquals(0, more.fitting(0, 0), "no fork needs a round");
        assertEquals(0, RunSettings.MoreRounds.NONE.fitting(0, 1_000), "--quick runs none");
        assertEquals(1, RunSettings.SMOKE.moreRounds().fitting(Long.MAX_VALUE / 2, 1_000_000), "--smoke runs one");
    }

    /** Three targets of one scheme, each of its own fork, all below 1.0 by different margins. */
    private static final List<Target> NEAR_AND_FAR = Target.parse("""
            x	ownedPair / ownedPair{scheme=y}	<=	1.0	first
            x	sharedPair / sharedPair{scheme=y}	<=	1.0	second
            x	foreignPair / foreignPair{scheme=y}	<=	1.0	third
            """);

    /** An open check of a target: its ratio after six rounds, within ±5% (97.5%), the bound 1.0. */
    private static TargetCheck openAt(final Target target, final double value) {
        return new TargetCheck(target, new Estimate(value, value / 1.05, value * 1.05, 6, 0.975),
                TargetCheck.Verdict.INCONCLUSIVE, "");
    }

    @Test
    void moreRoundsPursueOnlyTheTargetsTheRunsTimeCanSettle() {
        final List<TargetCheck> open = List.of(openAt(NEAR_AND_FAR.get(0), 0.97), openAt(NEAR_AND_FAR.get(1), 0.975),
                openAt(NEAR_AND_FAR.get(2), 0.985));
        assertTrue(open.get(0).roundsToSettle() < open.get(1).roundsToSettle()
                && open.get(1).roundsToSettle() <= 20 && open.get(2).roundsToSettle() > 20,
                "the three are near, middle, far: " + open.stream().map(TargetCheck::roundsToSettle).toList());
        // Each target's fork takes 10 s a round; 5 minutes are left: 15 more rounds for two targets,
        // 10 for all three.
        final RunSettings.MoreRounds more = new RunSettings.MoreRounds(10 * 60_000L, 30);
        final ToLongFunction<List<Target>> tenSecondsEach = targets -> 10_000L * targets.size();
        assertEquals(NEAR_AND_FAR.subList(0, 2), BenchCommand.pursued(open, tenSecondsEach, more, 5 * 60_000L, 6),
                "the far one would need more rounds than fit, and it would take a third of them from the others");
        assertEquals(NEAR_AND_FAR, BenchCommand.pursued(open, targets -> 1_000L * targets.size(), more, 5 * 60_000L, 6),
                "at 1 s a fork, 30 more rounds reach all three");
    }

    @Test
    void whenNoOpenTargetCanSettleEveryOneIsPursued() {
        final List<TargetCheck> open = List.of(openAt(NEAR_AND_FAR.get(2), 0.998), openAt(NEAR_AND_FAR.get(1), 1.0));
        assertEquals(List.of(NEAR_AND_FAR.get(2), NEAR_AND_FAR.get(1)), BenchCommand.pursued(open,
                targets -> 10_000L * targets.size(), new RunSettings.MoreRounds(10 * 60_000L, 30), 5 * 60_000L, 6));
    }

    @Test
    void moreRoundsPursueTheMostTargetsThatCanSettleNotTheNearestFirst() {
        // The near target's forks cost 30 s a round, the two others' 5 s each: the near one alone
        // gets 10 more rounds, enough for it; with either other, 8, enough for neither of them.
        final List<TargetCheck> open = List.of(openAt(NEAR_AND_FAR.get(0), 0.97), openAt(NEAR_AND_FAR.get(1), 0.98),
                openAt(NEAR_AND_FAR.get(2), 0.98));
        assertTrue(open.get(0).roundsToSettle() <= 16 && open.get(1).roundsToSettle() > 14
                && open.get(1).roundsToSettle() <= 36, open.stream().map(TargetCheck::roundsToSettle).toList().toString());
        final ToLongFunction<List<Target>> cost = targets -> targets.stream()
                .mapToLong(t -> t == NEAR_AND_FAR.get(0) ? 30_000L : 5_000L).sum();
        assertEquals(NEAR_AND_FAR.subList(1, 3), BenchCommand.pursued(open, cost,
                new RunSettings.MoreRounds(10 * 60_000L, 30), 5 * 60_000L, 6), "two that settle, not the nearest one");
    }
}
