package org.rclab.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A runtime's named measurements: counters (hand-overs, merges, ...) and maxima (longest wait,
 * queue high-water mark). Every scheme reports through this one registry, so the launcher, the
 * tests and the benchmarks read any scheme's figures the same way.
 *
 * <p>Counters are {@link LongAdder}s and maxima {@link LongAccumulator}s: updates from several
 * threads go to per-thread cells and do not contend on one cache line. A counter on a path that
 * must not pay an atomic add may be kept elsewhere and registered as a sum ({@link #counterSum}).
 */
public final class Metrics {
    /**
     * Every metric by name, in registration order. Guarded by {@code this}: registration and
     * snapshots are rare, and one lock makes a metric appear with its name, description and value
     * at once (a snapshot never meets a name without a value). Updates never take it: they go
     * straight to the {@code LongAdder} or {@code LongAccumulator} handed out at registration.
     */
    private final Map<String, Metric> byName = new LinkedHashMap<>();

    /**
     * A registered metric: exactly one of {@code counter}, {@code maximum} and {@code sum} is set
     * ({@code sum} is a counter kept elsewhere, see {@link #counterSum}).
     */
    private record Metric(String description, LongAdder counter, LongAccumulator maximum, LongSupplier sum) {
        long value() {
            if (counter != null) {
                return counter.sum();
            }
            return maximum != null ? maximum.get() : sum.getAsLong();
        }
    }

    /**
     * The counter with a name, made on first request. Names are dotted and start with the
     * scheme's name, e.g. {@code gil.handovers}.
     *
     * @param name the counter's name
     * @param description what it counts, for reports
     * @return the counter
     * @throws IllegalArgumentException if the name is already a maximum
     */
    public synchronized LongAdder counter(final String name, final String description) {
        final Metric metric = byName.computeIfAbsent(name, n -> new Metric(description, new LongAdder(), null, null));
        if (metric.counter() == null) {
            throw new IllegalArgumentException("metric '" + name + "' is not a counter of this registry's own");
        }
        return metric.counter();
    }

    /**
     * Registers a counter that is kept elsewhere and read through a function: for counts on a hot
     * path that a {@link LongAdder} would make pay an atomic add each time (per-thread plain
     * counts such as {@link org.rclab.heap.ThreadCounters}, summed when read). It reads as a
     * counter everywhere ({@link #snapshot()}, {@link #value}, not a maximum).
     *
     * @param name the counter's name
     * @param description what it counts, for reports
     * @param sum reads the current total; called on every read of the metric, from any thread
     * @throws IllegalArgumentException if the name is already registered
     */
    public synchronized void counterSum(final String name, final String description, final LongSupplier sum) {
        if (byName.putIfAbsent(name, new Metric(description, null, null, sum)) != null) {
            throw new IllegalArgumentException("metric '" + name + "' is already registered");
        }
    }

    /**
     * The maximum with a name, made on first request; it starts at zero.
     *
     * @param name the maximum's name
     * @param description what it measures, for reports
     * @return the accumulator; call {@code accumulate(value)} to offer a value
     * @throws IllegalArgumentException if the name is already a counter
     */
    public synchronized LongAccumulator maximum(final String name, final String description) {
        final Metric metric = byName.computeIfAbsent(name,
                n -> new Metric(description, null, new LongAccumulator(Math::max, 0), null));
        if (metric.maximum() == null) {
            throw new IllegalArgumentException("metric '" + name + "' is not a maximum");
        }
        return metric.maximum();
    }

    /**
     * Every metric's current value, in registration order.
     *
     * @return name to value
     */
    public synchronized Map<String, Long> snapshot() {
        final Map<String, Long> values = new LinkedHashMap<>();
        byName.forEach((name, metric) -> values.put(name, metric.value()));
        return values;
    }

    /**
     * What a metric measures.
     *
     * @param name the metric's name
     * @return its description, or {@code null} if there is no such metric
     */
    public synchronized String description(final String name) {
        final Metric metric = byName.get(name);
        return metric == null ? null : metric.description();
    }

    /**
     * Whether a metric is a maximum rather than a counter: a reader that takes differences of
     * counters over an interval must not take them of maxima.
     *
     * @param name the metric's name
     * @return {@code true} for a maximum, {@code false} for a counter or an unknown name
     */
    public synchronized boolean isMaximum(final String name) {
        final Metric metric = byName.get(name);
        return metric != null && metric.maximum() != null;
    }

    /**
     * The current value of a metric.
     *
     * @param name the metric's name
     * @return the value
     * @throws IllegalArgumentException if there is no such metric
     */
    public synchronized long value(final String name) {
        final Metric metric = byName.get(name);
        if (metric == null) {
            throw new IllegalArgumentException("no metric '" + name + "'; known: " + byName.keySet());
        }
        return metric.value();
    }
}
