package org.rclab.brc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.object.RcObject;
import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;

/** A releaser merged the object itself because its owner had detached or its thread had ended. */
@Name(MergeByNonOwnerEvent.NAME)
@Label("Merged by a non-owner")
@Category({LaneState.CATEGORY, "brc"})
@Description("A releaser merged the object itself because its owner had detached or died")
@StackTrace(false)
@Marker
public final class MergeByNonOwnerEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.brc.MergeByNonOwner";

    /** The object. */
    @Label("Object id")
    public long objectId;

    /** Makes the event. */
    public MergeByNonOwnerEvent() {
        // objectId is set by emit.
    }

    /**
     * Records the event, if a recording wants it.
     *
     * @param object the object
     */
    public static void emit(final RcObject object) {
        final MergeByNonOwnerEvent event = new MergeByNonOwnerEvent();
        if (event.shouldCommit()) {
            event.objectId = object.id();
            event.commit();
        }
    }
}
