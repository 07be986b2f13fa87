package org.rclab.brc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.object.RcObject;
import org.rclab.runtime.events.LaneState;

/** The owner merged an object others had queued to it, at a checkpoint or when it detached. */
@Name(MergeExplicitEvent.NAME)
@Label("Merged from the queue")
@Category({LaneState.CATEGORY, "brc"})
@Description("The owner merged an object others had queued to it, at a checkpoint or on leaving")
@StackTrace(false)
public final class MergeExplicitEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.brc.MergeExplicit";

    /** The object. */
    @Label("Object id")
    public long objectId;

    /** Makes the event. */
    public MergeExplicitEvent() {
        // objectId is set by emit.
    }

    /**
     * Records the event, if a recording wants it.
     *
     * @param object the object
     */
    public static void emit(final RcObject object) {
        final MergeExplicitEvent event = new MergeExplicitEvent();
        if (event.shouldCommit()) {
            event.objectId = object.id();
            event.commit();
        }
    }
}
