package org.rclab.gil;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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

    private static final VarHandle DROP_REQUESTED;

    static {
        try {
            DROP_REQUESTED = MethodHandles.lookup().findVarHandle(GilThreadState.class, "dropRequested", boolean.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Set by a waiter (under the lock's mutex), read by the holder at every checkpoint without
     * the mutex. The checkpoint's read is opaque (CPython's eval breaker is a relaxed load too):
     * it is never kept in a register, so the holder sees the request within a few checkpoints,
     * and it orders nothing, because the hand-over itself happens under the mutex in
     * {@code drop} and {@code take}. An acquire (volatile) read here cost nothing on x86 as an
     * instruction, but the JIT may not reuse any load across it, so every step reloaded the
     * runtime's fields.
     */
    private volatile boolean dropRequested;

    GilThreadState(final Thread thread) {
        this.thread = thread;
    }

    Thread thread() {
        return thread;
    }

    boolean dropRequested() {
        return (boolean) DROP_REQUESTED.getOpaque(this);
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
