package org.rclab.gilpriority.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;

/**
 * Forced switching: the holder dropped on request, handed the lock to the next waiter and queued
 * again; lasts until it holds the lock again.
 */
@Name(PriorityForcedSwitchEvent.NAME)
@Label("Forced switch")
@Category({LaneState.CATEGORY, "gil-priority"})
@Description("The holder dropped on request and waited in the queue until it held the lock again")
@StackTrace(false)
@Marker
@LaneState(LaneState.WAITING)
public final class PriorityForcedSwitchEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.gilpriority.ForcedSwitch";

    /** Whether the lock came back from another thread (always, once someone else held it). */
    @Label("Hand-over")
    public boolean handover;

    /** Makes the event; {@link #begin()} starts its clock. */
    public PriorityForcedSwitchEvent() {
        // handover is set by the lock before commit.
    }
}
