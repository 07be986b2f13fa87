package org.rclab.stress;

import java.util.List;

import org.rclab.stress.scenarios.ForkMetrics;

/**
 * Everything jcstress recorded for one scenario and one scheme, summed over forks, with the
 * scheme metrics the forks' runtimes counted.
 *
 * @param entry the scenario
 * @param samples how many samples were recorded
 * @param outcomes the outcomes seen, with their grading
 * @param timedOut whether a fork's threads did not finish within jcstress's timeout
 * @param errors what jcstress reported for forks that failed (test or VM errors)
 * @param metrics the scenario runtime's metrics, summed over the forks that recorded them
 */
public record ScenarioRun(Suite.Entry entry, long samples, List<OutcomeCount> outcomes, boolean timedOut,
                          List<String> errors, ForkMetrics metrics) {
    /**
     * Makes the record, copying the lists.
     */
    public ScenarioRun {
        outcomes = List.copyOf(outcomes);
        errors = List.copyOf(errors);
    }

    /**
     * The verdict table's name of the scenario.
     *
     * @return e.g. {@code 01-incref-incref}
     */
    public String scenario() {
        return entry.scenario();
    }

    /**
     * Whether the scenario demonstrates misuse rather than checks a promise.
     *
     * @return the entry's flag
     */
    public boolean demonstration() {
        return entry.demonstration();
    }

    /**
     * The same run with the metrics the forks recorded.
     *
     * @param recorded the metrics
     * @return a copy carrying them
     */
    public ScenarioRun withMetrics(final ForkMetrics recorded) {
        return new ScenarioRun(entry, samples, outcomes, timedOut, errors, recorded);
    }
}
