package org.rclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.options.TimeValue;
import org.rclab.runtime.RcRuntime;
import org.rclab.unsafe.UnsafeScheme;

class SchemeMetricsProfilerTest {
    @Test
    void aCounterIsPerOperationOfEveryOperationItsIterationRanNotOnlyTheTimedOnes() {
        // Two JMH threads: while the first waits for the second to start, and while the last
        // finishes, the other runs operations that JMH counts in allOps but does not time. The
        // counter saw all of them: 3,000 events in 3,000 operations, 1,000 of them timed.
        final RcRuntime runtime = BenchRuntimes.open(UnsafeScheme.NAME);
        try {
            final LongAdder events = runtime.metrics().counter("test.events", "one per operation");
            final IterationParams measured = new IterationParams(IterationType.MEASUREMENT, 1,
                    TimeValue.milliseconds(50), 1);
            final SchemeMetricsProfiler profiler = new SchemeMetricsProfiler();
            profiler.beforeIteration(null, measured);
            events.add(3_000);
            // JMH's interface returns a raw Result type: read it as Result<?>.
            final Collection<?> results = profiler.afterIteration(null, measured,
                    new IterationResult(null, measured, new IterationResultMetaData(3_000, 1_000)));
            final Result<?> perOp = results.stream().map(r -> (Result<?>) r)
                    .filter(r -> r.getLabel().equals(SchemeMetricsProfiler.PREFIX + "test.events")).findFirst()
                    .orElseThrow();
            assertEquals(1.0, perOp.getScore(), 1e-12);
        } finally {
            BenchRuntimes.closeWithoutLeaks(runtime);
            BenchRuntimes.OPENED.remove(runtime);
        }
    }
}
