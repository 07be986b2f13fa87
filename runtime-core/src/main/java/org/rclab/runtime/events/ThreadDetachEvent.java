package org.rclab.runtime.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A thread began to detach from a runtime: the end of its lane. */
@Name(ThreadDetachEvent.NAME)
@Label("Detach")
@Category({LaneState.CATEGORY, "runtime"})
@Description("A thread began to detach from a runtime")
@StackTrace(false)
public final class ThreadDetachEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.runtime.Detach";

    /** Makes the event. */
    public ThreadDetachEvent() {
        // No fields: the thread and the time are the event.
    }
}
