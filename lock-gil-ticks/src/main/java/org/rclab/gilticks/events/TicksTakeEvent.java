package org.rclab.gilticks.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.runtime.events.LaneState;

/**
 * A thread took the old GIL after waiting for it, or from another thread; lasts as long as it
 * waited. The holder's immediate retake at the end of a check interval is not recorded unless
 * it had to wait.
 */
@Name(TicksTakeEvent.NAME)
@Label("Waiting for the GIL")
@Category({LaneState.CATEGORY, "gil-ticks"})
@Description("A thread took the old GIL after waiting, or from another thread; lasts as long as it waited")
@StackTrace(false)
@LaneState(LaneState.WAITING)
public final class TicksTakeEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.gilticks.Take";

    /** Whether the lock's last holder was another thread. */
    @Label("Hand-over")
    public boolean handover;

    /** Makes the event; {@link #begin()} starts its clock. */
    public TicksTakeEvent() {
        // handover is set by the lock before commit.
    }
}
