package org.rclab.brc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.object.RcObject;
import org.rclab.runtime.events.LaneState;

/**
 * The owner's local count reached zero while other threads had counted on the shared word: the
 * owner merged the two.
 */
@Name(MergeOwnerZeroEvent.NAME)
@Label("Merged at owner zero")
@Category({LaneState.CATEGORY, "brc"})
@Description("The owner's local count reached zero while others had counted on the shared word; the owner merged")
@StackTrace(false)
public final class MergeOwnerZeroEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.brc.MergeOwnerZero";

    /** The object. */
    @Label("Object id")
    public long objectId;

    /** Makes the event. */
    public MergeOwnerZeroEvent() {
        // objectId is set by emit.
    }

    /**
     * Records the event, if a recording wants it.
     *
     * @param object the object
     */
    public static void emit(final RcObject object) {
        final MergeOwnerZeroEvent event = new MergeOwnerZeroEvent();
        if (event.shouldCommit()) {
            event.objectId = object.id();
            event.commit();
        }
    }
}
