package org.rclab.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Shapes measured in turn inside one fork: the countdown benchmarks' {@code 1thread},
 * {@code 2threads} and {@code 2runtimes} take turns iteration by iteration in one JVM, so that a
 * ratio of two shapes is formed inside one JVM, from iterations a few hundred milliseconds apart.
 *
 * <p>Why: in the idle run of 2026-11-30 a fork's mean differed from the next fork's of the same
 * cell by more than its own iterations explain (log spread of fork means 0.17 against 0.09 expected
 * from the iterations alone), and a fork's iteration-to-iteration swings were slow (consecutive
 * iterations correlated; benchmarks/README.md has the numbers). Two shapes in separate forks carry
 * both forks' state; two shapes in one fork, in neighbouring iterations, share the fork's JIT code,
 * heap layout and most of the host's drift, which then cancels in their ratio.
 *
 * <p>The order is a palindrome, {@code 1thread 2threads 2runtimes 2runtimes 2threads 1thread}
 * repeated, so a drift that is linear in time falls on every shape alike: in a cyclic order
 * ({@code A B C A B C}) the first shape would always run earlier than the last. Warm-up iterations
 * follow the same order with their own count, so a warm-up of at least {@link #SHAPES}{@code .size()}
 * iterations warms every shape.
 */
public final class InTurn {
    /** The {@code shape} parameter's value that makes a countdown benchmark run its shapes in turn. */
    public static final String VALUE = "alternating";

    /** The parameter that names a countdown benchmark's shape. */
    public static final String SHAPE = "shape";

    /** The shapes, in the order a palindrome starts with. */
    public static final List<String> SHAPES = List.of("1thread", "2threads", "2runtimes");

    /** The unit {@code SchemeMetricsProfiler} gives a metric that is a maximum, not a count per operation. */
    private static final String MAXIMUM_UNIT = "max";

    private InTurn() {
    }

    /**
     * The shape an iteration measures.
     *
     * @param iteration the iteration's index from 0, counted separately for warm-up and measurement
     * @return its shape
     */
    public static String shapeOf(final int iteration) {
        return SHAPES.get(turn(iteration, SHAPES.size()));
    }

    /**
     * Whose turn an iteration is among participants taking turns in a palindrome
     * ({@code 0 1 .. n-1 n-1 .. 1 0}, repeated): the shapes here, the schemes' bare paths in
     * {@link Turns}.
     *
     * @param iteration the iteration's index from 0
     * @param participants how many take turns, at least 1
     * @return the participant's index from 0
     */
    public static int turn(final int iteration, final int participants) {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration " + iteration + " is negative");
        }
        if (participants < 1) {
            throw new IllegalArgumentException("turns need at least one participant, not " + participants);
        }
        final int place = iteration % (2 * participants);
        return place < participants ? place : 2 * participants - 1 - place;
    }

    /**
     * The iteration counts that give every shape the same number of iterations and a whole
     * palindrome: multiples of twice the shapes.
     *
     * @return the period of the order
     */
    public static int period() {
        return 2 * SHAPES.size();
    }

    /**
     * Whether a fork's result ran its shapes in turn.
     *
     * @param params the fork's parameters
     * @return {@code true} if its {@code shape} is {@link #VALUE}
     */
    public static boolean ranInTurn(final Map<String, String> params) {
        return VALUE.equals(params.get(SHAPE));
    }

    /**
     * The parameter sets a fork's results will carry: one per shape for a fork run in turn, else
     * the fork's own.
     *
     * @param params the fork's parameters
     * @return the parameter sets of its measurements
     */
    public static List<Map<String, String>> measured(final Map<String, String> params) {
        if (!ranInTurn(params)) {
            return List.of(params);
        }
        return SHAPES.stream().<Map<String, String>>map(shape -> {
            final Map<String, String> one = new TreeMap<>(params);
            one.put(SHAPE, shape);
            return one;
        }).toList();
    }

    /**
     * Whether a benchmark can run its shapes in turn: its {@code shape} parameter takes exactly
     * the shapes.
     *
     * @param params the benchmark's parameters and their values
     * @return {@code true} for the countdown benchmarks
     */
    public static boolean canRunInTurn(final Map<String, String[]> params) {
        final String[] shapes = params.get(SHAPE);
        return shapes != null && Set.of(shapes).equals(Set.copyOf(SHAPES));
    }

    /**
     * One shape's share of a fork run in turn: its measurement and its scheme metrics.
     *
     * @param measurement the shape's score: the {@linkplain ForkScore median} of its iterations
     * @param metrics the scheme metrics per operation, averaged over the shape's iterations
     * @param iterations the shape's measured iteration scores, in the order they ran
     */
    public record Share(Measurement measurement, Map<String, Double> metrics, List<Double> iterations) {
        /** Makes the record; the scores are copied. */
        public Share {
            iterations = List.copyOf(iterations);
        }
    }

    /**
     * Splits a fork run in turn into one measurement per shape, from its measured iterations.
     *
     * @param result JMH's result of one fork whose {@code shape} was {@link #VALUE}
     * @param metricPrefix the prefix of the secondary results that are scheme metrics; stripped
     * @return one share per shape, in {@link #SHAPES} order
     * @throws IllegalArgumentException if the result holds no iterations or not one fork
     */
    public static List<Share> split(final RunResult result, final String metricPrefix) {
        final List<BenchmarkResult> forks = new ArrayList<>(result.getBenchmarkResults());
        if (forks.size() != 1) {
            throw new IllegalArgumentException("a fork run in turn must be one fork, found " + forks.size());
        }
        final List<IterationResult> iterations = new ArrayList<>(forks.get(0).getIterationResults());
        final List<Double> scores = iterations.stream().map(i -> i.getPrimaryResult().getScore()).toList();
        final Map<String, List<Map<String, Double>>> metrics = new LinkedHashMap<>();
        final Set<String> maxima = new TreeSet<>();
        for (int i = 0; i < iterations.size(); i++) {
            final Map<String, Double> one = new TreeMap<>();
            iterations.get(i).getSecondaryResults().forEach((label, value) -> {
                if (label.startsWith(metricPrefix)) {
                    final String name = label.substring(metricPrefix.length());
                    one.put(name, value.getScore());
                    if (MAXIMUM_UNIT.equals(value.getScoreUnit())) {
                        maxima.add(name);
                    }
                }
            });
            metrics.computeIfAbsent(shapeOf(i), s -> new ArrayList<>()).add(one);
        }
        final Measurement whole = Measurement.fromRunResult(result);
        final List<Share> out = new ArrayList<>();
        final Map<String, double[]> byShape = byShape(scores);
        for (final String shape : SHAPES) {
            final double[] own = byShape.get(shape);
            if (own == null) {
                throw new IllegalArgumentException("the fork ran no measured iteration of " + shape
                        + " (measure at least " + SHAPES.size() + " iterations)");
            }
            final Map<String, String> params = new TreeMap<>(whole.params());
            params.put(SHAPE, shape);
            final Measurement measurement = new Measurement(whole.benchmark(), whole.method(), whole.mode(),
                    whole.threads(), params, ForkScore.of(own), new ListStatistics(own).getMeanErrorAt(0.999), whole.unit());
            out.add(new Share(measurement, combine(metrics.get(shape), maxima),
                    Arrays.stream(own).boxed().toList()));
        }
        return out;
    }

    /**
     * Groups a fork's measured iteration scores by the shape each iteration ran.
     *
     * @param scores the scores in the order they were measured
     * @return each shape's scores, in order
     */
    static Map<String, double[]> byShape(final List<Double> scores) {
        final Map<String, List<Double>> lists = new LinkedHashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            lists.computeIfAbsent(shapeOf(i), s -> new ArrayList<>()).add(scores.get(i));
        }
        final Map<String, double[]> out = new LinkedHashMap<>();
        lists.forEach((shape, list) -> out.put(shape, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /**
     * Each metric over some iterations as JMH aggregates it over a fork: the mean of a per-operation
     * figure, the largest of a maximum.
     */
    private static Map<String, Double> combine(final List<Map<String, Double>> iterations, final Set<String> maxima) {
        final Map<String, List<Double>> values = new TreeMap<>();
        iterations.forEach(one -> one.forEach((name, v) -> values.computeIfAbsent(name, n -> new ArrayList<>()).add(v)));
        final Map<String, Double> out = new TreeMap<>();
        values.forEach((name, list) -> out.put(name, maxima.contains(name)
                ? list.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                : list.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        return out;
    }
}
