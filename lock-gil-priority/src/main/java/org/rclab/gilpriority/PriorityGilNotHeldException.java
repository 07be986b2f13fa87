package org.rclab.gilpriority;

/**
 * Thrown when a thread touches a {@code gil-priority} runtime's objects, passes a checkpoint or
 * drops the lock without holding it: it never attached, it is inside released (blocking) work,
 * or it uses another thread's handle.
 */
public final class PriorityGilNotHeldException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message which thread did what, in which runtime, and who holds the lock
     */
    public PriorityGilNotHeldException(final String message) {
        super(message);
    }
}
