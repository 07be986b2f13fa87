package org.rclab.stress;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a scenario showed about a scheme: the verdict words of DESIGN section 4, worst last, and
 * {@link #ERROR} for a row that could not be judged.
 */
public enum Verdict {
    /** No forbidden outcome in any sample, and every targeted path the scheme has ran. */
    CLEAN("clean"),
    /**
     * No forbidden outcome, but a path the scenario targets and the scheme has (registers a
     * metric for) never ran, so the row shows nothing about it. Never counts as clean.
     */
    NOT_EXERCISED("not-exercised"),
    /** A decrement was lost: an object was never freed. */
    LEAKS("leaks"),
    /** An update was lost: a count differs from the references that exist. */
    LOSES_COUNTS("loses-counts"),
    /** An object was freed twice, or released after it was freed. */
    DOUBLE_FREE("double-free"),
    /** A freed object was used or brought back. */
    USE_AFTER_FREE("use-after-free"),
    /** Threads never finished. */
    DEADLOCK("deadlock"),
    /**
     * Not a finding about the scheme: the scenario produced no samples, or jcstress reported a
     * test or VM error, so nothing can be said. Never counts as clean.
     */
    ERROR("error");

    private final String word;

    Verdict(final String word) {
        this.word = word;
    }

    /**
     * The word used in the table and the JSON.
     *
     * @return e.g. {@code "loses-counts"}
     */
    public String word() {
        return word;
    }

    /**
     * Whether this verdict reports a lost, leaked or doubly released count (the findings the
     * negative control must produce).
     *
     * @return {@code true} for leaks, loses-counts, double-free and use-after-free
     */
    public boolean isCountFinding() {
        return this == LEAKS || this == LOSES_COUNTS || this == DOUBLE_FREE || this == USE_AFTER_FREE;
    }

    /**
     * The worse of two verdicts.
     *
     * @param other another verdict
     * @return the one later in declaration order
     */
    public Verdict worse(final Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * The verdict a forbidden outcome stands for, read from the start of its description
     * ({@code "leaks: lost decrement ..."}).
     *
     * @param description the outcome's description
     * @return the verdict, or empty if the description does not start with a verdict word and a
     *         colon
     */
    public static Optional<Verdict> ofDescription(final String description) {
        if (description == null) {
            return Optional.empty();
        }
        final int colon = description.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        final String word = description.substring(0, colon).trim();
        return Arrays.stream(values()).filter(v -> v != CLEAN && v != NOT_EXERCISED && v.word.equals(word)).findFirst();
    }

    /**
     * Every verdict word, for messages.
     *
     * @return the words in order
     */
    public static List<String> words() {
        return Arrays.stream(values()).map(Verdict::word).toList();
    }
}
