package org.rclab.gil;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.rclab.runtime.Metrics;

/**
 * The GIL's measurements, registered in the runtime's {@link Metrics} under {@code gil.*} so the
 * launcher, the benchmarks and the tests read them by name.
 */
final class GilMetrics {
    /** Name of the hand-over counter (CPython's {@code switch_number}). */
    static final String HANDOVERS = "gil.handovers";
    /** Name of the counter of drops made on a request, which wait for another thread to take the lock. */
    static final String FORCED_DROPS = "gil.forced-drops";
    /** Name of the counter of drop requests set on a holder. */
    static final String DROP_REQUESTS = "gil.drop-requests";
    /** Name of the total time threads spent waiting for the lock. */
    static final String WAIT_NANOS = "gil.wait-nanos";
    /** Name of the longest single wait for the lock. */
    static final String MAX_WAIT_NANOS = "gil.max-wait-nanos";
    /** Name of the counter of locks taken back from a holder thread that died holding them. */
    static final String DEAD_HOLDER_RECLAIMS = "gil.dead-holder-reclaims";

    final LongAdder handovers;
    final LongAdder forcedDrops;
    final LongAdder dropRequests;
    final LongAdder waitNanos;
    final LongAccumulator maxWaitNanos;
    final LongAdder deadHolderReclaims;

    GilMetrics(final Metrics metrics) {
        handovers = metrics.counter(HANDOVERS, "times the GIL went to a different thread than its last holder");
        forcedDrops = metrics.counter(FORCED_DROPS,
                "drops made on a drop request, each followed by waiting until another thread had taken the GIL (forced switching)");
        dropRequests = metrics.counter(DROP_REQUESTS,
                "drop requests a waiter set on the holder after one switch interval without a hand-over");
        waitNanos = metrics.counter(WAIT_NANOS, "total nanoseconds threads waited to take the GIL");
        maxWaitNanos = metrics.maximum(MAX_WAIT_NANOS, "longest single wait to take the GIL, in nanoseconds");
        deadHolderReclaims = metrics.counter(DEAD_HOLDER_RECLAIMS,
                "times a waiter took the GIL back from a holder thread that had ended without dropping it");
    }
}
