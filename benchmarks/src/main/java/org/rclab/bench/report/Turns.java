package org.rclab.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Cells of several schemes (bare single-thread paths and the physical floors; the countdown's
 * shapes) measured in turn inside one fork, iteration by iteration, so that a ratio across schemes is formed inside one JVM: the
 * report's side of {@code org.rclab.bench.turns.CellsInTurn}.
 *
 * <p>Why: on this KVM guest a fork sometimes drops for seconds into a state about 1.8× slower, so
 * two schemes measured in two forks carry two independent draws of the host's speed (a bare plain
 * pair scored 0.83–0.95 ns in some forks and 1.34–1.75 ns in others of the same run). Participants
 * taking turns every 50–150 ms inside one JVM share those states, and the state cancels in their
 * ratio, as it did for one scheme's countdown shapes ({@link InTurn}). The order is the same palindrome, so a
 * drift linear in time falls on every participant alike.
 *
 * <p>A participant is written as a cell of {@code targets.tsv} is: {@code ownedPairBatch{scheme=brc}},
 * {@code countdown{scheme=gil,shape=1thread}}; the fork's parameter {@link #PARAM} lists them, separated by
 * {@value #SEPARATOR} (not a comma, which JMH's command line would split into several values, so a
 * fork can be run again by hand with {@code -p turns=...}).
 */
public final class Turns {
    /** The parameter of the in-turn benchmark that lists its participants, in turn order. */
    public static final String PARAM = "turns";

    /** What separates the participants in {@link #PARAM}. */
    public static final String SEPARATOR = ";";

    private Turns() {
    }

    /**
     * One participant: a benchmark cell that takes its turns in the fork.
     *
     * @param benchmark the cell's full JMH name, {@code org.rclab.bench.OwnedPair.ownedPairBatch}
     * @param params the cell's parameters, {@code scheme=brc}; at least one
     */
    public record Participant(String benchmark, Map<String, String> params) {
        /**
         * Checks the participant.
         *
         * @throws IllegalArgumentException if it has no parameter
         */
        public Participant {
            params = Collections.unmodifiableMap(new TreeMap<>(params));
            if (params.isEmpty()) {
                throw new IllegalArgumentException("a participant names its cell's parameters (scheme, kind, shape)");
            }
        }

        /**
         * The method name.
         *
         * @return e.g. {@code ownedPairBatch}
         */
        public String method() {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }

        /**
         * The participant as the fork's parameter writes it.
         *
         * @return e.g. {@code ownedPairBatch{scheme=brc}}, {@code countdown{scheme=gil,shape=1thread}}
         */
        public String code() {
            final StringJoiner out = new StringJoiner(",", method() + "{", "}");
            params.forEach((name, value) -> out.add(name + "=" + value));
            return out.toString();
        }
    }

    /**
     * The fork's parameter for some participants.
     *
     * @param participants in turn order
     * @return their codes, separated by {@link #SEPARATOR}
     */
    public static String param(final List<Participant> participants) {
        return String.join(SEPARATOR, participants.stream().map(Participant::code).toList());
    }

    /**
     * The secondary result, per iteration, of the wall-clock nanoseconds of a participant's
     * invocations ({@code CellsInTurn.TurnClock}'s field).
     */
    public static final String TURN_WALL = "turnWallNanos";

    /** The secondary result, per iteration, of the CPU nanoseconds per counting thread in those invocations. */
    public static final String TURN_CPU = "turnCpuNanos";

    /**
     * The metric of how much of its turns a participant's counting threads held a CPU: the median
     * over its measured iterations of CPU time per thread over wall-clock time.
     */
    public static final String CPU_SHARE = "cpu-share";

    /** The lowest of a participant's per-iteration {@link #CPU_SHARE}s. */
    public static final String CPU_SHARE_LOWEST = "cpu-share-lowest";

    /**
     * Splits a fork run in turn into one measurement per participant, from its measured
     * iterations: the {@linkplain ForkScore median} of the participant's own iterations, with JMH's
     * 99.9% error of their mean, under the participant's own benchmark name and parameters. A
     * participant whose iterations recorded CPU time also gets {@link #CPU_SHARE} and
     * {@link #CPU_SHARE_LOWEST} as metrics.
     *
     * @param result JMH's result of one fork of the in-turn benchmark
     * @param participants the participants, in the order the fork's parameter lists them
     * @return one share per participant, in that order
     * @throws IllegalArgumentException if the result is not one fork, or a participant ran no measured iteration
     */
    public static List<InTurn.Share> split(final RunResult result, final List<Participant> participants) {
        final List<BenchmarkResult> forks = new ArrayList<>(result.getBenchmarkResults());
        if (forks.size() != 1) {
            throw new IllegalArgumentException("a fork run in turn must be one fork, found " + forks.size());
        }
        final List<IterationResult> iterations = new ArrayList<>(forks.get(0).getIterationResults());
        final List<List<Double>> own = new ArrayList<>();
        final List<List<Double>> cpuShares = new ArrayList<>();
        participants.forEach(p -> {
            own.add(new ArrayList<>());
            cpuShares.add(new ArrayList<>());
        });
        for (int i = 0; i < iterations.size(); i++) {
            final int turn = InTurn.turn(i, participants.size());
            final IterationResult iteration = iterations.get(i);
            own.get(turn).add(iteration.getPrimaryResult().getScore());
            final Result<?> wall = iteration.getSecondaryResults().get(TURN_WALL);
            final Result<?> cpu = iteration.getSecondaryResults().get(TURN_CPU);
            if (wall != null && cpu != null && wall.getScore() > 0) {
                cpuShares.get(turn).add(cpu.getScore() / wall.getScore());
            }
        }
        final Measurement whole = Measurement.fromRunResult(result);
        final List<InTurn.Share> out = new ArrayList<>();
        for (int p = 0; p < participants.size(); p++) {
            final Participant participant = participants.get(p);
            final double[] scores = own.get(p).stream().mapToDouble(Double::doubleValue).toArray();
            if (scores.length == 0) {
                throw new IllegalArgumentException("the fork ran no measured iteration of " + participant.code()
                        + " (measure at least " + participants.size() + " iterations)");
            }
            final Map<String, Double> metrics = new TreeMap<>();
            final double[] shares = cpuShares.get(p).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (shares.length > 0) {
                metrics.put(CPU_SHARE, ForkScore.of(shares));
                metrics.put(CPU_SHARE_LOWEST, shares[0]);
            }
            out.add(new InTurn.Share(new Measurement(participant.benchmark(), participant.method(), whole.mode(),
                    whole.threads(), new TreeMap<>(participant.params()), ForkScore.of(scores),
                    new ListStatistics(scores).getMeanErrorAt(0.999), whole.unit()), metrics, own.get(p)));
        }
        return out;
    }
}
