package org.rclab.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

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

/**
 * The JMH JSON fixture (a run shaped like a real one, values chosen, not measured), and a
 * three-round run made from it: every score of round r multiplied by {@link #DRIFT}[r - 1], as a
 * machine drifting between rounds would. Ratios taken within a round are therefore exactly the
 * fixture's ratios, while scores spread across rounds.
 */
final class Fixtures {
    /** The drift factor of each round. */
    static final double[] DRIFT = {1.0, 1.3, 0.8};

    private Fixtures() {
    }

    static String jmhJson() {
        try (InputStream in = Fixtures.class.getResourceAsStream("jmh-fixture.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Measurement> measurements() {
        return Measurement.fromJmhJson(jmhJson());
    }

    static List<ForkResult> forks() {
        final List<ForkResult> forks = new ArrayList<>();
        final List<Measurement> base = measurements();
        for (int round = 1; round <= DRIFT.length; round++) {
            for (int i = 0; i < base.size(); i++) {
                forks.add(fork(round, i + 1, scaled(base.get(i), DRIFT[round - 1]), 0.5));
            }
        }
        return forks;
    }

    static Measurement scaled(final Measurement m, final double factor) {
        return new Measurement(m.benchmark(), m.method(), m.mode(), m.threads(), m.params(), m.score() * factor,
                m.error(), m.unit());
    }

    static ForkResult fork(final int round, final int position, final Measurement m, final double load) {
        return new ForkResult(round, position, m, load, load, Map.of());
    }

    static Measurement measurement(final String method, final String scheme, final double score,
                                   final Map<String, String> params) {
        final Map<String, String> all = new java.util.TreeMap<>(params);
        if (!scheme.isEmpty()) {
            all.put(Measurement.SCHEME, scheme);
        }
        return new Measurement("x." + method, method, "avgt", 1, all, score, Double.NaN, "ns/op");
    }

    static BenchReport report() {
        return new BenchReport(forks(), "unsafe", Target.project());
    }

    /**
     * JMH's result of one fork in average-time mode, made by hand: the given time per operation at
     * each measured iteration, and secondary results by label (a label ending in {@code high-water}
     * is a maximum, the rest per-operation means).
     */
    static RunResult fork(final String benchmark, final Map<String, String> parameters, final int iterations,
                          final IntToDoubleFunction nanos, final IntFunction<Map<String, Double>> secondary) {
        final IterationParams warmup = new IterationParams(IterationType.WARMUP, 0, TimeValue.milliseconds(1), 1);
        final IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, iterations,
                TimeValue.milliseconds(50), 1);
        final WorkloadParams workload = new WorkloadParams();
        int order = 0;
        for (final Map.Entry<String, String> p : new TreeMap<>(parameters).entrySet()) {
            workload.put(p.getKey(), p.getValue(), order++);
        }
        final BenchmarkParams params = new BenchmarkParams(benchmark, "generated", false, 1, new int[] {1}, List.of(),
                1, 0, warmup, measurement, Mode.AverageTime, workload, TimeUnit.NANOSECONDS, 1, "java", List.of(), "17",
                "vm", "17", "1.37", TimeValue.minutes(1));
        final String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        final List<IterationResult> results = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            final IterationResult one = new IterationResult(params, measurement, new IterationResultMetaData(1000, 1000));
            // A million operations, so the time per operation keeps three decimals of the nanoseconds.
            one.addResult(new AverageTimeResult(ResultRole.PRIMARY, method, 1_000_000,
                    Math.round(nanos.applyAsDouble(i) * 1_000_000), TimeUnit.NANOSECONDS));
            secondary.apply(i).forEach((label, value) -> one.addResult(new ScalarResult(label, value,
                    label.endsWith("high-water") ? "max" : "/op",
                    label.endsWith("high-water") ? AggregationPolicy.MAX : AggregationPolicy.AVG)));
            results.add(one);
        }
        return new RunResult(params, List.of(new BenchmarkResult(params, results)));
    }
}
