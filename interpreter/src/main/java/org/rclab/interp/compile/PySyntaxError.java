package org.rclab.interp.compile;

/**
 * A program the compiler cannot accept: malformed Python ({@code SyntaxError}), or Python that
 * lies outside the subset this interpreter runs (refused, never half-run).
 */
public final class PySyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int col;
    private final boolean unsupported;

    /**
     * Makes the error.
     *
     * @param line the line, from 1
     * @param col the column, from 1
     * @param message what is wrong
     * @param unsupported {@code true} if the source is valid Python outside the subset
     */
    public PySyntaxError(final int line, final int col, final String message, final boolean unsupported) {
        super(message, null, false, false);
        this.line = line;
        this.col = col;
        this.unsupported = unsupported;
    }

    /**
     * The line, from 1.
     *
     * @return the line
     */
    public int line() {
        return line;
    }

    /**
     * The column, from 1.
     *
     * @return the column
     */
    public int col() {
        return col;
    }

    /**
     * Whether the source is valid Python that lies outside the subset.
     *
     * @return {@code true} for a refusal, {@code false} for a syntax error
     */
    public boolean unsupported() {
        return unsupported;
    }

    /**
     * The report: {@code FILE:LINE:COL: SyntaxError: MESSAGE}, then the line and a caret under
     * the column.
     *
     * @param file the file name to show
     * @param source the whole source
     * @return the text, ending with a newline
     */
    public String render(final String file, final String source) {
        final String[] lines = source.split("\n", -1);
        final String text = line - 1 < lines.length ? lines[line - 1].stripTrailing() : "";
        final String kind = unsupported ? "not supported" : "SyntaxError";
        return file + ":" + line + ":" + col + ": " + kind + ": " + getMessage() + "\n"
                + "    " + text + "\n"
                + "    " + " ".repeat(Math.max(0, col - 1)) + "^\n";
    }
}
