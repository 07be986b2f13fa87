package org.rclab.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rclab.stress.scenarios.ForkMetrics;

class VerdictsTest {
    private static final OutcomeCount EXACT =
            new OutcomeCount("0, 0", OutcomeCount.Grade.ACCEPTABLE, 90, "exact: every increment counted");

    @Test
    void zeroSamplesIsAnErrorNotClean() {
        final VerdictRow row = Verdicts.judge("gil", run("01-x", 0, List.of(), false, List.of()));

        assertEquals(Verdict.ERROR, row.verdict());
        assertTrue(row.note().contains("no samples"));
    }

    @Test
    void zeroSamplesFailsTheRunEvenForTheNegativeControl() {
        final VerdictRow row = Verdicts.judge("unsafe", run("01-x", 0, List.of(), false, List.of()));

        final List<String> problems = Verdicts.problems(List.of(row), Map.of("unsafe", false), false);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("no samples"));
    }

    @Test
    void onlyAcceptableOutcomesAreClean() {
        final VerdictRow row = Verdicts.judge("gil", run("01-x", 90, List.of(EXACT), false, List.of()));

        assertEquals(Verdict.CLEAN, row.verdict());
        assertEquals(90, row.samples());
        assertEquals(0, row.forbidden());
    }

    @Test
    void verdictIsTheWorstForbiddenOutcomeSeen() {
        final List<OutcomeCount> outcomes = List.of(EXACT,
                forbidden("1, 0", 3, "leaks: lost decrement"),
                forbidden("0, 1", 2, "double-free: freed twice"),
                forbidden("-1, 0", 0, "use-after-free: never seen"));

        final VerdictRow row = Verdicts.judge("unsafe", run("02-x", 95, outcomes, false, List.of()));

        assertEquals(Verdict.DOUBLE_FREE, row.verdict());
        assertEquals(5, row.forbidden());
    }

    @Test
    void interestingOutcomesAreCountedButClean() {
        final OutcomeCount interesting = new OutcomeCount("1", OutcomeCount.Grade.INTERESTING, 4, "queued, then merged");

        final VerdictRow row = Verdicts.judge("brc", run("05-x", 94, List.of(EXACT, interesting), false, List.of()));

        assertEquals(Verdict.CLEAN, row.verdict());
        assertEquals(4, row.interesting());
    }

    @Test
    void staleTerminationSampleIsADeadlock() {
        final List<OutcomeCount> outcomes = List.of(
                new OutcomeCount("TERMINATED", OutcomeCount.Grade.ACCEPTABLE, 10, "terminated"),
                forbidden("STALE", 1, "deadlock: blocked each other"));

        assertEquals(Verdict.DEADLOCK, Verdicts.judge("x", run("09-x", 11, outcomes, false, List.of())).verdict());
    }

    @Test
    void forkTimeoutIsADeadlock() {
        assertEquals(Verdict.DEADLOCK, Verdicts.judge("x", run("07-x", 90, List.of(EXACT), true, List.of())).verdict());
    }

    @Test
    void forkErrorWithNothingForbiddenIsAnError() {
        final VerdictRow row = Verdicts.judge("x", run("03-x", 90, List.of(EXACT), false,
                List.of("TEST_ERROR: java.lang.IllegalStateException: gave up\n\tat somewhere")));

        assertEquals(Verdict.ERROR, row.verdict());
        assertTrue(row.note().contains("gave up"));
        assertTrue(!row.note().contains("somewhere"), "only the first line of an error is kept");
    }

    @Test
    void forbiddenOutcomeWithoutAVerdictWordCannotBeClean() {
        final VerdictRow row = Verdicts.judge("x", run("03-x", 90, List.of(forbidden("7", 1, "Unmatched")), false,
                List.of()));

        assertEquals(Verdict.ERROR, row.verdict());
    }

    @Test
    void threadSafeSchemeWithAFindingFailsTheRun() {
        final VerdictRow bad = Verdicts.judge("fine-grained", run("02-x", 90,
                List.of(EXACT, forbidden("1, 0", 1, "leaks: lost decrement")), false, List.of()));

        final List<String> problems = Verdicts.problems(List.of(bad), Map.of("fine-grained", true), true);

        assertEquals(List.of("fine-grained / 02-x: leaks (the scheme claims thread safety); most frequent forbidden "
                + "outcome: [1, 0] x 1, leaks: lost decrement"), problems);
    }

    @Test
    void negativeControlMustFailEveryRowDeclaredForItWhenTheModeIsLongEnough() {
        final VerdictRow clean = Verdicts.judge("unsafe", run("01-x", 90, List.of(EXACT), false, List.of(),
                List.of(), true, ForkMetrics.of(Map.of(), 1)));

        final List<String> problems = Verdicts.problems(List.of(clean), Map.of("unsafe", false), true);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("unsafe / 01-x: clean, but a scheme without thread safety must"));
        assertTrue(Verdicts.problems(List.of(clean), Map.of("unsafe", false), false).isEmpty(), "reported only at sanity");
    }

    @Test
    void negativeControlCleanInARowNotDeclaredForItPasses() {
        final VerdictRow clean = Verdicts.judge("unsafe", run("05-x", 90, List.of(EXACT), false, List.of()));

        assertTrue(Verdicts.problems(List.of(clean), Map.of("unsafe", false), true).isEmpty());
    }

    @Test
    void negativeControlWithLossesPasses() {
        final VerdictRow lossy = Verdicts.judge("unsafe", run("01-x", 90,
                List.of(EXACT, forbidden("5, 1", 9, "loses-counts: lost increment")), false, List.of(), List.of(), true,
                ForkMetrics.none()));

        assertTrue(Verdicts.problems(List.of(lossy), Map.of("unsafe", false), true).isEmpty());
    }

    @Test
    void demonstrationNeitherFailsNorExcusesAScheme() {
        final ScenarioRun demo = new ScenarioRun(new Suite.Entry("t", "10-released", true, "", List.of(), false), 90,
                List.of(EXACT, forbidden("5, 1", 9, "loses-counts: lost increment")), false, List.of(),
                ForkMetrics.none());
        final VerdictRow gilDemo = Verdicts.judge("gil", demo);

        assertTrue(gilDemo.demonstration());
        assertTrue(Verdicts.problems(List.of(gilDemo), Map.of("gil", true), true).isEmpty());
    }

    @Test
    void targetedPathTheSchemeHasButNeverRanIsNotExercised() {
        final VerdictRow row = Verdicts.judge("brc", run("05-x", 90, List.of(EXACT), false, List.of(),
                List.of("queued", "merges-explicit"), false,
                ForkMetrics.of(Map.of("brc.queued", 0L, "brc.merges-explicit", 7L, "brc.lock-parks", 0L), 2)));

        assertEquals(Verdict.NOT_EXERCISED, row.verdict());
        assertEquals(Map.of("brc.queued", 0L, "brc.merges-explicit", 7L), row.exercised(),
                "only the targeted paths, by their full names");
        assertTrue(row.note().contains("never ran: brc.queued"), row.note());
    }

    @Test
    void everyTargetedPathThatRanIsCleanAndSchemesWithoutThePathAreJudgedOnCountsAlone() {
        final List<String> paths = List.of("drop-requests", "forced-drops");
        final VerdictRow gil = Verdicts.judge("gil", run("15-x", 90, List.of(EXACT), false, List.of(), paths, false,
                ForkMetrics.of(Map.of("gil.drop-requests", 12L, "gil.forced-drops", 12L), 1)));
        final VerdictRow brc = Verdicts.judge("brc", run("15-x", 90, List.of(EXACT), false, List.of(), paths, false,
                ForkMetrics.of(Map.of("brc.queued", 0L), 1)));

        assertEquals(Verdict.CLEAN, gil.verdict());
        assertEquals(Verdict.CLEAN, brc.verdict());
        assertTrue(brc.exercised().isEmpty());
    }

    @Test
    void aNewSchemeIsJudgedOnThePathsItRegisters() {
        final VerdictRow row = Verdicts.judge("gil-priority", run("15-x", 90, List.of(EXACT), false, List.of(),
                List.of("drop-requests", "forced-drops"), false,
                ForkMetrics.of(Map.of("gil-priority.drop-requests", 3L, "gil-priority.forced-drops", 0L), 1)));

        assertEquals(Verdict.NOT_EXERCISED, row.verdict());
    }

    @Test
    void noMetricsRecordedWhilePathsAreTargetedIsNotExercised() {
        final VerdictRow row = Verdicts.judge("brc", run("05-x", 90, List.of(EXACT), false, List.of(),
                List.of("queued"), false, ForkMetrics.none()));

        assertEquals(Verdict.NOT_EXERCISED, row.verdict());
        assertTrue(row.note().contains("no fork recorded its metrics"));
    }

    @Test
    void aFindingOutranksNotExercised() {
        final VerdictRow row = Verdicts.judge("brc", run("05-x", 90,
                List.of(EXACT, forbidden("1, 0", 4, "leaks: lost decrement"), forbidden("0, 1", 1, "double-free: twice")),
                false, List.of(), List.of("queued"), false, ForkMetrics.of(Map.of("brc.queued", 0L), 1)));

        assertEquals(Verdict.DOUBLE_FREE, row.verdict());
        assertTrue(row.note().contains("most frequent forbidden outcome: [1, 0] x 4, leaks: lost decrement"), row.note());
    }

    @Test
    void notExercisedFailsAFullRunAndIsOnlyReportedAtSanity() {
        final VerdictRow row = Verdicts.judge("brc", run("05-x", 90, List.of(EXACT), false, List.of(),
                List.of("queued"), false, ForkMetrics.of(Map.of("brc.queued", 0L), 1)));

        assertEquals(1, Verdicts.problems(List.of(row), Map.of("brc", true), true).size());
        assertTrue(Verdicts.problems(List.of(row), Map.of("brc", true), false).isEmpty());
    }

    @Test
    void summaryCountsOneCheckPerRow() {
        final VerdictRow gilClean = Verdicts.judge("gil", run("01-x", 90, List.of(EXACT), false, List.of()));
        final VerdictRow unsafeLossy = Verdicts.judge("unsafe", run("01-x", 90,
                List.of(EXACT, forbidden("5, 1", 9, "loses-counts: lost increment")), false, List.of()));
        final VerdictRow unsafeEmpty = Verdicts.judge("unsafe", run("02-x", 0, List.of(), false, List.of()));

        final Verdicts.Summary summary = Verdicts.summarize(List.of(gilClean, unsafeLossy, unsafeEmpty),
                Map.of("gil", true, "unsafe", false), true);

        assertEquals(2, summary.passed());
        assertEquals(1, summary.failed());
        assertEquals(List.of("unsafe / 02-x: no samples (the scenario did not run)"), summary.problems());
    }

    private static OutcomeCount forbidden(final String state, final long count, final String description) {
        return new OutcomeCount(state, OutcomeCount.Grade.FORBIDDEN, count, description);
    }

    private static ScenarioRun run(final String scenario, final long samples, final List<OutcomeCount> outcomes,
                                   final boolean timedOut, final List<String> errors) {
        return run(scenario, samples, outcomes, timedOut, errors, List.of(), false, ForkMetrics.none());
    }

    private static ScenarioRun run(final String scenario, final long samples, final List<OutcomeCount> outcomes,
                                   final boolean timedOut, final List<String> errors, final List<String> paths,
                                   final boolean controlFails, final ForkMetrics metrics) {
        return new ScenarioRun(new Suite.Entry("org.rclab.stress.scenarios.X", scenario, false, "", paths, controlFails),
                samples, outcomes, timedOut, errors, metrics);
    }
}
