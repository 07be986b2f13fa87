package org.rclab.finegrained;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.rclab.finegrained.events.SectionsSuspendedEvent;
import org.rclab.object.RcObject;

/**
 * One thread's critical sections, innermost on top (CPython keeps the same chain in the thread
 * state). Used only by its own thread, so its fields are plain.
 *
 * <p>Invariant: the active sections form an unbroken run from the top down. Suspension
 * deactivates every section, resumption reactivates only the top one, and a new section is
 * active when pushed; so below an inactive section every section is inactive.
 */
final class SectionStack {
    private final Thread thread = Thread.currentThread();
    // Never reaches its parking phase: ObjectLock stops calling idle() after the spins and yields.
    private final IdleStrategy idle = new BackoffIdleStrategy(ObjectLock.MAX_SPINS, ObjectLock.MAX_YIELDS, 1, 1);
    private Section top;
    private long suspensions;

    Thread thread() {
        return thread;
    }

    IdleStrategy idle() {
        return idle;
    }

    Section top() {
        return top;
    }

    void push(final Section section) {
        top = section;
    }

    void pop(final Section section) {
        top = section.outer;
    }

    /**
     * How many times this thread has suspended its sections; a section that borrowed a lock from
     * an outer one compares it before and after taking its own locks.
     *
     * @return the suspension count
     */
    long suspensions() {
        return suspensions;
    }

    /**
     * Whether an active section of this thread has the object locked, so that a new section over
     * it can borrow the lock instead of deadlocking on a lock its own thread holds.
     *
     * @param o the object
     * @return {@code true} if an active section covers it
     */
    boolean heldByActive(final RcObject o) {
        for (Section s = top; s != null && s.active; s = s.outer) {
            if (s.first == o || s.second == o) {
                return true;
            }
        }
        return false;
    }

    /**
     * Releases the locks of every active section and marks them inactive: the thread is about
     * to block.
     *
     * @param metrics where the suspension is counted
     * @return {@code true} if there was anything to release
     */
    boolean suspendActive(final LockMetrics metrics) {
        if (top == null || !top.active) {
            return false;
        }
        int suspended = 0;
        for (Section s = top; s != null && s.active; s = s.outer) {
            s.releaseOwned();
            s.active = false;
            suspended++;
        }
        suspensions++;
        metrics.suspensions.increment();
        SectionsSuspendedEvent.emit(suspended);
        return true;
    }
}
