/**
 * The scheme SPI: what a design for thread-safe reference counting supplies to a runtime, and
 * the rules it must keep. The conformance kit ({@code org.rclab.conformance.SchemeConformanceTest}
 * in this module's test-jar) checks these rules; the stress suite checks the races.
 *
 * <p>A {@link org.rclab.scheme.Scheme} is found with {@link java.util.ServiceLoader} and opens one
 * {@link org.rclab.scheme.SchemeInstance} per runtime, which supplies three facets. Their rules,
 * each written in full on the interface named:
 * <ul>
 *   <li><b>Counts</b> ({@link org.rclab.scheme.RefCounter}): the runtime passes only live mortal
 *       objects; a scheme that claims thread safety loses no change; {@code decref} returns
 *       {@code true} exactly once per object, or defers and frees exactly once through
 *       {@link org.rclab.scheme.SchemeContext#free}, at the latest once the releasing threads
 *       and the object's creator have passed a checkpoint, or (for a scheme that applies
 *       changes on a thread of its own) by the time {@link org.rclab.scheme.RefCounter#quiesce()}
 *       returns, which harnesses call before they judge; a count driven below zero is reported
 *       as {@link org.rclab.heap.MisuseKind#OVER_RELEASE}, never freed again; {@code tryIncref}
 *       never raises a count from zero.</li>
 *   <li><b>Threads</b> ({@link org.rclab.scheme.ThreadGate}): every call comes from the thread
 *       concerned, with the runtime's attach rules already checked; {@code checkpoint} is cheap;
 *       {@code release} leaves the thread holding nothing another thread could wait for,
 *       critical sections included; {@code detach} settles what the thread owns and refuses to
 *       leave sections open.</li>
 *   <li><b>Critical sections</b> ({@link org.rclab.scheme.CriticalSections}): re-entrant; a
 *       two-object section cannot deadlock against the opposite order; sections nest and end
 *       innermost first; two threads are never inside sections over a common object at once
 *       (except while one of them is released).</li>
 * </ul>
 * Per-object state lives in the object's header, reached through {@link org.rclab.object.Header}:
 * a scheme may give any meaning to {@code owner}, {@code local}, {@code shared},
 * {@code lockWord} and {@code slot}, and only reads the runtime's {@code state} and {@code id}.
 */
package org.rclab.scheme;
