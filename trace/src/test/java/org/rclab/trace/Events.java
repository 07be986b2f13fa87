package org.rclab.trace;

import org.rclab.runtime.events.LaneState;

/** Hand-made {@link TraceEvent}s for the lane and summary tests, with times in plain nanoseconds. */
final class Events {
    static final String TAKE = "test.Take";
    static final String MARK = "test.Mark";
    static final String RELEASED = org.rclab.runtime.events.ReleasedEvent.NAME;

    private Events() {
    }

    static TraceEvent attach(final long thread, final long at) {
        return new TraceEvent(TraceEvent.ATTACH, "Attach", thread, name(thread), at, at, null, false, false);
    }

    static TraceEvent detach(final long thread, final long at) {
        return new TraceEvent(TraceEvent.DETACH, "Detach", thread, name(thread), at, at, null, false, false);
    }

    static TraceEvent waiting(final long thread, final long from, final long to, final boolean handover) {
        return new TraceEvent(TAKE, "Waiting", thread, name(thread), from, to, LaneState.WAITING, false, handover);
    }

    static TraceEvent released(final long thread, final long from, final long to) {
        return new TraceEvent(RELEASED, "Released", thread, name(thread), from, to, LaneState.RELEASED, false, false);
    }

    static TraceEvent parked(final long thread, final long from, final long to) {
        return new TraceEvent("test.Park", "Parked", thread, name(thread), from, to, LaneState.PARKED, false, false);
    }

    static TraceEvent mark(final long thread, final long at) {
        return new TraceEvent(MARK, "Mark", thread, name(thread), at, at, null, true, false);
    }

    static String name(final long thread) {
        return "t" + thread;
    }
}
