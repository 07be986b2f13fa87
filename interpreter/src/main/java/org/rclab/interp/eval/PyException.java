package org.rclab.interp.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A Python exception raised by the program or by the interpreter on its behalf
 * ({@code NameError}, {@code TypeError}, ...). Each frame it unwinds through adds its line, so the
 * report reads like CPython's traceback, outermost call first.
 */
public final class PyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final int REPEATS_SHOWN = 3;

    private final String type;
    private final transient List<String> frames = new ArrayList<>();

    /**
     * Makes the exception.
     *
     * @param type the Python type name, e.g. {@code ZeroDivisionError}
     * @param message the message, as {@code str(exc)} shows it
     */
    public PyException(final String type, final String message) {
        super(message, null, false, false);
        this.type = type;
    }

    /**
     * The Python type name.
     *
     * @return e.g. {@code KeyError}
     */
    public String type() {
        return type;
    }

    /**
     * Records the frame the exception is leaving (called innermost first).
     *
     * @param file the file
     * @param line the line
     * @param function the function's name, or {@code <module>}
     * @param text the source line, stripped
     */
    public void addFrame(final String file, final int line, final String function, final String text) {
        frames.add(0, "  File \"" + file + "\", line " + line + ", in " + function
                + (text.isEmpty() ? "" : "\n    " + text));
    }

    /**
     * The report as CPython prints it: the traceback, then {@code Type: message}.
     *
     * @return the text, ending with a newline
     */
    public String render() {
        final StringBuilder out = new StringBuilder();
        if (!frames.isEmpty()) {
            out.append("Traceback (most recent call last):\n");
            // As CPython: a frame repeated more than three times in a row is shown three times.
            int i = 0;
            while (i < frames.size()) {
                int run = 1;
                while (i + run < frames.size() && frames.get(i + run).equals(frames.get(i))) {
                    run++;
                }
                for (int k = 0; k < Math.min(run, REPEATS_SHOWN); k++) {
                    out.append(frames.get(i)).append('\n');
                }
                if (run > REPEATS_SHOWN) {
                    out.append("  [Previous line repeated ").append(run - REPEATS_SHOWN).append(" more times]\n");
                }
                i += run;
            }
        }
        out.append(type);
        if (getMessage() != null && !getMessage().isEmpty()) {
            out.append(": ").append(getMessage());
        }
        return out.append('\n').toString();
    }

    static PyException typeError(final String message) {
        return new PyException("TypeError", message);
    }
}
