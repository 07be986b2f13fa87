package org.rclab.scheme;

import java.util.Optional;

import org.rclab.heap.Heap;
import org.rclab.object.RcObject;
import org.rclab.runtime.Metrics;
import org.rclab.runtime.RcRuntime;

/** What a runtime offers the scheme bound to it. */
public interface SchemeContext {
    /**
     * The runtime the scheme is bound to. Not usable until {@link Scheme#open} has returned.
     *
     * @return the runtime
     */
    RcRuntime runtime();

    /**
     * The runtime's heap, for misuse reports ({@link Heap#misuse}).
     *
     * @return the heap
     */
    Heap heap();

    /**
     * The runtime's metrics, where the scheme registers what it counts (hand-overs, merges...).
     *
     * @return the metrics registry
     */
    Metrics metrics();

    /**
     * Whether the runtime wants the checks that cost time on the hot path (for example, that a
     * thread touching counts under a GIL holds it). On by default; benchmarks may turn it off.
     *
     * @return {@code true} to check
     */
    boolean strictChecks();

    /**
     * A runtime option's value, as given to {@link RcRuntime.Builder#option}.
     *
     * @param name the option's name, one the scheme declares in {@link Scheme#options()}
     * @return the value, or empty if the runtime was built without it
     */
    Optional<String> option(String name);

    /**
     * Frees an object whose count the scheme has found to be zero, outside a
     * {@link RefCounter#decref} call (a biased scheme's merge, for example). Frees the object's
     * contents iteratively; a second free of one object is detected and reported. Call it once
     * per object, and never for an object for which a {@code decref} returned {@code true}; from
     * a thread attached to the runtime and not released, or from a thread of the scheme's own
     * that applies changes for the attached threads (a commit thread, which then must answer
     * the {@code decref} calls the free makes for the object's contents on that thread).
     *
     * @param o the object whose last reference is gone
     */
    void free(RcObject o);
}
