package org.rclab.buffered;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.rclab.runtime.Metrics;

/**
 * The scheme's measurements, registered in the runtime's {@link Metrics} under {@code buffered.*}.
 * Logging a change counts nothing; the commit adds its figures once per round, and a thread whose
 * log was full counts its wait, so measuring costs the hot path nothing.
 */
final class BufferedMetrics {
    /** Metric name: log entries applied to counts. */
    static final String ENTRIES_APPLIED = "buffered.entries-applied";
    /** Metric name: commit rounds that applied at least one entry, whoever ran them. */
    static final String COMMITS = "buffered.commits";
    /** Metric name: commit rounds run by the commit thread that applied at least one entry. */
    static final String BACKGROUND_COMMITS = "buffered.background-commits";
    /** Metric name: objects whose count a commit took to zero, freed by the committing thread. */
    static final String OBJECTS_FREED = "buffered.objects-freed";
    /** Metric name: the most entries waiting in all logs at one cut. */
    static final String BACKLOG_HIGH_WATER = "buffered.backlog-high-water";
    /** Metric name: times a thread found its log full and committed (or waited to) before logging. */
    static final String FULL_LOG_WAITS = "buffered.full-log-waits";
    /** Metric name: nanoseconds threads spent committing or waiting because their log was full. */
    static final String FULL_LOG_WAIT_NANOS = "buffered.full-log-wait-nanos";

    final LongAdder entriesApplied;
    final LongAdder commits;
    final LongAdder backgroundCommits;
    final LongAdder objectsFreed;
    final LongAccumulator backlogHighWater;
    final LongAdder fullLogWaits;
    final LongAdder fullLogWaitNanos;

    BufferedMetrics(final Metrics metrics) {
        entriesApplied = metrics.counter(ENTRIES_APPLIED, "log entries (increments and decrements) applied to counts");
        commits = metrics.counter(COMMITS, "commit rounds that applied at least one entry (commit thread, full logs, quiesce)");
        backgroundCommits = metrics.counter(BACKGROUND_COMMITS,
                "commit rounds of the commit thread that applied at least one entry, while threads went on logging");
        objectsFreed = metrics.counter(OBJECTS_FREED, "objects whose count a commit took to zero, freed by the committing thread");
        backlogHighWater = metrics.maximum(BACKLOG_HIGH_WATER, "most log entries waiting to be applied at one commit's cut");
        fullLogWaits = metrics.counter(FULL_LOG_WAITS, "times a thread found its log full and committed or waited before logging");
        fullLogWaitNanos = metrics.counter(FULL_LOG_WAIT_NANOS,
                "nanoseconds threads spent committing or waiting for the commit lock because their log was full");
    }
}
