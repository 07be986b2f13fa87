package org.rclab.finegrained.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.object.RcObject;
import org.rclab.runtime.events.LaneState;

/** A thread parked on an object lock after spinning; lasts until it was woken or handed the lock. */
@Name(ObjectParkEvent.NAME)
@Label("Parked on an object lock")
@Category({LaneState.CATEGORY, "fine-grained"})
@Description("A thread parked on an object lock; lasts until it was woken or handed the lock")
@StackTrace(false)
@LaneState(LaneState.PARKED)
public final class ObjectParkEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.finegrained.Park";

    /** The object whose lock the thread waited for. */
    @Label("Object id")
    public long objectId;

    /** Whether the unlocker handed the lock over (the thread had waited over 1 ms). */
    @Label("Handed off")
    public boolean handedOff;

    /** Makes the event; {@link #begin()} starts its clock. */
    public ObjectParkEvent() {
        // Fields are set by commitFor.
    }

    /**
     * Ends and records the park, if a recording wants it. The object's id is asked only then:
     * naming an object costs an atomic increment the first time.
     *
     * @param object the object's id source
     * @param handedOff whether the lock was handed over
     */
    public void commitFor(final RcObject object, final boolean handedOff) {
        if (shouldCommit()) {
            this.objectId = object.id();
            this.handedOff = handedOff;
            commit();
        }
    }
}
