package org.rclab.gil;

/**
 * Thrown when a thread touches a {@code gil} runtime's objects, passes a checkpoint, or drops the
 * lock without holding the runtime's GIL: it never attached, it is inside released (blocking)
 * work, or it uses another thread's handle. Under a GIL that is exactly the code that would lose
 * counts, so it fails here instead of corrupting them.
 */
public final class GilNotHeldException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message which thread did what, in which runtime, and who holds the GIL
     */
    public GilNotHeldException(final String message) {
        super(message);
    }
}
