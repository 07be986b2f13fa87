package org.rclab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rclab.trace.Events.attach;
import static org.rclab.trace.Events.detach;
import static org.rclab.trace.Events.mark;
import static org.rclab.trace.Events.released;
import static org.rclab.trace.Events.waiting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class TraceSummaryTest {
    private static final long MS = 1_000_000;

    @Test
    void sharesAreFractionsOfEachThreadsAttachedTime() {
        final Timeline t = LaneBuilder.build(List.of(attach(1, 0), waiting(1, 100 * MS, 600 * MS, true),
                released(1, 700 * MS, 800 * MS), detach(1, 1000 * MS), attach(2, 500 * MS), detach(2, 1000 * MS)));
        final List<TraceSummary.Row> rows = TraceSummary.rows(t);
        final TraceSummary.Row one = rows.get(0);
        assertEquals("t1", one.thread());
        assertEquals(1000 * MS, one.attachedNanos());
        assertEquals(0.4, one.running(), 1e-12);
        assertEquals(0.5, one.waiting(), 1e-12);
        assertEquals(0.1, one.released(), 1e-12);
        assertEquals(0.0, one.parked(), 1e-12);
        assertEquals(List.of(500 * MS), one.waits());
        final TraceSummary.Row two = rows.get(1);
        assertEquals(500 * MS, two.attachedNanos());
        assertEquals(1.0, two.running(), 1e-12);
        assertEquals(List.of(), two.waits());
        assertEquals(-1, two.percentile(0.5));
    }

    @Test
    void percentilesAreNearestRank() {
        final List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();
        assertEquals(50, TraceSummary.percentile(hundred, 0.5));
        assertEquals(99, TraceSummary.percentile(hundred, 0.99));
        assertEquals(100, TraceSummary.percentile(hundred, 1.0));
        final List<Long> ten = LongStream.rangeClosed(1, 10).boxed().toList();
        assertEquals(5, TraceSummary.percentile(ten, 0.5));
        assertEquals(10, TraceSummary.percentile(ten, 0.99), "below 100 waits the 99th percentile is the longest");
        assertEquals(7, TraceSummary.percentile(List.of(7L), 0.5));
    }

    @Test
    void waitsOfEveryThreadAreSortedTogether() {
        final List<TraceEvent> events = new ArrayList<>(List.of(attach(1, 0), attach(2, 0)));
        events.add(waiting(1, 10 * MS, 15 * MS, false));
        events.add(waiting(2, 20 * MS, 21 * MS, false));
        events.add(waiting(1, 30 * MS, 33 * MS, false));
        events.add(detach(1, 100 * MS));
        events.add(detach(2, 100 * MS));
        final List<TraceSummary.Row> rows = TraceSummary.rows(LaneBuilder.build(events));
        assertEquals(List.of(3 * MS, 5 * MS), rows.get(0).waits());
        assertEquals(List.of(MS, 3 * MS, 5 * MS), TraceSummary.allWaits(rows));
    }

    @Test
    void handoversPerSecondAreOverTheRecordingsSpan() {
        final Timeline t = LaneBuilder.build(List.of(attach(1, 0), waiting(1, 100 * MS, 200 * MS, true),
                waiting(1, 300 * MS, 400 * MS, true), waiting(1, 500 * MS, 600 * MS, true), detach(1, 1500 * MS)));
        assertEquals(2.0, TraceSummary.handoversPerSecond(t), 1e-12);
    }

    @Test
    void theMarkdownHasTheThreadRowsTheHandoverLineAndEveryEventTypeIncludingAbsentOnes() {
        final Timeline t = LaneBuilder.build(List.of(attach(1, 0), waiting(1, 100 * MS, 600 * MS, true), mark(1, 700 * MS),
                detach(1, 1000 * MS)));
        final String md = TraceSummary.markdown("gil, convoy", List.of("context line"), t,
                Map.of("test.Absent", "Never happened", Events.MARK, "Mark"));
        assertTrue(md.startsWith("# gil, convoy\n\ncontext line\n"), md);
        assertTrue(md.contains("| t1 | 1.000 s | 50.0% | 50.0% | 0.0% | 0.0% | 1 | 500.000 ms | 500.000 ms | 500.000 ms |"), md);
        assertTrue(md.contains("- hand-overs: 1 (1.0 per second over 1.000 s of recording)"), md);
        assertTrue(md.contains("| Never happened (`test.Absent`) | 0 | 0.0 |"), md);
        assertTrue(md.contains("| Mark (`test.Mark`) | 1 | 1.0 |"), md);
    }
}
