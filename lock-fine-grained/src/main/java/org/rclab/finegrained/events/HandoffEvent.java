package org.rclab.finegrained.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.object.RcObject;
import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;

/** An unlock handed the lock straight to a waiter parked over 1 ms. The event's thread is the unlocker. */
@Name(HandoffEvent.NAME)
@Label("Hand-off")
@Category({LaneState.CATEGORY, "fine-grained"})
@Description("An unlock handed an object lock to a waiter parked over 1 ms")
@StackTrace(false)
@Marker
public final class HandoffEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.finegrained.Handoff";

    /** The object whose lock was handed over. */
    @Label("Object id")
    public long objectId;

    /** Makes the event. */
    public HandoffEvent() {
        // objectId is set by emit.
    }

    /**
     * Records a hand-off, if a recording wants it.
     *
     * @param object the object whose lock was handed over
     */
    public static void emit(final RcObject object) {
        final HandoffEvent event = new HandoffEvent();
        if (event.shouldCommit()) {
            event.objectId = object.id();
            event.commit();
        }
    }
}
