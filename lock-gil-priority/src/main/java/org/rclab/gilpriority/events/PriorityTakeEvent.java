package org.rclab.gilpriority.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.runtime.events.LaneState;

/** A thread took the lock; lasts as long as it waited in its queue. */
@Name(PriorityTakeEvent.NAME)
@Label("Waiting for the GIL")
@Category({LaneState.CATEGORY, "gil-priority"})
@Description("A thread took the gil-priority lock; lasts as long as it waited")
@StackTrace(false)
@LaneState(LaneState.WAITING)
public final class PriorityTakeEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.gilpriority.Take";

    /** Whether the lock came from another thread. */
    @Label("Hand-over")
    public boolean handover;

    /** Whether the thread came back from released blocking work (and queued as such). */
    @Label("Returning")
    public boolean returning;

    /** How the lock was granted: {@code OPEN}, {@code PRIORITY} or {@code PROTECTED}. */
    @Label("Grant")
    public String grant;

    /** Makes the event; {@link #begin()} starts its clock. */
    public PriorityTakeEvent() {
        // Fields are set by the lock before commit.
    }
}
