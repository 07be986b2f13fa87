package org.rclab.gilticks;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.rclab.runtime.Metrics;

/**
 * The old GIL's measurements, registered in the runtime's {@link Metrics} under
 * {@code gil-ticks.*} so the launcher, the benchmarks and the tests read them by name. Each is
 * updated at most once per lock operation, never per tick.
 */
final class GilTicksMetrics {
    /** Name of the counter of takes by a thread other than the lock's last holder. */
    static final String HANDOVERS = "gil-ticks.handovers";
    /** Name of the counter of releases at the end of a check interval. */
    static final String INTERVAL_RELEASES = "gil-ticks.interval-releases";
    /** Name of the counter of interval releases, made while a thread waited, that the releaser took straight back. */
    static final String RETAKES = "gil-ticks.retakes";
    /** Name of the counter of waiters woken by a signal who found the lock taken again. */
    static final String FAILED_WAKEUPS = "gil-ticks.failed-wakeups";
    /** Name of the total time threads spent waiting for the lock. */
    static final String WAIT_NANOS = "gil-ticks.wait-nanos";
    /** Name of the longest single wait for the lock. */
    static final String MAX_WAIT_NANOS = "gil-ticks.max-wait-nanos";

    final LongAdder handovers;
    final LongAdder intervalReleases;
    final LongAdder retakes;
    final LongAdder failedWakeups;
    final LongAdder waitNanos;
    final LongAccumulator maxWaitNanos;

    GilTicksMetrics(final Metrics metrics) {
        handovers = metrics.counter(HANDOVERS, "times the lock went to a different thread than its last holder");
        intervalReleases = metrics.counter(INTERVAL_RELEASES,
                "releases at the end of a check interval, each followed at once by a take");
        retakes = metrics.counter(RETAKES,
                "interval releases made while another thread waited, which the releasing thread took straight back");
        failedWakeups = metrics.counter(FAILED_WAKEUPS,
                "waiters woken by a release's signal who found the lock taken again and went back to waiting");
        waitNanos = metrics.counter(WAIT_NANOS, "total nanoseconds threads waited to take the lock");
        maxWaitNanos = metrics.maximum(MAX_WAIT_NANOS, "longest single wait to take the lock, in nanoseconds");
    }
}
