package org.rclab.gil;

/**
 * What the GIL keeps per attached thread (CPython's thread state, reduced to what the lock
 * needs): the Java thread, to tell whether a holder has died, and the thread's drop request.
 *
 * <p>The drop request sits on the thread rather than on the lock, as in CPython 3.13's
 * per-thread eval breaker: a waiter sets it on the holder it timed out behind, so a request left
 * over on a thread that has since dropped the lock cannot make the next holder drop.
 */
final class GilThreadState {
    private final Thread thread;

    /**
     * Set by a waiter (under the lock's mutex), read by the holder at every checkpoint without
     * the mutex. Volatile so the holder's check sees the request at its next checkpoint instead
     * of a value the JIT kept in a register for the whole loop.
     */
    private volatile boolean dropRequested;

    GilThreadState(final Thread thread) {
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
