package org.rclab.brc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.object.RcObject;
import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;

/**
 * A non-owner's release found the shared count at zero and queued the object to its owner's
 * merge queue. The event's thread is the releaser.
 */
@Name(QueuedEvent.NAME)
@Label("Queued to owner")
@Category({LaneState.CATEGORY, "brc"})
@Description("A non-owner's release found the shared count at zero and queued the object to its owner")
@StackTrace(false)
@Marker
public final class QueuedEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.brc.Queued";

    /** The object. */
    @Label("Object id")
    public long objectId;

    /** Makes the event. */
    public QueuedEvent() {
        // objectId is set by emit.
    }

    /**
     * Records the event, if a recording wants it.
     *
     * @param object the object
     */
    public static void emit(final RcObject object) {
        final QueuedEvent event = new QueuedEvent();
        if (event.shouldCommit()) {
            event.objectId = object.id();
            event.commit();
        }
    }
}
