package org.rclab.scheme;

import java.util.regex.Pattern;

/**
 * A scheme option that is a span of time in milliseconds, such as a GIL's
 * {@code switch-interval-ms}: parsed from the text given to
 * {@link org.rclab.runtime.RcRuntime.Builder#option} and rejected, with a one-line error that
 * names the option, unless it is a plain decimal number of milliseconds above zero that is at
 * least one nanosecond and fits in a {@code long} of nanoseconds. Every scheme that reads such an
 * option gets the same rules and the same wording of errors from here.
 */
public final class MillisOption {
    /** Plain decimal notation only: {@link Double#parseDouble} would also take "NaN", "1e3", "0x1p3" and "5d". */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final String name;
    private final double defaultMillis;

    /**
     * Describes the option.
     *
     * @param name the option's name, as declared in {@link Scheme#options()}
     * @param defaultMillis its value when not given; must itself be valid
     * @throws IllegalArgumentException if the default is not a valid value
     */
    public MillisOption(final String name, final double defaultMillis) {
        this.name = name;
        this.defaultMillis = defaultMillis;
        toNanos(defaultMillis);
    }

    /**
     * The option's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The value used when the option is not given.
     *
     * @return the default, in milliseconds
     */
    public double defaultMillis() {
        return defaultMillis;
    }

    /**
     * The option's value in a scheme's context, in nanoseconds, or the default if it was not given.
     *
     * @param context the runtime's context
     * @return the value in nanoseconds, at least one
     * @throws IllegalArgumentException naming the option, if the given text is not a valid value
     */
    public long nanos(final SchemeContext context) {
        return parseNanos(context.option(name).orElse(null));
    }

    /**
     * Parses the option's text into nanoseconds.
     *
     * @param text the text as given, or {@code null} if the option was not given
     * @return the value in nanoseconds, rounded to the nearest; at least one
     * @throws IllegalArgumentException naming the option, if the text is not a valid value
     */
    public long parseNanos(final String text) {
        return toNanos(parseMillis(text));
    }

    /**
     * Parses the option's text into milliseconds, as given, after checking it is valid.
     *
     * @param text the text as given, or {@code null} if the option was not given
     * @return the value in milliseconds, or the default if the text is {@code null}
     * @throws IllegalArgumentException naming the option, if the text is not a valid value
     */
    public double parseMillis(final String text) {
        if (text == null) {
            return defaultMillis;
        }
        final String trimmed = text.trim();
        if (!DECIMAL.matcher(trimmed).matches()) {
            throw invalid("'" + text + "' is not a decimal number of milliseconds");
        }
        final double millis = Double.parseDouble(trimmed);
        toNanos(millis);
        return millis;
    }

    /**
     * Checks a value given as a number (for a setter a scheme offers at run time).
     *
     * @param millis the value in milliseconds
     * @return the value in nanoseconds, rounded to the nearest; at least one
     * @throws IllegalArgumentException naming the option, if the value is NaN, infinite, not
     *         above zero, shorter than one nanosecond or too long to count in nanoseconds
     */
    public long toNanos(final double millis) {
        if (Double.isNaN(millis) || Double.isInfinite(millis)) {
            throw invalid(millis + " is not a finite number of milliseconds");
        }
        if (millis <= 0) {
            throw invalid(millis + " ms is not greater than zero");
        }
        final double nanos = Math.rint(millis * NANOS_PER_MILLI);
        if (nanos < 1) {
            throw invalid(millis + " ms is shorter than one nanosecond");
        }
        if (nanos >= Long.MAX_VALUE) {
            throw invalid(millis + " ms is too long to count in nanoseconds");
        }
        return (long) nanos;
    }

    private IllegalArgumentException invalid(final String reason) {
        return new IllegalArgumentException(name + ": " + reason
                + "; give a decimal number of milliseconds greater than 0 (default " + defaultMillis + ")");
    }
}
