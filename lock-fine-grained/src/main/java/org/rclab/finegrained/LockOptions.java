package org.rclab.finegrained;

import java.util.regex.Pattern;

import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.TimedWaits;

/**
 * The settings of the per-object lock a runtime may change, read from {@code fine-grained}'s
 * options: how many times a contended acquirer retries before it parks ({@value #SPINS_OPTION},
 * default {@value #DEFAULT_SPINS}, CPython's {@code MAX_SPIN_COUNT}); how long a parked waiter
 * waits before an unlock hands it the lock ({@link ObjectLock#FAIR_AFTER_NANOS}); and how long its
 * first timed park lasts ({@link ParkingLot#FIRST_TIMEOUT_NANOS}). With {@code timed-waits=expired}
 * both times are zero; with {@code timed-waits=parks-expire} only the park's, so the 1 ms rule stays
 * on the clock (a model checker's clock never moves: no hand-off, the unlock wakes the waiter to
 * compete, and a wake-up an unlock erased is taken back by the expired park).
 *
 * <p>Both exist for model checking: a checker that cuts spinning short never sees a thread park
 * unless it may park at once ({@code lock-spins=0}), and one with no clock never sees a waiter age
 * past 1 ms unless the limit counts as elapsed. The defaults are what the benchmarks measure.
 *
 * @param spins retries (spins, then yields) before parking, 0 to {@value #MAX_SPINS}
 * @param fairAfterNanos how long a waiter must have been parked to be handed the lock
 * @param firstParkNanos the first timed park's bound (0: every timed park expires at once)
 */
record LockOptions(int spins, long fairAfterNanos, long firstParkNanos) {
    /** The option that sets the retries before parking: {@value}. */
    static final String SPINS_OPTION = "lock-spins";
    /** The most retries: {@value}, the idle strategy's spins and yields (it would park beyond them). */
    static final int MAX_SPINS = ObjectLock.MAX_SPINS + ObjectLock.MAX_YIELDS;
    /** Retries when the option is not given: {@value}. */
    static final int DEFAULT_SPINS = MAX_SPINS;
    /** The lock as the benchmarks run it. */
    static final LockOptions DEFAULT = new LockOptions(DEFAULT_SPINS, ObjectLock.FAIR_AFTER_NANOS,
            ParkingLot.FIRST_TIMEOUT_NANOS);

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    /**
     * The options given to a runtime.
     *
     * @param context the runtime's context
     * @return the options, defaults where not given
     * @throws IllegalArgumentException naming the option, for a malformed value
     */
    static LockOptions of(final SchemeContext context) {
        final TimedWaits waits = TimedWaits.of(context);
        return new LockOptions(parseSpins(context.option(SPINS_OPTION).orElse(null)),
                waits == TimedWaits.EXPIRED ? 0 : ObjectLock.FAIR_AFTER_NANOS,
                waits.parksExpire() ? 0 : ParkingLot.FIRST_TIMEOUT_NANOS);
    }

    /**
     * Parses {@value #SPINS_OPTION}.
     *
     * @param text the option's text, or {@code null} if absent
     * @return the retries
     * @throws IllegalArgumentException naming the option unless the text is a whole number from 0
     *         to {@value #MAX_SPINS}
     */
    static int parseSpins(final String text) {
        if (text == null) {
            return DEFAULT_SPINS;
        }
        final String trimmed = text.trim();
        if (!DIGITS.matcher(trimmed).matches() || Integer.parseInt(trimmed) > MAX_SPINS) {
            throw new IllegalArgumentException(SPINS_OPTION + ": '" + text + "' is not a whole number from 0 to "
                    + MAX_SPINS + " (default " + DEFAULT_SPINS + ")");
        }
        return Integer.parseInt(trimmed);
    }
}
