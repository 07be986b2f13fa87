package org.rclab.scheme;

import org.rclab.object.RcObject;

/**
 * Critical sections for a scheme whose one lock per runtime already serialises every thread that
 * may touch objects (a GIL): a section locks nothing, but entering one checks that the caller
 * holds the lock. Every list and dict change enters a section, so container changes from a thread
 * that has released the runtime or never attached fail at once, even with strict checks off.
 */
public final class CheckedNoOpSections implements CriticalSections {
    private final HeldCheck lock;

    /**
     * Makes the sections.
     *
     * @param lock the check run on every entry
     */
    public CheckedNoOpSections(final HeldCheck lock) {
        this.lock = lock;
    }

    /**
     * A no-op section, once the caller is found to hold the lock.
     *
     * @throws RuntimeException the lock's {@link HeldCheck#notHeld} error if the caller does not
     */
    @Override
    public CriticalSection enter(final RcObject o) {
        if (!lock.heldByCurrentThread()) {
            throw lock.notHeld("enter a critical section on " + o.describe());
        }
        return CriticalSection.NONE;
    }

    /**
     * A no-op section over two objects, once the caller is found to hold the lock.
     *
     * @throws RuntimeException the lock's {@link HeldCheck#notHeld} error if the caller does not
     */
    @Override
    public CriticalSection enter(final RcObject a, final RcObject b) {
        if (!lock.heldByCurrentThread()) {
            throw lock.notHeld("enter a critical section on " + a.describe() + " and " + b.describe());
        }
        return CriticalSection.NONE;
    }
}
