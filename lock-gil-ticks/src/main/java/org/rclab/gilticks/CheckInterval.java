package org.rclab.gilticks;

import java.util.regex.Pattern;

/**
 * How many checkpoints ("ticks") the holder of the lock passes between two chances it gives other
 * threads: CPython 2's {@code sys.setcheckinterval}, counted in bytecodes there (default 100),
 * here in {@code RuntimeThread.checkpoint()} calls. Read from the runtime option {@value #OPTION}.
 */
final class CheckInterval {
    /** The runtime option that sets the interval: {@value}. */
    static final String OPTION = "check-interval";

    /** The interval when the option is not given: {@value} (CPython 2's default). */
    static final int DEFAULT = 100;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]+");

    private CheckInterval() {
    }

    /**
     * The interval given by the option's text, or the default if the option was not given.
     *
     * @param text the option's value as given to the runtime builder, or {@code null} if absent
     * @return the number of ticks, at least one
     * @throws IllegalArgumentException naming {@value #OPTION} if the text is not a whole number
     *         from 1 to {@link Integer#MAX_VALUE}
     */
    static int parse(final String text) {
        if (text == null) {
            return DEFAULT;
        }
        final String trimmed = text.trim();
        // ASCII digits with an optional minus only: Integer.parseInt would also take "+5" and
        // non-ASCII digits.
        if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
            throw invalid("'" + text + "' is not a whole number");
        }
        if (trimmed.startsWith("-") || trimmed.chars().allMatch(c -> c == '0')) {
            throw invalid("'" + text + "' is not greater than zero");
        }
        final long ticks;
        try {
            ticks = Long.parseLong(trimmed);
        } catch (final NumberFormatException e) {
            throw invalid("'" + text + "' is too large");
        }
        if (ticks > Integer.MAX_VALUE) {
            throw invalid("'" + text + "' is too large");
        }
        return (int) ticks;
    }

    private static IllegalArgumentException invalid(final String reason) {
        return new IllegalArgumentException(OPTION + ": " + reason + "; give a whole number of checkpoints from 1 to "
                + Integer.MAX_VALUE + " (default " + DEFAULT + ")");
    }
}
