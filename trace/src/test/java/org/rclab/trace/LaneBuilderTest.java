package org.rclab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rclab.trace.Events.attach;
import static org.rclab.trace.Events.detach;
import static org.rclab.trace.Events.mark;
import static org.rclab.trace.Events.parked;
import static org.rclab.trace.Events.released;
import static org.rclab.trace.Events.waiting;

import java.util.List;

import org.junit.jupiter.api.Test;

class LaneBuilderTest {
    private static Timeline.Segment seg(final State state, final long from, final long to) {
        return new Timeline.Segment(state, from, to);
    }

    @Test
    void paintingEventsColourTheirThreadsLaneAndTheRestIsRunning() {
        final Timeline t = LaneBuilder.build(List.of(attach(1, 0), waiting(1, 100, 600, true), released(1, 700, 800),
                parked(1, 850, 900), detach(1, 1000)));
        assertEquals(1, t.lanes().size());
        assertEquals(List.of(seg(State.RUNNING, 0, 100), seg(State.WAITING, 100, 600), seg(State.RUNNING, 600, 700),
                seg(State.RELEASED, 700, 800), seg(State.RUNNING, 800, 850), seg(State.PARKED, 850, 900),
                seg(State.RUNNING, 900, 1000)), t.lanes().get(0).segments());
    }

    @Test
    void eventsGiveInAnyOrderTheSameLanes() {
        final List<TraceEvent> ordered = List.of(attach(1, 0), waiting(1, 100, 600, false), detach(1, 1000));
        final List<TraceEvent> shuffled = List.of(detach(1, 1000), waiting(1, 100, 600, false), attach(1, 0));
        assertEquals(LaneBuilder.build(ordered).lanes(), LaneBuilder.build(shuffled).lanes());
    }

    @Test
    void aLaneIsPaintedOnlyWhileItsThreadIsAttached() {
        final Timeline t = LaneBuilder.build(List.of(attach(1, 100), detach(1, 400), attach(1, 600),
                waiting(1, 350, 650, false), detach(1, 900)));
        assertEquals(List.of(seg(State.RUNNING, 100, 350), seg(State.WAITING, 350, 400), seg(State.WAITING, 600, 650),
                seg(State.RUNNING, 650, 900)), t.lanes().get(0).segments());
        assertEquals(600, t.lanes().get(0).attached());
    }

    @Test
    void aThreadAttachedBeforeTheRecordingStartsWithIt() {
        final Timeline t = LaneBuilder.build(List.of(attach(2, 0), detach(1, 500), detach(2, 800)));
        assertEquals(List.of(seg(State.RUNNING, 0, 500)), lane(t, "t1").segments());
        assertEquals(List.of(seg(State.RUNNING, 0, 800)), lane(t, "t2").segments());
    }

    @Test
    void aThreadThatNeverDetachedRunsToTheRecordingsEnd() {
        final Timeline t = LaneBuilder.build(List.of(attach(1, 100), attach(2, 0), detach(2, 900)));
        assertEquals(List.of(seg(State.RUNNING, 100, 900)), lane(t, "t1").segments());
    }

    @Test
    void overlappingPaintKeepsTheEventThatStartedFirst() {
        final Timeline t = LaneBuilder.build(List.of(attach(1, 0), released(1, 100, 500), waiting(1, 400, 700, false),
                detach(1, 1000)));
        assertEquals(List.of(seg(State.RUNNING, 0, 100), seg(State.RELEASED, 100, 500), seg(State.WAITING, 500, 700),
                seg(State.RUNNING, 700, 1000)), t.lanes().get(0).segments());
    }

    @Test
    void markersSitOnTheLaneOfTheThreadThatEmittedThem() {
        final Timeline t = LaneBuilder.build(List.of(attach(1, 0), attach(2, 0), mark(2, 300), detach(1, 1000),
                detach(2, 1000)));
        assertEquals(List.of(), lane(t, "t1").marks());
        assertEquals(List.of(new Timeline.Mark(Events.MARK, "Mark", 300)), lane(t, "t2").marks());
    }

    @Test
    void handoversAndEventsAreCountedOverTheWholeRecording() {
        final Timeline t = LaneBuilder.build(List.of(attach(1, 0), waiting(1, 10, 20, true), waiting(1, 30, 40, false),
                waiting(1, 50, 60, true), mark(1, 70), detach(1, 100)));
        assertEquals(2, t.handovers());
        assertEquals(3L, t.counts().get(Events.TAKE));
        assertEquals(1L, t.counts().get(Events.MARK));
        assertEquals("Waiting", t.labels().get(Events.TAKE));
        assertEquals(0, t.start());
        assertEquals(100, t.end());
    }

    @Test
    void waitsJoinAcrossAShortRunningGapAndNotAcrossALongOne() {
        final long join = Timeline.WAIT_JOIN_NANOS;
        // A forced switch's wait, a gap of a few instructions, the take's wait: one wait.
        // Then a wait after the thread ran for longer than the join limit: a second one.
        final Timeline t = LaneBuilder.build(List.of(attach(1, 0), waiting(1, 1_000, 2_000, false),
                waiting(1, 2_005, 7_000, true), waiting(1, 7_000 + join, 9_000 + join, false),
                detach(1, 100_000)));
        assertEquals(List.of(6_000L, 2_000L), t.lanes().get(0).waits());
    }

    @Test
    void aWaitEndsAtBlockingWorkEvenRightAfterIt() {
        final Timeline t = LaneBuilder.build(List.of(attach(1, 0), waiting(1, 100, 200, false), released(1, 200, 300),
                waiting(1, 300, 400, false), detach(1, 1_000_000)));
        assertEquals(List.of(100L, 100L), t.lanes().get(0).waits());
    }

    @Test
    void parkedOnAnObjectLockCountsAsAWait() {
        final Timeline t = LaneBuilder.build(List.of(attach(1, 0), parked(1, 100, 300), detach(1, 1_000_000)));
        assertEquals(List.of(200L), t.lanes().get(0).waits());
    }

    @Test
    void aRecordingWithNoLabEventsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LaneBuilder.build(List.of()));
    }

    private static Timeline.Lane lane(final Timeline t, final String name) {
        return t.lanes().stream().filter(l -> l.threadName().equals(name)).findFirst().orElseThrow();
    }
}
