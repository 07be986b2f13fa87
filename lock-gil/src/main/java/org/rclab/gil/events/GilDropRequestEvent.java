package org.rclab.gil.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;

/**
 * A waiter that waited a whole switch interval with no hand-over asked the holder to drop the
 * GIL at its next checkpoint. The event's thread is the waiter.
 */
@Name(GilDropRequestEvent.NAME)
@Label("Drop request")
@Category({LaneState.CATEGORY, "gil"})
@Description("A waiter asked the GIL's holder to drop it (one switch interval without a hand-over)")
@StackTrace(false)
@Marker
public final class GilDropRequestEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.gil.DropRequest";

    /** The thread asked to drop. */
    @Label("Holder")
    public Thread holder;

    /** Makes the event. */
    public GilDropRequestEvent() {
        // holder is set by emit.
    }

    /**
     * Records a request, if a recording wants it.
     *
     * @param holder the thread asked to drop
     */
    public static void emit(final Thread holder) {
        final GilDropRequestEvent event = new GilDropRequestEvent();
        if (event.shouldCommit()) {
            event.holder = holder;
            event.commit();
        }
    }
}
