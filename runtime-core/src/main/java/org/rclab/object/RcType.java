package org.rclab.object;

/**
 * The types of the object model. The heap keeps its accounting per type, indexed by
 * {@link #ordinal()}.
 */
public enum RcType {
    /** Integers; the values -5..256 are cached and immortal, as in CPython. */
    INT("int"),
    /** Double-precision floats. */
    FLOAT("float"),
    /** Immutable strings. */
    STR("str"),
    /** Immutable container: owns a reference to each item from creation until it is freed. */
    TUPLE("tuple"),
    /** Mutable sequence container. */
    LIST("list"),
    /** Mutable mapping container; owns references to its keys and values. */
    DICT("dict"),
    /** The immortal {@code None} singleton. */
    NONE("NoneType"),
    /** The immortal {@code True} and {@code False} singletons. */
    BOOL("bool"),
    /**
     * An object of a type defined outside the core (an interpreter's function, module or thread
     * handle); {@link RcObject#typeName()} says which.
     */
    OBJECT("object");

    private final String pythonName;

    RcType(final String pythonName) {
        this.pythonName = pythonName;
    }

    /**
     * The name CPython gives this type, used in messages and reports.
     *
     * @return the type's name, e.g. {@code "list"}
     */
    public String pythonName() {
        return pythonName;
    }
}
