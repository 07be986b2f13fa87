package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.AverageTimeResult;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

class InTurnTest {
    private static final String PREFIX = "metric:";

    /** Each shape's true time per step in the synthetic forks: 2threads/1thread = 0.5, 2runtimes/1thread = 0.6. */
    private static final Map<String, Double> TRUE_TIME = Map.of("1thread", 40.0, "2threads", 20.0, "2runtimes", 24.0);

    @Test
    void shapesTakeTurnsInAPalindromeThatRepeats() {
        final List<String> order = new ArrayList<>();
        for (int i = 0; i < 2 * InTurn.period(); i++) {
            order.add(InTurn.shapeOf(i));
        }
        assertEquals(List.of("1thread", "2threads", "2runtimes", "2runtimes", "2threads", "1thread",
                "1thread", "2threads", "2runtimes", "2runtimes", "2threads", "1thread"), order);
        assertThrows(IllegalArgumentException.class, () -> InTurn.shapeOf(-1));
    }

    @Test
    void aForkWithoutDriftGivesEachShapeItsOwnTime() {
        final List<InTurn.Share> shares = InTurn.split(fork(6, i -> TRUE_TIME.get(InTurn.shapeOf(i))), PREFIX);
        assertEquals(InTurn.SHAPES, shares.stream().map(s -> s.measurement().params().get(InTurn.SHAPE)).toList());
        for (final InTurn.Share share : shares) {
            final Measurement m = share.measurement();
            assertEquals(TRUE_TIME.get(m.params().get(InTurn.SHAPE)), m.score(), 1e-9);
            assertEquals("gil", m.scheme(), "the scheme and the other parameters are kept");
            assertEquals("countdown", m.method());
        }
    }

    @Test
    void aLinearDriftInTheForkCancelsInThePairedRatio() {
        // The machine slows by 10% of the first iteration's speed at every iteration: in a
        // palindrome every shape's iterations have the same mean position, so the ratio of two
        // shapes' means is the true ratio although each mean is 55% slower than the truth.
        final List<InTurn.Share> shares = InTurn.split(fork(12, i -> TRUE_TIME.get(InTurn.shapeOf(i)) * (1 + 0.1 * i)),
                PREFIX);
        final Map<String, Double> means = new java.util.TreeMap<>();
        shares.forEach(s -> means.put(s.measurement().params().get(InTurn.SHAPE), s.measurement().score()));
        assertEquals(0.5, means.get("2threads") / means.get("1thread"), 1e-12);
        assertEquals(0.6, means.get("2runtimes") / means.get("1thread"), 1e-12);
        assertEquals(40 * 1.55, means.get("1thread"), 1e-9);
    }

    @Test
    void eachShapeGetsTheMetricsOfItsOwnIterations() {
        final RunResult result = fork(6, i -> TRUE_TIME.get(InTurn.shapeOf(i)), i -> Map.of(
                "gil.handovers", InTurn.shapeOf(i).equals("2threads") ? 3.0 : 0.0,
                "gil.queue-high-water", (double) i));
        final Map<String, Map<String, Double>> metrics = new java.util.TreeMap<>();
        InTurn.split(result, PREFIX).forEach(s -> metrics.put(s.measurement().params().get(InTurn.SHAPE), s.metrics()));
        assertEquals(3.0, metrics.get("2threads").get("gil.handovers"));
        assertEquals(0.0, metrics.get("1thread").get("gil.handovers"));
        // A maximum is the largest of the shape's iterations (1thread ran iterations 0 and 5).
        assertEquals(5.0, metrics.get("1thread").get("gil.queue-high-water"));
    }

    @Test
    void aForkTooShortForEveryShapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> InTurn.split(fork(2, i -> 1.0), PREFIX));
    }

    @Test
    void onlyTheCountdownShapesRunInTurnAndTheirForksServeEachShape() {
        assertTrue(InTurn.canRunInTurn(Map.of("shape", new String[] {"2runtimes", "1thread", "2threads"})));
        assertFalse(InTurn.canRunInTurn(Map.of("kind", new String[] {"plain"})));
        assertEquals(List.of(Map.of("scheme", "gil", "shape", "1thread"), Map.of("scheme", "gil", "shape", "2threads"),
                        Map.of("scheme", "gil", "shape", "2runtimes")),
                InTurn.measured(Map.of("scheme", "gil", "shape", InTurn.VALUE)));
        assertEquals(List.of(Map.of("scheme", "gil", "shape", "1thread")),
                InTurn.measured(Map.of("scheme", "gil", "shape", "1thread")));
    }

    private static RunResult fork(final int iterations, final IntToDoubleFunction nanos) {
        return fork(iterations, nanos, i -> Map.of());
    }

    /** One fork of {@code countdown} under {@code gil} run in turn, with the given time per step at each iteration. */
    private static RunResult fork(final int iterations, final IntToDoubleFunction nanos,
                                  final java.util.function.IntFunction<Map<String, Double>> metrics) {
        final IterationParams warmup = new IterationParams(IterationType.WARMUP, 0, TimeValue.milliseconds(1), 1);
        final IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, iterations,
                TimeValue.milliseconds(150), 1);
        final WorkloadParams workload = new WorkloadParams();
        workload.put("scheme", "gil", 0);
        workload.put("shape", InTurn.VALUE, 1);
        final BenchmarkParams params = new BenchmarkParams("org.rclab.bench.Countdown.countdown", "generated", false, 1,
                new int[] {1}, List.of(), 1, 0, warmup, measurement, Mode.AverageTime, workload, TimeUnit.NANOSECONDS, 1,
                "java", List.of(), "17", "vm", "17", "1.37", TimeValue.minutes(1));
        final List<IterationResult> results = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            final IterationResult one = new IterationResult(params, measurement, new IterationResultMetaData(1000, 1000));
            // A million operations, so the time per operation keeps three decimals of the nanoseconds.
            one.addResult(new AverageTimeResult(ResultRole.PRIMARY, "countdown", 1_000_000,
                    Math.round(nanos.applyAsDouble(i) * 1_000_000), TimeUnit.NANOSECONDS));
            metrics.apply(i).forEach((name, value) -> one.addResult(new ScalarResult(PREFIX + name, value,
                    name.endsWith("high-water") ? "max" : "/op",
                    name.endsWith("high-water") ? AggregationPolicy.MAX : AggregationPolicy.AVG)));
            results.add(one);
        }
        return new RunResult(params, List.of(new BenchmarkResult(params, results)));
    }
}
