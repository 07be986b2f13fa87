package org.rclab.gil.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;

/**
 * Forced switching: a holder dropped the GIL on request and waited until another thread had
 * taken it. The event lasts from the drop to the end of that wait; the wait to take the lock back
 * follows as a {@link GilTakeEvent}.
 */
@Name(GilForcedSwitchEvent.NAME)
@Label("Forced switch")
@Category({LaneState.CATEGORY, "gil"})
@Description("The holder dropped the GIL on request and waited until another thread took it")
@StackTrace(false)
@Marker
@LaneState(LaneState.WAITING)
public final class GilForcedSwitchEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.gil.ForcedSwitch";

    /** Makes the event; {@link #begin()} starts its clock. */
    public GilForcedSwitchEvent() {
        // No fields: the thread and the duration are the event.
    }
}
