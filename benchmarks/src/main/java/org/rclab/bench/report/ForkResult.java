package org.rclab.bench.report;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One forked measurement of one round: JMH's result for one benchmark, parameter set and scheme
 * in one JVM (or one run of the CPython script's program), with the machine's load around it and
 * the scheme's own metrics per operation.
 *
 * @param round the round, from 1
 * @param position its place in the round's (shuffled) order, from 1
 * @param measurement the score
 * @param loadBefore the system's one-minute load average just before the fork started
 * @param loadAfter the same just after it ended
 * @param metrics the scheme's metrics ({@code gil.handovers}, ...) per measured operation, by name
 * @param turnScores for a measurement that took turns with others in its fork, its measured iterations' scores
 *                   in the order they ran (the k-th ran beside every other participant's k-th); empty otherwise
 * @param company how many measurements its fork made, itself included: 1 for a fork that measured it alone,
 *                the number of cells for cells in turn (a more round that keeps only some of a fork's cells
 *                gives them a smaller company); 0 where not recorded (logs older than the twelfth session)
 */
public record ForkResult(int round, int position, Measurement measurement, double loadBefore, double loadAfter,
                         Map<String, Double> metrics, List<Double> turnScores, int company) {
    /** Makes the record; the metrics are copied and sorted, the scores copied (none when absent, as in older logs). */
    public ForkResult {
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
        turnScores = turnScores == null ? List.of() : List.copyOf(turnScores);
    }

    /**
     * A fork that measured one thing alone.
     *
     * @param round the round, from 1
     * @param position its place in the round's order, from 1
     * @param measurement the score
     * @param loadBefore the load average just before
     * @param loadAfter the load average just after
     * @param metrics the scheme's metrics per measured operation
     */
    public ForkResult(final int round, final int position, final Measurement measurement, final double loadBefore,
                      final double loadAfter, final Map<String, Double> metrics) {
        this(round, position, measurement, loadBefore, loadAfter, metrics, List.of(), 1);
    }

    /**
     * Whether the machine was busier than it has CPUs around this fork: other work then took
     * CPU time from the measurement.
     *
     * @param cpus the machine's CPU count
     * @return {@code true} if either load figure exceeds it
     */
    public boolean underLoad(final int cpus) {
        return Math.max(loadBefore, loadAfter) > cpus;
    }
}
