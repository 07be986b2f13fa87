package org.rclab.gilpriority.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;

/**
 * The waiter at the head of a queue, its turn due, asked the holder to drop at its next
 * checkpoint. The event's thread is the waiter.
 */
@Name(PriorityDropRequestEvent.NAME)
@Label("Drop request")
@Category({LaneState.CATEGORY, "gil-priority"})
@Description("A waiter whose turn was due asked the holder to drop")
@StackTrace(false)
@Marker
public final class PriorityDropRequestEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.gilpriority.DropRequest";

    /** The thread asked to drop. */
    @Label("Holder")
    public Thread holder;

    /** Makes the event. */
    public PriorityDropRequestEvent() {
        // holder is set by emit.
    }

    /**
     * Records a request, if a recording wants it.
     *
     * @param holder the thread asked to drop
     */
    public static void emit(final Thread holder) {
        final PriorityDropRequestEvent event = new PriorityDropRequestEvent();
        if (event.shouldCommit()) {
            event.holder = holder;
            event.commit();
        }
    }
}
