package org.rclab.gil.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.runtime.events.LaneState;

/** A thread dropped the GIL, with the reason. Counted, not drawn. */
@Name(GilDropEvent.NAME)
@Label("GIL dropped")
@Category({LaneState.CATEGORY, "gil"})
@Description("A thread dropped the GIL: on request (forced), around blocking work, or to detach")
@StackTrace(false)
public final class GilDropEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.gil.Drop";

    /** Reason: a waiter's request (a forced switch follows). */
    public static final String ON_REQUEST = "on request";
    /** Reason: blocking work runs released. */
    public static final String BLOCKING = "blocking work";
    /** Reason: the thread detaches (voluntary, for good). */
    public static final String DETACH = "detach";

    /** Why: {@value #ON_REQUEST}, {@value #BLOCKING} or {@value #DETACH}. */
    @Label("Reason")
    public String reason;

    /** Makes the event. */
    public GilDropEvent() {
        // reason is set by emit.
    }

    /**
     * Records a drop, if a recording wants it.
     *
     * @param reason one of the reason constants
     */
    public static void emit(final String reason) {
        final GilDropEvent event = new GilDropEvent();
        if (event.shouldCommit()) {
            event.reason = reason;
            event.commit();
        }
    }
}
