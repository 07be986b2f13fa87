package org.rclab.heap;

/** The kinds of reference-counting misuse the runtime detects. */
public enum MisuseKind {
    /** A decref of an object whose count had already reached zero (it was freed). */
    OVER_RELEASE("over-release"),
    /** An incref or any other use of an object that has been freed. */
    USE_AFTER_FREE("use after free"),
    /** A second deallocation of the same object. */
    DOUBLE_FREE("double free"),
    /** An object passed to a runtime it does not belong to. */
    FOREIGN_OBJECT("foreign object"),
    /**
     * A container found a state that the scheme's promises rule out (an empty item slot below
     * the size, a size beyond the storage): the scheme let two threads change the container at
     * once. The message names the scheme and the promise.
     */
    BROKEN_PROMISE("broken promise");

    private final String label;

    MisuseKind(final String label) {
        this.label = label;
    }

    /**
     * The words used in messages and reports.
     *
     * @return e.g. {@code "double free"}
     */
    public String label() {
        return label;
    }
}
