package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VerdictTest {
    private static Target target(final String relation, final String bound) {
        return Target.parse("s\ta / b\t" + relation + "\t" + bound + "\tr").get(0);
    }

    private static Estimate interval(final double low, final double high) {
        return new Estimate(Math.sqrt(low * high), low, high, 5, Estimate.CONFIDENCE);
    }

    private static TargetCheck.Verdict judge(final String relation, final String bound, final double low,
                                             final double high) {
        return target(relation, bound).judge(interval(low, high));
    }

    @Test
    void atMostPassesOnlyWhenTheWholeIntervalIsAtOrBelowTheBound() {
        assertEquals(TargetCheck.Verdict.PASS, judge("<=", "1.2", 1.0, 1.1));
        assertEquals(TargetCheck.Verdict.PASS, judge("<=", "1.2", 1.0, 1.2));
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, judge("<=", "1.2", 1.1, 1.3));
        assertEquals(TargetCheck.Verdict.MISS, judge("<=", "1.2", 1.25, 1.5));
    }

    @Test
    void atLeastIsTheMirrorImage() {
        assertEquals(TargetCheck.Verdict.PASS, judge(">=", "0.9", 0.9, 1.2));
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, judge(">=", "0.9", 0.8, 1.0));
        assertEquals(TargetCheck.Verdict.MISS, judge(">=", "0.9", 0.5, 0.7));
    }

    @Test
    void strictRelationsTreatTheBoundItselfAsFailing() {
        assertEquals(TargetCheck.Verdict.MISS, judge("<", "1", 1.0, 1.2));
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, judge("<", "1", 0.8, 1.0));
        assertEquals(TargetCheck.Verdict.PASS, judge("<", "1", 0.5, 0.99));
        assertEquals(TargetCheck.Verdict.MISS, judge(">", "1", 0.8, 1.0));
        assertEquals(TargetCheck.Verdict.PASS, judge(">", "1", 1.01, 2));
    }

    @Test
    void aRangePassesInsideMissesOutsideAndIsInconclusiveAcrossAnEdge() {
        assertEquals(TargetCheck.Verdict.PASS, judge("in", "3.6..8.1", 4, 7));
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, judge("in", "3.6..8.1", 3, 5));
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, judge("in", "3.6..8.1", 7, 9));
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, judge("in", "3.6..8.1", 3, 9));
        assertEquals(TargetCheck.Verdict.MISS, judge("in", "3.6..8.1", 1, 3));
        assertEquals(TargetCheck.Verdict.MISS, judge("in", "3.6..8.1", 8.5, 9));
    }

    @Test
    void anInconclusiveVerdictSaysHowManyRoundsWouldSettleItAndASettledOneSaysNothingMore() {
        final Estimate straddling = Estimate.of(new double[] {Math.exp(0.1), Math.exp(-0.1), Math.exp(0.1), Math.exp(-0.1)});
        final TargetCheck near = new TargetCheck(target("<=", "1.1"), straddling,
                target("<=", "1.1").judge(straddling), "");
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, near.verdict());
        assertEquals(9, near.roundsToSettle());
        assertEquals("inconclusive (about 9 rounds would settle it)", near.verdictText());
        final TargetCheck atBound = new TargetCheck(target("<=", "1.0"), straddling, TargetCheck.Verdict.INCONCLUSIVE, "");
        assertEquals("inconclusive (at this spread, not within 100 rounds)", atBound.verdictText());
        final Estimate clear = Estimate.of(new double[] {2, 2.1, 1.9});
        assertEquals("MISS", new TargetCheck(target("<=", "1.1"), clear, target("<=", "1.1").judge(clear), "").verdictText());
    }

    @Test
    void oneRoundIsInconclusiveNoRoundIsNotRunAndInfoIsNeverJudged() {
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, target("<=", "1.2").judge(Estimate.of(new double[] {0.5})));
        assertEquals(TargetCheck.Verdict.NOT_RUN, target("<=", "1.2").judge(Estimate.NONE));
        assertEquals(TargetCheck.Verdict.INFO, target("info", "-").judge(interval(5, 6)));
    }
}
