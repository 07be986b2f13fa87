package org.rclab.heap;

import org.rclab.object.RcObject;

/**
 * Thrown when a reference count is misused: over-release, use after free, double free, or an
 * object used with a runtime it does not belong to. The message names the object's type and
 * identity; the heap has counted the misuse before this is thrown.
 */
public final class RefcountMisuseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    private final MisuseKind kind;
    /** The misused object's type and identity, taken when the misuse was detected. */
    private final String objectDescription;

    /**
     * Makes the exception.
     *
     * @param kind what went wrong
     * @param object the object misused
     * @param detail what the caller was doing, e.g. {@code "decref"}
     */
    public RefcountMisuseException(final MisuseKind kind, final RcObject object, final String detail) {
        super(kind.label() + ": " + detail + " of " + object.describe());
        this.kind = kind;
        this.objectDescription = object.describe();
    }

    /**
     * What went wrong.
     *
     * @return the kind of misuse
     */
    public MisuseKind kind() {
        return kind;
    }

    /**
     * The misused object's type and identity, e.g. {@code list object #17}.
     *
     * @return the description
     */
    public String objectDescription() {
        return objectDescription;
    }
}
