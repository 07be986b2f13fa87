package org.rclab.finegrained.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

import org.rclab.runtime.events.LaneState;
import org.rclab.runtime.events.Marker;

/** A thread about to block (park, or run released work) released the locks of its active critical sections. */
@Name(SectionsSuspendedEvent.NAME)
@Label("Sections suspended")
@Category({LaneState.CATEGORY, "fine-grained"})
@Description("A thread about to block released the locks of its active critical sections")
@StackTrace(false)
@Marker
public final class SectionsSuspendedEvent extends jdk.jfr.Event {
    /** The event's name: {@value}. */
    public static final String NAME = "org.rclab.finegrained.SectionsSuspended";

    /** How many active sections were suspended. */
    @Label("Sections")
    public int sections;

    /** Makes the event. */
    public SectionsSuspendedEvent() {
        // sections is set by emit.
    }

    /**
     * Records a suspension, if a recording wants it.
     *
     * @param sections how many sections were suspended
     */
    public static void emit(final int sections) {
        final SectionsSuspendedEvent event = new SectionsSuspendedEvent();
        if (event.shouldCommit()) {
            event.sections = sections;
            event.commit();
        }
    }
}
