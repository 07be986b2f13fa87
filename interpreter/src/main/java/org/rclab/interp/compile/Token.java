package org.rclab.interp.compile;

/**
 * One token of Python source.
 *
 * @param kind what it is
 * @param text its text (a string literal's value, with escapes resolved)
 * @param line its line, from 1
 * @param col its column, from 1
 */
public record Token(Kind kind, String text, int line, int col) {
    /** The kinds of token. */
    public enum Kind {
        /** An identifier or keyword. */
        NAME,
        /** An integer literal. */
        INT,
        /** A float literal. */
        FLOAT,
        /** A string literal. */
        STRING,
        /** An operator or delimiter. */
        OP,
        /** The end of a logical line. */
        NEWLINE,
        /** An increase of indentation. */
        INDENT,
        /** A decrease of indentation. */
        DEDENT,
        /** The end of the source. */
        EOF
    }

    /**
     * Whether this is the operator or keyword {@code s}.
     *
     * @param s the text
     * @return {@code true} for an OP or NAME token with that text
     */
    public boolean is(final String s) {
        return (kind == Kind.OP || kind == Kind.NAME) && text.equals(s);
    }
}
