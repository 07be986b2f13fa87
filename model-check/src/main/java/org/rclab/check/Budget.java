package org.rclab.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How many interleavings each scheme × scenario may explore. */
public enum Budget {
    /**
     * The CI smoke: every scheme and scenario in a few minutes. Twice what the slowest negative
     * control needs: {@code unsafe}'s failure in {@code checkpoint-handover} comes at the 57th
     * interleaving (model-check README), so a thread-safe scheme's pass rests on a search that
     * would have found that scenario's race twice over.
     */
    QUICK(120),
    /** A longer search: about eight times the interleavings of {@link #QUICK}. */
    LONG(1_000);

    private final int invocations;

    Budget(final int invocations) {
        this.invocations = invocations;
    }

    /**
     * The most invocations (interleavings) explored per scheme × scenario.
     *
     * @return the budget
     */
    public int invocations() {
        return invocations;
    }

    /**
     * The budget's command-line word.
     *
     * @return {@code quick} or {@code long}
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The budget a command-line word names.
     *
     * @param word {@code quick} or {@code long}
     * @return the budget
     * @throws IllegalArgumentException naming the accepted words if there is no such budget
     */
    public static Budget of(final String word) {
        for (final Budget b : values()) {
            if (b.word().equals(word)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown budget '" + word + "' (budgets: " + words() + ")");
    }

    /**
     * The accepted words, separated by {@code |}.
     *
     * @return e.g. {@code quick|long}
     */
    public static String words() {
        return Arrays.stream(values()).map(Budget::word).collect(Collectors.joining("|"));
    }
}
