package org.rclab.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;
import org.rclab.runtime.Metrics;
import org.rclab.runtime.RcRuntime;

/**
 * A JMH profiler, run inside each fork, that turns the runtime's {@link Metrics} into secondary
 * results: for every counter a scheme registered ({@code gil.handovers}, ...), its increase over a
 * measured iteration divided by every operation the iteration ran (all threads', timed or not);
 * for every maximum, its value at the
 * iteration's end. The report shows them per benchmark and scheme, so a new scheme's metrics
 * appear without code that knows it.
 *
 * <p>Runtimes are found through {@link BenchRuntimes#OPENED}: every benchmark opens its runtimes
 * there. Counters are summed over all of them (a countdown with two runtimes counts both).
 */
public final class SchemeMetricsProfiler implements InternalProfiler {
    /** The prefix of the secondary results' labels, to tell them from other profilers'. */
    public static final String PREFIX = "metric:";

    private Map<String, Long> before = Map.of();

    /** Made by JMH by reflection. */
    public SchemeMetricsProfiler() {
    }

    @Override
    public String getDescription() {
        return "the runtime's scheme metrics per operation";
    }

    @Override
    public void beforeIteration(final BenchmarkParams benchmarkParams, final IterationParams iterationParams) {
        before = totals();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's interface declares the raw type; the results are ScalarResults
    public Collection<? extends Result> afterIteration(final BenchmarkParams benchmarkParams,
                                                       final IterationParams iterationParams,
                                                       final IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        // Every operation between beforeIteration and afterIteration, not only the timed ones: with
        // several JMH threads, the first to start (and the last to finish) runs operations while it
        // waits for the others, which JMH counts in allOps but not in measuredOps, and the runtime's
        // counters saw them all. Profilers run outside that window (JMH stops them after every
        // thread has finished), so allOps is the count the counters' increase belongs to.
        final long ops = result.getMetadata().getAllOps();
        final List<ScalarResult> out = new ArrayList<>();
        final Map<String, Boolean> maxima = new TreeMap<>();
        for (final RcRuntime runtime : BenchRuntimes.OPENED) {
            runtime.metrics().snapshot().keySet().forEach(name -> maxima.put(name, runtime.metrics().isMaximum(name)));
        }
        totals().forEach((name, total) -> {
            if (maxima.getOrDefault(name, false)) {
                out.add(new ScalarResult(PREFIX + name, total, "max", AggregationPolicy.MAX));
            } else if (ops > 0) {
                out.add(new ScalarResult(PREFIX + name, (total - before.getOrDefault(name, 0L)) / (double) ops, "/op",
                        AggregationPolicy.AVG));
            }
        });
        return out;
    }

    /** Each metric summed over the runtimes (for a maximum: the largest). */
    private static Map<String, Long> totals() {
        final Map<String, Long> sums = new TreeMap<>();
        for (final RcRuntime runtime : BenchRuntimes.OPENED) {
            final Metrics metrics = runtime.metrics();
            metrics.snapshot().forEach((name, value) -> sums.merge(name, value,
                    metrics.isMaximum(name) ? Math::max : Long::sum));
        }
        return sums;
    }
}
