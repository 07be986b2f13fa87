package org.rclab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rclab.check.scenarios.LostIncrement;
import org.rclab.scheme.Schemes;

/**
 * The one model check run by {@code mvn verify} (the rest is {@code ./rclab check}): the
 * negative control must lose an increment, and the report must show how, thread by thread.
 * Lincheck stops at the first failing interleaving.
 */
class NegativeControlTest {
    @Test
    void unsafeLosesAnIncrementAndTheCountViewShowsBothThreadsReadingTheSameCount() {
        final CheckRow row = CheckCommand.check(Schemes.byName("unsafe"), new LostIncrement(), Budget.LONG);
        assertEquals("fail", row.verdict(), row.counterexample());
        assertTrue(row.expected(), "unsafe is expected to fail");
        assertTrue(CheckReport.shortTrace(row.counterexample()).contains("lost count: str object"),
                row.counterexample());
        final String view = CountView.of(row.counterexample());
        assertNotNull(view, row.counterexample());
        // Both actors read the count 1 and both write 2: the lost update, one column each. Lincheck
        // names the actors' columns Thread 1 and 2, or Thread 2 and 3 after a Main Thread column when
        // the main thread's part of the run has a switch point of its own: it has since ThreadCounters
        // tests its first claimer's slot (with the ThreadCounters before, the columns are Thread 1 and 2).
        final List<String> lines = view.lines().toList();
        assertTrue(java.util.regex.Pattern.compile("\\| Thread \\d+ ").matcher(lines.get(0)).results().count() >= 2,
                view);
        assertEquals(2, columnsOf(lines, "o.local ➜ 1"), view);
        assertEquals(2, columnsOf(lines, "o.local = 2"), view);
    }

    /** In how many different thread columns a cell appears. */
    private static long columnsOf(final List<String> lines, final String cell) {
        return lines.stream().filter(l -> l.contains(cell))
                .map(l -> l.substring(0, l.indexOf(cell)).chars().filter(c -> c == '|').count())
                .distinct().count();
    }
}
