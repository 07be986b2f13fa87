package org.rclab.brc;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.rclab.runtime.Metrics;

/**
 * The scheme's measurements, registered in the runtime's {@link Metrics} under {@code brc.*}.
 * Every one is updated on a slow path only (queueing, merging); the owner's fast path and a free
 * at once when the shared word is zero count nothing, so measuring costs the common case nothing.
 */
final class BrcMetrics {
    /** Metric name: objects a non-owner queued to their owner. */
    static final String QUEUED = "brc.queued";
    /** Metric name: owner's local count reached zero while the shared part was not zero. */
    static final String MERGES_OWNER_ZERO = "brc.merges-owner-zero";
    /** Metric name: queued objects the owner merged from its queue. */
    static final String MERGES_EXPLICIT = "brc.merges-explicit";
    /** Metric name: objects a non-owner merged itself because the owner had left. */
    static final String MERGED_BY_NON_OWNER = "brc.merged-by-non-owner";
    /** Metric name: the largest number of objects waiting in one owner's queue. */
    static final String QUEUE_HIGH_WATER = "brc.queue-high-water";

    final LongAdder queued;
    final LongAdder mergesOwnerZero;
    final LongAdder mergesExplicit;
    final LongAdder mergedByNonOwner;
    final LongAccumulator queueHighWater;

    BrcMetrics(final Metrics metrics) {
        queued = metrics.counter(QUEUED,
                "objects a non-owner released with a zero shared count and queued to their owner");
        mergesOwnerZero = metrics.counter(MERGES_OWNER_ZERO,
                "merges when the owner's local count reached zero while other threads had counted on the shared word");
        mergesExplicit = metrics.counter(MERGES_EXPLICIT,
                "queued objects the owner merged at a checkpoint or on leaving");
        mergedByNonOwner = metrics.counter(MERGED_BY_NON_OWNER,
                "objects a non-owner merged itself because their owner was not attached");
        queueHighWater = metrics.maximum(QUEUE_HIGH_WATER,
                "most objects waiting at once in one owner's merge queue");
    }
}
