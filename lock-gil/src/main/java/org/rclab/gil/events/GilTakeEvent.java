package org.rclab.gil.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.runtime.events.LaneState;

/**
 * A thread took the GIL; the event lasts as long as it waited for it (next to nothing when the
 * lock was free). Emitted by every take: at attach, after blocking work, after a forced drop.
 */
@Name(GilTakeEvent.NAME)
@Label("Waiting for the GIL")
@Category({LaneState.CATEGORY, "gil"})
@Description("A thread took the GIL; lasts as long as it waited")
@StackTrace(false)
@LaneState(LaneState.WAITING)
public final class GilTakeEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.gil.Take";

    /** Whether the lock came from another thread (CPython's switch number moved). */
    @Label("Hand-over")
    public boolean handover;

    /** Makes the event; {@link #begin()} starts its clock. */
    public GilTakeEvent() {
        // handover is set by the lock before commit.
    }
}
