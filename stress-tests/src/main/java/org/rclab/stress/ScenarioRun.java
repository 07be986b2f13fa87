package org.rclab.stress;

import java.util.List;

/**
 * Everything jcstress recorded for one scenario and one scheme, summed over forks.
 *
 * @param test the jcstress test name
 * @param scenario the verdict table's name for it (from {@code @Scenario})
 * @param demonstration whether it demonstrates misuse rather than checks a promise
 * @param samples how many samples were recorded
 * @param outcomes the outcomes seen, with their grading
 * @param timedOut whether a fork's threads did not finish within jcstress's timeout
 * @param errors what jcstress reported for forks that failed (test or VM errors)
 */
public record ScenarioRun(String test, String scenario, boolean demonstration, long samples,
                          List<OutcomeCount> outcomes, boolean timedOut, List<String> errors) {
    /**
     * Makes the record, copying the lists.
     */
    public ScenarioRun {
        outcomes = List.copyOf(outcomes);
        errors = List.copyOf(errors);
    }
}
