package org.rclab.gilticks.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;

/**
 * A waiter was signalled, got the mutex, and found the lock taken again (Beazley's failed
 * wake-up): the releasing thread won the race. The event's thread is the waiter.
 */
@Name(FailedWakeupEvent.NAME)
@Label("Failed wake-up")
@Category({LaneState.CATEGORY, "gil-ticks"})
@Description("A signalled waiter found the old GIL taken again")
@StackTrace(false)
@Marker
public final class FailedWakeupEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.gilticks.FailedWakeup";

    /** Makes the event. */
    public FailedWakeupEvent() {
        // No fields: the thread and the time are the event.
    }
}
