package org.rclab.finegrained.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.runtime.events.LaneState;

/**
 * A suspended section took its locks back: the innermost one after blocking work, or an outer
 * one when the section inside it ended. Lasts as long as taking the locks did. Counted, not drawn.
 */
@Name(SectionResumedEvent.NAME)
@Label("Section resumed")
@Category({LaneState.CATEGORY, "fine-grained"})
@Description("A suspended critical section took its locks back; lasts as long as that took")
@StackTrace(false)
public final class SectionResumedEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.finegrained.SectionResumed";

    /** Makes the event; {@link #begin()} starts its clock. */
    public SectionResumedEvent() {
        // No fields: the thread and the duration are the event.
    }
}
