package org.rclab.runtime.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A thread ran with the runtime released ({@code Py_BEGIN_ALLOW_THREADS}): from the start of the
 * scheme's release to the start of its reacquire, so the wait to take a lock back is not in it.
 */
@Name(ReleasedEvent.NAME)
@Label("Released")
@Category({LaneState.CATEGORY, "runtime"})
@Description("Blocking work run with the runtime released, from the scheme's release to its reacquire")
@StackTrace(false)
@LaneState(LaneState.RELEASED)
public final class ReleasedEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.runtime.Released";

    /** Makes the event; {@link #begin()} starts its clock. */
    public ReleasedEvent() {
        // No fields: the thread and the duration are the event.
    }

    /**
     * A started event if a recording wants it, else {@code null}: the event lives across two
     * calls (release, reacquire), so it is kept in a field, and nothing is kept when no
     * recording runs.
     *
     * @return the started event, or {@code null}
     */
    public static ReleasedEvent beginIfEnabled() {
        final ReleasedEvent event = new ReleasedEvent();
        if (!event.isEnabled()) {
            return null;
        }
        event.begin();
        return event;
    }
}
