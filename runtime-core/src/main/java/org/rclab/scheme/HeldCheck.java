package org.rclab.scheme;

/**
 * For a scheme with one lock per runtime that every thread must hold to touch objects (a GIL):
 * whether the calling thread holds it, and the error when it does not. The lock implements this;
 * {@link CheckedPlainRefCounter} and {@link CheckedNoOpSections} call it, so such a scheme gets
 * its misuse checks without writing them again.
 */
public interface HeldCheck {
    /**
     * Whether the calling thread holds the lock. Called on every checked operation, so it must
     * be cheap (a GIL: one opaque load of the holder and a compare).
     *
     * @return {@code true} if it does
     */
    boolean heldByCurrentThread();

    /**
     * The error for a thread that acts as if it held the lock but does not.
     *
     * @param action what it tried, e.g. {@code "incref int object #17"}; the message should
     *        name it, the thread and, if known, the holder
     * @return the exception to throw
     */
    RuntimeException notHeld(String action);
}
