package org.rclab.gil;

import org.rclab.scheme.MillisOption;

/**
 * How long a thread waiting for the GIL waits before it asks the holder to drop it (CPython's
 * {@code sys.setswitchinterval}, there in seconds, here in milliseconds). An immutable value;
 * the lock holds the current one and a running program may swap it.
 *
 * <p>Valid values are finite decimal numbers of milliseconds greater than zero that are at least
 * one nanosecond once converted; everything else is rejected with an
 * {@link IllegalArgumentException} that names the option {@value #OPTION} (the rules are
 * {@link MillisOption}'s).
 */
public final class SwitchInterval {
    /** The runtime option that sets the interval: {@value}. */
    public static final String OPTION = "switch-interval-ms";

    /** The interval when the option is not given, in milliseconds: {@value} (CPython's default). */
    public static final double DEFAULT_MILLIS = 5.0;

    /** The option's parsing and range rules, shared with every scheme that reads such an option. */
    private static final MillisOption RULE = new MillisOption(OPTION, DEFAULT_MILLIS);

    /** The default interval. */
    public static final SwitchInterval DEFAULT = ofMillis(DEFAULT_MILLIS);

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
        return text == null ? DEFAULT : ofMillis(RULE.parseMillis(text));
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
        return new SwitchInterval(millis, RULE.toNanos(millis));
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
