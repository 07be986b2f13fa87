/**
 * JDK Flight Recorder events of the runtime, and the two annotations by which any scheme's events
 * tell {@code ./rclab trace} how to draw them.
 *
 * <p>Every event of the lab has the category {@value org.rclab.runtime.events.LaneState#CATEGORY}
 * first and the scheme's name (or {@code runtime}) second, and is emitted only on slow paths:
 * attaching, detaching, blocking work, waiting for a lock, queueing and merging; never on an
 * incref, a decref or a checkpoint that has nothing to do. With no recording running an event
 * costs nothing: its class is not instrumented, so {@code begin}, {@code shouldCommit} and
 * {@code commit} are empty and the JIT removes the event object.
 *
 * <p>What the trace tool reads, by event:
 * <ul>
 *   <li>{@link org.rclab.runtime.events.ThreadAttachEvent} and
 *       {@link org.rclab.runtime.events.ThreadDetachEvent} bound a thread's lane;</li>
 *   <li>an event annotated {@link org.rclab.runtime.events.LaneState} paints its thread's lane
 *       in that state for its duration (by default a lane is "running", which under a GIL means
 *       holding it);</li>
 *   <li>an event annotated {@link org.rclab.runtime.events.Marker} is drawn as a marker at its
 *       start on its thread's lane;</li>
 *   <li>a {@code boolean} field named {@value org.rclab.runtime.events.LaneState#HANDOVER_FIELD}
 *       that is {@code true} counts one hand-over of a lock to the event's thread;</li>
 *   <li>every event a scheme lists in {@link org.rclab.scheme.Scheme#events()} is counted in the
 *       summary under its label.</li>
 * </ul>
 */
package org.rclab.runtime.events;
