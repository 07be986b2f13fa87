package org.rclab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rclab.check.scenarios.LostIncrement;
import org.rclab.scheme.Schemes;

/**
 * The one model check run by {@code mvn verify} (the rest is {@code ./rclab check}): the
 * negative control must lose an increment, and the report must show how, thread by thread.
 * Lincheck stops at the first failing interleaving, so this costs a few seconds.
 */
class NegativeControlTest {
    @Test
    void unsafeLosesAnIncrementAndTheInterleavingShowsBothReadsOfTheCount() {
        final CheckRow row = CheckCommand.check(Schemes.byName("unsafe"), new LostIncrement(), Budget.LONG);
        assertEquals("fail", row.verdict());
        assertTrue(row.expected(), "unsafe is expected to fail");
        final String trace = CheckReport.shortTrace(row.counterexample());
        assertTrue(trace.contains("lost count: str object"), trace);
        assertTrue(trace.contains("| Thread 1") || trace.contains("|  Thread 1"), trace);
        // Each actor's increment is a read of the plain count and a write of its successor; the
        // losing interleaving shows both reads of the same value.
        assertTrue(trace.split("Header.localPlain\\(RcStr#1\\): 1", -1).length - 1 >= 2, trace);
    }
}
