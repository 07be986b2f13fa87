package org.rclab.scheme;

import java.util.Locale;

/**
 * The option {@value #OPTION}: whether the waits and thresholds a scheme measures on the clock
 * (a GIL waiter's switch interval, a lock's "parked longer than 1 ms" rule) run on the clock, or
 * count as elapsed the moment they begin.
 *
 * <p>Why it exists: a model checker has no clock. Lincheck never lets a timed wait time out, so
 * every path that only a timeout opens (a GIL waiter's drop request, and the forced switch that
 * answers it; a lock's hand-off to a long waiter) is never explored. With {@link #EXPIRED} those
 * paths no longer depend on time: the checker reaches them by choosing thread switches, and it
 * can still let the other threads run as long as it likes before the waiter's turn, which is
 * "the interval elapsed at some point". In a real run {@code expired} makes GIL waiters busy-wait
 * and ask for a drop at once; it is for model checking, not for measurement.
 *
 * <p>A scheme that reads this option declares it in {@link Scheme#options()} (with what
 * {@code expired} means for it) and parses it with {@link #of(SchemeContext)}, so that every
 * scheme accepts the same words and refuses everything else with the same one-line error.
 */
public enum TimedWaits {
    /** Waits and thresholds run on the clock (the default). */
    CLOCK,
    /** Every clock-bounded wait and threshold counts as elapsed as soon as it begins. */
    EXPIRED;

    /** The option's name: {@value}. */
    public static final String OPTION = "timed-waits";

    /**
     * The option's word for this value.
     *
     * @return {@code clock} or {@code expired}
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value given to a runtime, or {@link #CLOCK} if the option was not given.
     *
     * @param context the runtime's context
     * @return the value
     * @throws IllegalArgumentException naming {@value #OPTION} if the text is neither
     *         {@code clock} nor {@code expired}
     */
    public static TimedWaits of(final SchemeContext context) {
        return parse(context.option(OPTION).orElse(null));
    }

    /**
     * Parses the option's text.
     *
     * @param text the text as given, or {@code null} if the option was not given
     * @return the value ({@link #CLOCK} for {@code null})
     * @throws IllegalArgumentException naming {@value #OPTION} if the text is neither
     *         {@code clock} nor {@code expired}
     */
    public static TimedWaits parse(final String text) {
        if (text == null) {
            return CLOCK;
        }
        for (final TimedWaits value : values()) {
            if (value.word().equals(text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException(OPTION + ": '" + text + "' is not one of clock, expired (default clock)");
    }
}
