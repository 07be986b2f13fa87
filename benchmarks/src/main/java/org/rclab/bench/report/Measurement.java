package org.rclab.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JMH result: a benchmark method run with one set of parameters (one scheme among them).
 *
 * @param benchmark the full benchmark name, {@code org.rclab.bench.OwnedPair.ownedPair}
 * @param method the method name, {@code ownedPair}
 * @param mode JMH's mode label ({@code avgt}, {@code thrpt}, {@code sample}, {@code ss})
 * @param threads worker threads JMH ran
 * @param params every parameter, {@code scheme} included, sorted by name
 * @param score the primary score
 * @param error the 99.9% half-width JMH reports, NaN when too few iterations ran
 * @param unit the score's unit, {@code ns/op}
 */
public record Measurement(String benchmark, String method, String mode, int threads, Map<String, String> params,
                          double score, double error, String unit) {
    /** The parameter naming the scheme. */
    public static final String SCHEME = "scheme";

    /**
     * Makes a measurement; the parameters are copied and sorted.
     */
    public Measurement {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /**
     * The scheme the measurement ran under.
     *
     * @return the {@code scheme} parameter, or {@code ""} if absent
     */
    public String scheme() {
        return params.getOrDefault(SCHEME, "");
    }

    /**
     * Which benchmark configuration this is, the scheme aside.
     *
     * @return the variant
     */
    public Variant variant() {
        final Map<String, String> others = new TreeMap<>(params);
        others.remove(SCHEME);
        return new Variant(benchmark, method, threads, others, unit);
    }

    /**
     * Whether a higher score is better (a throughput) rather than a time.
     *
     * @return {@code true} for throughput modes
     */
    public boolean higherIsBetter() {
        return "thrpt".equals(mode);
    }

    /**
     * Seconds per operation (per thread for multi-threaded time modes), whatever the unit.
     *
     * @return seconds per operation
     * @throws IllegalArgumentException for a unit that is neither time per op nor ops per time
     */
    public double secondsPerOp() {
        final String[] parts = unit.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("unknown score unit '" + unit + "'");
        }
        if (parts[0].equals("ops")) {
            return seconds(parts[1]) / score;
        }
        if (parts[1].equals("op")) {
            return score * seconds(parts[0]);
        }
        throw new IllegalArgumentException("unknown score unit '" + unit + "'");
    }

    /**
     * Operations per second done by all of the benchmark's threads together.
     *
     * @return the total throughput
     */
    public double totalOpsPerSecond() {
        // A time mode reports each thread's time per operation; the threads work side by side.
        return higherIsBetter() ? 1 / secondsPerOp() : threads / secondsPerOp();
    }

    private static double seconds(final String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> throw new IllegalArgumentException("unknown time unit '" + unit + "'");
        };
    }

    /**
     * Reads JMH's JSON result file.
     *
     * @param json the file's text: an array of benchmark results
     * @return the measurements in file order
     * @throws IllegalArgumentException if the text is not JMH's JSON
     */
    public static List<Measurement> fromJmhJson(final String json) {
        final Object root = Json.parse(json);
        if (!(root instanceof List<?> entries)) {
            throw new IllegalArgumentException("JMH JSON: expected an array of results");
        }
        final List<Measurement> result = new ArrayList<>();
        for (final Object entry : entries) {
            result.add(fromEntry(asMap(entry, "result")));
        }
        return result;
    }

    private static Measurement fromEntry(final Map<String, Object> entry) {
        final String benchmark = asString(entry.get("benchmark"), "benchmark");
        final Map<String, String> params = new TreeMap<>();
        final Object rawParams = entry.get("params");
        if (rawParams != null) {
            asMap(rawParams, "params").forEach((k, v) -> params.put(k, asString(v, "param " + k)));
        }
        final Map<String, Object> primary = asMap(entry.get("primaryMetric"), "primaryMetric");
        final Object threads = entry.get("threads");
        return new Measurement(benchmark, benchmark.substring(benchmark.lastIndexOf('.') + 1),
                asString(entry.get("mode"), "mode"), threads instanceof Double d ? d.intValue() : 1, params,
                asNumber(primary.get("score"), "score"), asNumber(primary.get("scoreError"), "scoreError"),
                asString(primary.get("scoreUnit"), "scoreUnit"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(final Object value, final String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("JMH JSON: '" + what + "' is not an object");
        }
        return (Map<String, Object>) value;
    }

    private static String asString(final Object value, final String what) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("JMH JSON: '" + what + "' is not a string");
        }
        return s;
    }

    /** JMH writes NaN and infinities as strings. */
    private static double asNumber(final Object value, final String what) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("JMH JSON: '" + what + "' is not a number: " + s, e);
            }
        }
        throw new IllegalArgumentException("JMH JSON: '" + what + "' is missing or not a number");
    }
}
