package org.rclab.runtime.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A thread attached to a runtime; the event lasts as long as the scheme's attach did (under a GIL,
 * the wait for the lock). Its start opens the thread's lane.
 */
@Name(ThreadAttachEvent.NAME)
@Label("Attach")
@Category({LaneState.CATEGORY, "runtime"})
@Description("A thread attached to a runtime; lasts as long as the scheme's attach")
@StackTrace(false)
public final class ThreadAttachEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.runtime.Attach";

    /** The runtime, as it prints itself (e.g. {@code runtime #3 (gil)}). */
    @Label("Runtime")
    public String runtime;

    /** Makes the event; {@link #begin()} starts its clock. */
    public ThreadAttachEvent() {
        // Fields are set just before commit, and only if the event will be recorded.
    }
}
