package org.rclab.gil;

import java.util.regex.Pattern;

/**
 * How long a thread waiting for the GIL waits before it asks the holder to drop it (CPython's
 * {@code sys.setswitchinterval}, there in seconds, here in milliseconds). An immutable value;
 * the lock holds the current one and a running program may swap it.
 *
 * <p>Valid values are finite decimal numbers of milliseconds greater than zero that are at least
 * one nanosecond once converted; everything else is rejected with an
 * {@link IllegalArgumentException} that names the option {@value #OPTION}.
 */
public final class SwitchInterval {
    /** The runtime option that sets the interval: {@value}. */
    public static final String OPTION = "switch-interval-ms";

    /** The interval when the option is not given, in milliseconds: {@value} (CPython's default). */
    public static final double DEFAULT_MILLIS = 5.0;

    /** The default interval. */
    public static final SwitchInterval DEFAULT = ofMillis(DEFAULT_MILLIS);

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    /** Plain decimal notation only: Double.parseDouble would also take "NaN", "1e3", "0x1p3" and "5d". */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");

    private final double millis;
    private final long nanos;

    private SwitchInterval(final double millis, final long nanos) {
        this.millis = millis;
        this.nanos = nanos;
    }

    /**
     * The interval given by the option's text, or the default if the option was not given.
     *
     * @param text the option's value as given to the runtime builder, or {@code null} if absent
     * @return the interval
     * @throws IllegalArgumentException if the text is not a decimal number of milliseconds above zero
     */
    public static SwitchInterval parse(final String text) {
        if (text == null) {
            return DEFAULT;
        }
        final String trimmed = text.trim();
        if (!DECIMAL.matcher(trimmed).matches()) {
            throw invalid("'" + text + "' is not a decimal number of milliseconds");
        }
        return ofMillis(Double.parseDouble(trimmed));
    }

    /**
     * An interval of a number of milliseconds.
     *
     * @param millis the interval, e.g. {@code 0.5}
     * @return the interval
     * @throws IllegalArgumentException if the value is NaN, infinite, not above zero, shorter than
     *         one nanosecond, or too long to count in nanoseconds
     */
    public static SwitchInterval ofMillis(final double millis) {
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
        return new SwitchInterval(millis, (long) nanos);
    }

    private static IllegalArgumentException invalid(final String reason) {
        return new IllegalArgumentException(OPTION + ": " + reason
                + "; give a decimal number of milliseconds greater than 0 (default " + DEFAULT_MILLIS + ")");
    }

    /**
     * The interval in milliseconds, as given.
     *
     * @return the milliseconds
     */
    public double millis() {
        return millis;
    }

    /**
     * The interval in nanoseconds, rounded to the nearest; at least one.
     *
     * @return the nanoseconds
     */
    public long nanos() {
        return nanos;
    }

    @Override
    public String toString() {
        return millis + " ms";
    }
}
