package org.rclab.trace;

/**
 * One recorded lab event, reduced to what the lanes and the summary need. Times are nanoseconds
 * since the epoch (JFR's clock); an instant event has {@code end == start}.
 *
 * @param name the event type's name, e.g. {@code org.rclab.gil.Take}
 * @param label the event type's label, e.g. {@code Waiting for the GIL}
 * @param threadId the Java id of the thread that emitted it
 * @param threadName that thread's name
 * @param start when it began
 * @param end when it ended
 * @param laneState the lane state it paints ({@code LaneState}'s value), or {@code null}
 * @param marker whether it is drawn as a marker ({@code Marker})
 * @param handover whether its {@code handover} field is {@code true}
 */
public record TraceEvent(String name, String label, long threadId, String threadName, long start, long end,
                         String laneState, boolean marker, boolean handover) {
    /** The runtime's attach event's name. */
    static final String ATTACH = org.rclab.runtime.events.ThreadAttachEvent.NAME;
    /** The runtime's detach event's name. */
    static final String DETACH = org.rclab.runtime.events.ThreadDetachEvent.NAME;

    /**
     * How long the event lasted.
     *
     * @return nanoseconds, zero for an instant event
     */
    public long duration() {
        return end - start;
    }
}
