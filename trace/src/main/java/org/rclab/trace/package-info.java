/**
 * {@code ./rclab trace}: runs a workload on one scheme under a JDK Flight Recorder recording of
 * the scheme's and the runtime's events ({@link org.rclab.scheme.Scheme#events()},
 * {@code org.rclab.runtime.events}), then reads the recording back with {@code jdk.jfr.consumer}
 * and draws from it: a timeline of every thread's state (Beazley's GIL pictures), a histogram of
 * each thread's waits, and a Markdown summary.
 *
 * <p>The path from file to picture: {@link org.rclab.trace.TraceReader} turns recorded events
 * into {@link org.rclab.trace.TraceEvent}s (reading the {@code LaneState} and {@code Marker}
 * annotations and the {@code handover} field), {@link org.rclab.trace.LaneBuilder} turns those
 * into a {@link org.rclab.trace.Timeline} of lanes, and the summary and charts read the lanes.
 */
package org.rclab.trace;
