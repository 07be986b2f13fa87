package org.rclab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;
import org.rclab.runtime.events.ThreadAttachEvent;
import org.rclab.runtime.events.ThreadDetachEvent;

/**
 * The reader against a real recording: events produced here, in a {@link Recording}, written to
 * a file and read back. Produced in the test rather than committed as a fixture so the file always
 * comes from this JDK's recorder and these annotations, and the test names the events it expects.
 */
class TraceReaderTest {
    @Name("test.rclab.Wait")
    @Label("Test wait")
    @Category({LaneState.CATEGORY, "test"})
    @LaneState(LaneState.WAITING)
    static final class TestWait extends Event {
        @Label("Hand-over")
        boolean handover;
    }

    @Name("test.rclab.Mark")
    @Label("Test mark")
    @Category({LaneState.CATEGORY, "test"})
    @Marker
    static final class TestMark extends Event {
    }

    @Name("test.other.Outside")
    @Category("Elsewhere")
    static final class Outside extends Event {
    }

    @Test
    void recordedEventsBecomeLanesWithTheirAnnotationsAndHandoverField(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("fixture.jfr");
        final long[] waitNanos = new long[1];
        try (Recording recording = new Recording()) {
            for (final Class<? extends Event> type : List.of(TestWait.class, TestMark.class,
                    Outside.class, ThreadAttachEvent.class, ThreadDetachEvent.class)) {
                recording.enable(type).withoutStackTrace().withoutThreshold();
            }
            recording.start();
            final Thread lane = new Thread(() -> {
                final ThreadAttachEvent attach = new ThreadAttachEvent();
                attach.runtime = "test runtime";
                attach.commit();
                final TestWait wait = new TestWait();
                wait.begin();
                final long until = System.nanoTime() + 200_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                wait.end();
                wait.handover = true;
                wait.commit();
                new TestMark().commit();
                new Outside().commit();
                new ThreadDetachEvent().commit();
            }, "lane-a");
            lane.start();
            lane.join();
            recording.stop();
            recording.dump(file);
        }
        final List<TraceEvent> events = TraceReader.read(file);
        assertEquals(List.of(TraceEvent.ATTACH, "test.rclab.Wait", "test.rclab.Mark", TraceEvent.DETACH),
                events.stream().map(TraceEvent::name).toList(), "the lab's events in order, nothing from elsewhere");
        final TraceEvent wait = events.get(1);
        assertEquals("lane-a", wait.threadName());
        assertEquals("Test wait", wait.label());
        assertEquals(LaneState.WAITING, wait.laneState());
        assertTrue(wait.handover());
        assertFalse(wait.marker());
        assertTrue(wait.duration() >= 200_000, "the wait lasted as long as the spin: " + wait.duration());
        waitNanos[0] = wait.duration();
        assertTrue(events.get(2).marker());
        assertEquals(null, events.get(2).laneState());

        final Timeline timeline = LaneBuilder.build(events);
        assertEquals(1, timeline.lanes().size());
        final Timeline.Lane lane = timeline.lanes().get(0);
        assertEquals("lane-a", lane.threadName());
        assertEquals(List.of(waitNanos[0]), lane.waits());
        assertEquals(1, lane.marks().size());
        assertEquals(1, timeline.handovers());
    }
}
