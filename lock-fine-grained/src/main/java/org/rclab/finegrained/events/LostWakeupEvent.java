package org.rclab.finegrained.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

import org.rclab.object.RcObject;
import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;

/**
 * A parked waiter's timed park expired and found its "parked" flag erased by an unlock that
 * stored "free" without a compare-and-set: a wake-up that was lost, and that the timeout took
 * back. The event's thread is the waiter.
 */
@Name(LostWakeupEvent.NAME)
@Label("Lost wake-up recovered")
@Category({LaneState.CATEGORY, "fine-grained"})
@Description("A timed park on an object lock expired and found the waiter's parked flag erased by a "
        + "release-store unlock; the waiter took the lock back or raised the flag again")
@StackTrace(false)
@Marker
public final class LostWakeupEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.finegrained.LostWakeup";

    /** The object whose lock the waiter waited for. */
    @Label("Object id")
    public long objectId;

    /** How long the waiter had been parked for this acquisition when it found the flag erased. */
    @Label("Waited")
    @Timespan(Timespan.NANOSECONDS)
    public long waited;

    /** Makes the event. */
    public LostWakeupEvent() {
        // Fields are set by emit.
    }

    /**
     * Records a recovered lost wake-up, if a recording wants it.
     *
     * @param object the object whose lock the waiter waited for
     * @param waitedNanos how long the waiter had been parked for this acquisition
     */
    public static void emit(final RcObject object, final long waitedNanos) {
        final LostWakeupEvent event = new LostWakeupEvent();
        if (event.shouldCommit()) {
            event.objectId = object.id();
            event.waited = waitedNanos;
            event.commit();
        }
    }
}
