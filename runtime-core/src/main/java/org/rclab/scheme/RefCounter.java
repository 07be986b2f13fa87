package org.rclab.scheme;

import org.rclab.object.RcObject;

/**
 * How a scheme changes counts. The runtime handles immortal and freed objects before calling
 * these methods, so they only ever see live mortal objects (unless a race the scheme fails to
 * prevent says otherwise, which is what the stress suite looks for).
 */
public interface RefCounter {
    /**
     * Sets the counts of a new object to one reference, owned by the creating thread. The object
     * is not yet visible to other threads.
     *
     * @param o the new object
     */
    void init(RcObject o);

    /**
     * Adds one reference.
     *
     * @param o a live object
     */
    void incref(RcObject o);

    /**
     * Removes one reference.
     *
     * @param o a live object
     * @return {@code true} if this call removed the last reference, and the caller must free the
     *         object; {@code false} otherwise (including when the scheme defers the decision,
     *         as a biased scheme's merge queue does, and frees later via
     *         {@link SchemeContext#free})
     */
    boolean decref(RcObject o);

    /**
     * The true count at this moment, as far as the scheme can read it; exact when no other
     * thread is changing it.
     *
     * @param o an object
     * @return the count
     */
    long count(RcObject o);

    /**
     * Adds a reference unless the object is already dying, for a reader that reached the object
     * without holding its container's lock. Only called when {@link #lockFreeReads()} is true.
     *
     * @param o an object that may be concurrently losing its last reference
     * @return {@code true} if a reference was added; {@code false} if the object may be dying and
     *         the caller must fall back to a locked read
     */
    default boolean tryIncref(final RcObject o) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support lock-free reads");
    }

    /**
     * Whether containers may read items without taking their lock, using
     * {@link #tryIncref(RcObject)} and a recheck.
     *
     * @return {@code false} unless the scheme implements {@link #tryIncref(RcObject)}
     */
    default boolean lockFreeReads() {
        return false;
    }
}
