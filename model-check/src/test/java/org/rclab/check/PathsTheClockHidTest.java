package org.rclab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rclab.check.scenarios.CheckpointHandOver;
import org.rclab.check.scenarios.SectionExclusion;
import org.rclab.scheme.Schemes;

/**
 * The cells that Lincheck could not decide before {@code timed-waits=expired} (or
 * {@code parks-expire}) and {@code lock-spins=0}: each now passes its quick budget, and its
 * metrics show that the path it is there for ran in the model (a pass with the path absent would
 * say nothing).
 */
class PathsTheClockHidTest {
    @Test
    void gilCheckpointHandOverPassesWithDropRequestsAndForcedDropsInTheModel() {
        final CheckRow row = CheckCommand.check(Schemes.byName("gil"), new CheckpointHandOver(), Budget.QUICK);
        assertEquals("pass", row.verdict(), row.counterexample());
        assertTrue(row.metrics().getOrDefault("gil.drop-requests", 0L) > 0, row.metrics().toString());
        assertTrue(row.metrics().getOrDefault("gil.forced-drops", 0L) > 0, row.metrics().toString());
    }

    @Test
    void fineGrainedLockHandOffPassesWithParksAndHandOffsInTheModel() {
        final CheckRow row = CheckCommand.check(Schemes.byName("fine-grained"), SectionExclusion.handOff(),
                Budget.QUICK);
        assertEquals("pass", row.verdict(), row.counterexample());
        assertTrue(row.metrics().getOrDefault("fine-grained.lock-parks", 0L) > 0, row.metrics().toString());
        assertTrue(row.metrics().getOrDefault("fine-grained.handoffs", 0L) > 0, row.metrics().toString());
    }

    /**
     * The lock's own policy: with the 1 ms rule on the model's clock (which never moves) no
     * unlock hands over, and a wake-up erased by an unlock's release store is taken back by the
     * waiter's expired park.
     */
    @Test
    void fineGrainedSectionExclusionPassesWithLostWakeupsTakenBackAndNoHandOff() {
        final CheckRow row = CheckCommand.check(Schemes.byName("fine-grained"), new SectionExclusion(),
                Budget.QUICK);
        assertEquals("pass", row.verdict(), row.counterexample());
        assertTrue(row.metrics().getOrDefault("fine-grained.lock-parks", 0L) > 0, row.metrics().toString());
        assertTrue(row.metrics().getOrDefault("fine-grained.lost-wakeups", 0L) > 0, row.metrics().toString());
        assertEquals(0L, row.metrics().getOrDefault("fine-grained.handoffs", 0L), row.metrics().toString());
    }

    /**
     * The negative control of the cell above: the same lock with its timed parks on the clock,
     * taken by the checker for expired, hangs where the wake-up is lost, and the hang is an
     * error, not {@code undecided}.
     */
    @Test
    void fineGrainedWithParksThatNeverExpireHangsInSectionExclusionAsAnError() {
        final CheckRow row = CheckCommand.check(new ParksOnTheClock(), new SectionExclusion(), Budget.QUICK);
        // "error" when Lincheck reports the hang as non-determinism (its replay differs), "fail"
        // when it replays it; never "undecided" or "pass".
        assertTrue(row.verdict().equals("error") || row.verdict().equals("fail"), row.verdict());
        assertFalse(row.expected(), row.counterexample());
        assertTrue(row.counterexample().contains(ModelChecker.HUNG), row.counterexample());
    }
}
