package org.rclab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rclab.check.scenarios.CheckpointHandOver;
import org.rclab.check.scenarios.SectionExclusion;
import org.rclab.scheme.Schemes;

/**
 * The two cells that Lincheck could not decide before {@code timed-waits=expired} and
 * {@code lock-spins=0}: each now passes its quick budget, and its metrics show that the path it is
 * there for ran in the model (a pass with the path absent would say nothing).
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
}
