package org.rclab.stress;

/**
 * How often one outcome was seen in a scenario, with jcstress's grading of it.
 *
 * @param state the outcome as jcstress prints it, e.g. {@code "12, 1"}
 * @param grade what the test's {@code @Outcome} says of it
 * @param count how many samples had it
 * @param description the {@code @Outcome} description
 */
public record OutcomeCount(String state, Grade grade, long count, String description) {
    /** The three kinds of {@code @Outcome} expectation. */
    public enum Grade {
        /** Allowed and unremarkable. */
        ACCEPTABLE,
        /** Allowed, but worth a look. */
        INTERESTING,
        /** Breaks the promise the test checks. */
        FORBIDDEN
    }
}
