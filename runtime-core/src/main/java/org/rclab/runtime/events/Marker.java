package org.rclab.runtime.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jdk.jfr.MetadataDefinition;

/**
 * Says that an event is worth seeing on the timeline: the trace tool draws a marker at its start
 * on its thread's lane (a drop request, a forced switch, a failed wake-up). Events without it are
 * only counted. Recorded with the event's metadata, like {@link LaneState}.
 */
@MetadataDefinition
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Marker {
}
