package org.rclab.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A runtime's named measurements: counters (hand-overs, merges, ...) and maxima (longest wait,
 * queue high-water mark). Every scheme reports through this one registry, so the launcher, the
 * tests and the benchmarks read any scheme's figures the same way.
 *
 * <p>Counters are {@link LongAdder}s and maxima {@link LongAccumulator}s: updates from several
 * threads go to per-thread cells and do not contend on one cache line.
 */
public final class Metrics {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, LongAccumulator> maxima = new ConcurrentHashMap<>();
    private final Map<String, String> descriptions = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * The counter with a name, made on first request. Names are dotted and start with the
     * scheme's name, e.g. {@code gil.handovers}.
     *
     * @param name the counter's name
     * @param description what it counts, for reports
     * @return the counter
     * @throws IllegalArgumentException if the name is already a maximum
     */
    public LongAdder counter(final String name, final String description) {
        if (maxima.containsKey(name)) {
            throw new IllegalArgumentException("metric '" + name + "' is a maximum, not a counter");
        }
        descriptions.putIfAbsent(name, description);
        return counters.computeIfAbsent(name, n -> new LongAdder());
    }

    /**
     * The maximum with a name, made on first request; it starts at zero.
     *
     * @param name the maximum's name
     * @param description what it measures, for reports
     * @return the accumulator; call {@code accumulate(value)} to offer a value
     * @throws IllegalArgumentException if the name is already a counter
     */
    public LongAccumulator maximum(final String name, final String description) {
        if (counters.containsKey(name)) {
            throw new IllegalArgumentException("metric '" + name + "' is a counter, not a maximum");
        }
        descriptions.putIfAbsent(name, description);
        return maxima.computeIfAbsent(name, n -> new LongAccumulator(Math::max, 0));
    }

    /**
     * Every metric's current value, in registration order.
     *
     * @return name to value
     */
    public Map<String, Long> snapshot() {
        final Map<String, Long> values = new LinkedHashMap<>();
        synchronized (descriptions) {
            for (final String name : descriptions.keySet()) {
                final LongAdder counter = counters.get(name);
                values.put(name, counter != null ? counter.sum() : maxima.get(name).get());
            }
        }
        return values;
    }

    /**
     * What a metric measures.
     *
     * @param name the metric's name
     * @return its description, or {@code null} if there is no such metric
     */
    public String description(final String name) {
        return descriptions.get(name);
    }

    /**
     * Whether a metric is a maximum rather than a counter: a reader that takes differences of
     * counters over an interval must not take them of maxima.
     *
     * @param name the metric's name
     * @return {@code true} for a maximum, {@code false} for a counter or an unknown name
     */
    public boolean isMaximum(final String name) {
        return maxima.containsKey(name);
    }

    /**
     * The current value of a metric.
     *
     * @param name the metric's name
     * @return the value
     * @throws IllegalArgumentException if there is no such metric
     */
    public long value(final String name) {
        final LongAdder counter = counters.get(name);
        if (counter != null) {
            return counter.sum();
        }
        final LongAccumulator maximum = maxima.get(name);
        if (maximum == null) {
            throw new IllegalArgumentException("no metric '" + name + "'; known: " + snapshot().keySet());
        }
        return maximum.get();
    }
}
