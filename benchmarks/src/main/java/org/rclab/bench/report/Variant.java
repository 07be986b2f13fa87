package org.rclab.bench.report;

import java.util.Collections;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A benchmark configuration, the scheme aside: the unit rows of the report are compared within.
 *
 * @param benchmark the full benchmark name
 * @param method the method name
 * @param threads worker threads JMH ran
 * @param params the parameters other than the scheme, sorted by name
 * @param unit the score's unit
 */
public record Variant(String benchmark, String method, int threads, Map<String, String> params, String unit) {
    /** Makes a variant; the parameters are copied and sorted. */
    public Variant {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /**
     * A short human label: the method, its parameters, and the thread count when above one.
     *
     * @return e.g. {@code containerOps list=shared (2 threads)}
     */
    public String label() {
        final StringJoiner parts = new StringJoiner(", ", " ", "").setEmptyValue("");
        params.forEach((k, v) -> parts.add(k + "=" + v));
        return method + parts + (threads > 1 ? " (" + threads + " threads)" : "");
    }

    /**
     * This variant with one parameter removed, to group variants that differ only in it.
     *
     * @param name the parameter to drop
     * @return the variant without it
     */
    public Variant without(final String name) {
        final Map<String, String> rest = new TreeMap<>(params);
        rest.remove(name);
        return new Variant(benchmark, method, threads, rest, unit);
    }

    /**
     * This variant with one parameter set, the inverse of {@link #without(String)}.
     *
     * @param name the parameter
     * @param value its value
     * @return the variant with it
     */
    public Variant with(final String name, final String value) {
        final Map<String, String> params = new TreeMap<>(this.params);
        params.put(name, value);
        return new Variant(benchmark, method, threads, params, unit);
    }
}
