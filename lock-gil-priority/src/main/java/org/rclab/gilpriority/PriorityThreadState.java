package org.rclab.gilpriority;

/**
 * What the lock keeps per attached thread: the Java thread (to tell whether a holder has died),
 * its drop request, and, while it waits, its class and how often the lock went past it while it
 * was entitled to it.
 */
final class PriorityThreadState {
    private final Thread thread;

    /**
     * Set by a waiter (under the lock's mutex), read by the holder at every checkpoint without
     * the mutex. Volatile so that the holder's loop sees it at its next checkpoint rather than a
     * value the JIT hoisted out of the loop.
     */
    private volatile boolean dropRequested;

    /** The queue this thread waits in; meaningful only while it waits. Guarded by the lock's mutex. */
    WaiterClass waitingAs;

    /**
     * Hand-overs that went to another thread while this one, at the head of its queue, was
     * entitled to the next (its guard had fired). Guarded by the lock's mutex; reset when it
     * takes the lock.
     */
    int passedWhileEntitled;

    /** Whether the last grant to this thread took the lock from another thread; for its events. Guarded by the mutex. */
    boolean grantWasHandover;

    PriorityThreadState(final Thread thread) {
        this.thread = thread;
    }

    Thread thread() {
        return thread;
    }

    boolean dropRequested() {
        return dropRequested;
    }

    /**
     * Sets the request.
     *
     * @return {@code true} if it was not already set
     */
    boolean requestDrop() {
        if (dropRequested) {
            return false;
        }
        dropRequested = true;
        return true;
    }

    void clearDropRequest() {
        dropRequested = false;
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
