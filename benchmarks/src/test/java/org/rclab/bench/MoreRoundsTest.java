package org.rclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rclab.bench.report.BenchReport;
import org.rclab.bench.report.ForkResult;
import org.rclab.bench.report.Measurement;
import org.rclab.bench.report.Target;

class MoreRoundsTest {
    private static final Catalog.Entry PAIR = new Catalog.Entry("org.rclab.bench.OwnedPair.ownedPair", "ownedPair", false,
            1, Map.of("scheme", new String[] {"x", "y"}));
    private static final Catalog.Entry SHARED = new Catalog.Entry("org.rclab.bench.SharedPair.sharedPair", "sharedPair",
            false, 1, Map.of("scheme", new String[] {"x", "y"}));
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
        assertEquals(List.of(PAIR_X, SHARED_X), BenchCommand.forksOfUnsettled(sofar, ranAt, plan),
                "the inconclusive target's two forks, in plan order; not the settled one's other fork, not CPython's");
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
}
