package org.rclab.scheme;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
 * <p>{@link #PARKS_EXPIRE} is the narrower of the two: only a timed park's bound counts as elapsed
 * at once, while the thresholds the policy measures on the clock (a lock's 1 ms hand-off rule, a
 * GIL's switch interval) stay on the clock. It exists for a timed park that bounds the cost of a
 * lost wake-up: with {@code expired} the checker explores the policy with its thresholds crossed,
 * with {@code parks-expire} the policy as the benchmarks run it, wake-up lost and taken back. What
 * the model's clock is (Lincheck 3.7, read in its byte code): {@link System#nanoTime()} and
 * {@link System#currentTimeMillis()} return a fixed value in every invocation, so no threshold is
 * ever crossed by waiting, and its agent rewrites {@code Unsafe.park} (under
 * {@link java.util.concurrent.locks.LockSupport#parkNanos}) into its own park and drops the bound,
 * so a timed park ends only by an unpark.
 *
 * <p>A scheme that reads this option declares it in {@link Scheme#options()} (with what
 * {@code expired} and {@code parks-expire} mean for it: a GIL, whose timed waits are its switch
 * interval, reads {@code parks-expire} as {@code clock}) and parses it with
 * {@link #of(SchemeContext)}, so that every
 * scheme accepts the same words and refuses everything else with the same one-line error.
 */
public enum TimedWaits {
    /** Waits and thresholds run on the clock (the default). */
    CLOCK,
    /** Every clock-bounded wait and threshold counts as elapsed as soon as it begins. */
    EXPIRED,
    /**
     * Every timed park returns at once, as if its bound had passed; thresholds measured on the
     * clock stay on the clock.
     */
    PARKS_EXPIRE;

    /** The option's name: {@value}. */
    public static final String OPTION = "timed-waits";

    /**
     * The option's word for this value.
     *
     * @return {@code clock}, {@code expired} or {@code parks-expire}
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Whether a timed park returns at once under this value ({@link #EXPIRED} and
     * {@link #PARKS_EXPIRE}).
     *
     * @return {@code true} unless {@link #CLOCK}
     */
    public boolean parksExpire() {
        return this != CLOCK;
    }

    /**
     * The value given to a runtime, or {@link #CLOCK} if the option was not given.
     *
     * @param context the runtime's context
     * @return the value
     * @throws IllegalArgumentException naming {@value #OPTION} if the text is not one of
     *         {@code clock}, {@code expired}, {@code parks-expire}
     */
    public static TimedWaits of(final SchemeContext context) {
        return parse(context.option(OPTION).orElse(null));
    }

    /**
     * Parses the option's text.
     *
     * @param text the text as given, or {@code null} if the option was not given
     * @return the value ({@link #CLOCK} for {@code null})
     * @throws IllegalArgumentException naming {@value #OPTION} if the text is not one of
     *         {@code clock}, {@code expired}, {@code parks-expire}
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
        throw new IllegalArgumentException(OPTION + ": '" + text + "' is not one of "
                + Arrays.stream(values()).map(TimedWaits::word).collect(Collectors.joining(", ")) + " (default clock)");
    }
}
