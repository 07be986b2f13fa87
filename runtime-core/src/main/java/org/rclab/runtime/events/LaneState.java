package org.rclab.runtime.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jdk.jfr.MetadataDefinition;

/**
 * Says that a duration event shows its thread in one state for as long as it lasts: the trace
 * tool paints the thread's lane in that state from the event's start to its end. The annotation
 * is recorded with the event's metadata, so a reader of the {@code .jfr} file sees it without the
 * event's class.
 */
@MetadataDefinition
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface LaneState {
    /** The first element of every lab event's category: {@value}. */
    String CATEGORY = "Refcount Lab";

    /** Waiting for a lock (a GIL, or the switch after a forced drop): {@value}. */
    String WAITING = "waiting";

    /** Running blocking work with the runtime released: {@value}. */
    String RELEASED = "released";

    /** Parked on an object lock: {@value}. */
    String PARKED = "parked";

    /** The name of the {@code boolean} field that marks a hand-over of a lock: {@value}. */
    String HANDOVER_FIELD = "handover";

    /**
     * The state: {@value #WAITING}, {@value #RELEASED} or {@value #PARKED}.
     *
     * @return the state's name
     */
    String value();
}
