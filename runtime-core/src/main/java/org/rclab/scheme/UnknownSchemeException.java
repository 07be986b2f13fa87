package org.rclab.scheme;

import java.util.List;

/** Thrown when a scheme is asked for by a name no discovered scheme has. */
public final class UnknownSchemeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The name asked for. */
    private final String name;
    /** The discovered schemes' names, sorted. */
    private final List<String> known;

    /**
     * Makes the exception.
     *
     * @param name the name asked for
     * @param known the names of the discovered schemes
     */
    public UnknownSchemeException(final String name, final List<String> known) {
        super("unknown scheme '" + name + "'; known schemes: "
                + (known.isEmpty() ? "(none found on the class path)" : String.join(", ", known)));
        this.name = name;
        this.known = List.copyOf(known);
    }

    /**
     * The name asked for.
     *
     * @return the unknown name
     */
    public String name() {
        return name;
    }

    /**
     * The names that are known.
     *
     * @return the discovered schemes' names, sorted
     */
    public List<String> known() {
        return known;
    }
}
