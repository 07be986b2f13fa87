package org.rclab.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One JMH result: a benchmark method run with one set of parameters (one scheme among them).
 *
 * @param benchmark the full benchmark name, {@code org.rclab.bench.OwnedPair.ownedPair}
 * @param method the method name, {@code ownedPair}
 * @param mode JMH's mode label ({@code avgt}, {@code thrpt}, {@code sample}, {@code ss})
 * @param threads worker threads JMH ran
 * @param params every parameter, {@code scheme} included, sorted by name
 * @param score the primary score: from a bench run, the {@linkplain ForkScore median} of the fork's measured
 *              iterations; from JMH's JSON, JMH's own score (their mean)
 * @param error the 99.9% half-width JMH reports for its mean, NaN when too few iterations ran
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
     * The measurement a JMH run result holds (one fork's, when the run had one fork), scored by
     * {@link ForkScore}: the median of its measured iterations.
     *
     * @param result JMH's result
     * @return the measurement
     */
    public static Measurement fromRunResult(final RunResult result) {
        final BenchmarkParams p = result.getParams();
        final Map<String, String> params = new TreeMap<>();
        for (final String key : p.getParamsKeys()) {
            params.put(key, p.getParam(key));
        }
        final Result<?> primary = result.getPrimaryResult();
        final String benchmark = p.getBenchmark();
        return new Measurement(benchmark, benchmark.substring(benchmark.lastIndexOf('.') + 1), p.getMode().shortLabel(),
                p.getThreads(), params, ForkScore.of(result.getBenchmarkResults()), primary.getScoreError(), primary.getScoreUnit());
    }

    /**
     * Reads JMH's JSON result file (an earlier run's, or a test's fixture).
     *
     * @param json the file's text: an array of benchmark results
     * @return the measurements in file order
     * @throws IllegalArgumentException if the text is not JMH's JSON
     */
    public static List<Measurement> fromJmhJson(final String json) {
        final JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (final JsonParseException e) {
            throw new IllegalArgumentException("JMH JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonArray()) {
            throw new IllegalArgumentException("JMH JSON: expected an array of results");
        }
        final List<Measurement> result = new ArrayList<>();
        for (final JsonElement entry : root.getAsJsonArray()) {
            result.add(fromEntry(object(entry, "result")));
        }
        return result;
    }

    private static Measurement fromEntry(final JsonObject entry) {
        final String benchmark = string(entry, "benchmark");
        final Map<String, String> params = new TreeMap<>();
        if (entry.has("params")) {
            object(entry.get("params"), "params").entrySet().forEach(e -> params.put(e.getKey(),
                    string(e.getValue(), "param " + e.getKey())));
        }
        final JsonObject primary = object(entry.get("primaryMetric"), "primaryMetric");
        return new Measurement(benchmark, benchmark.substring(benchmark.lastIndexOf('.') + 1), string(entry, "mode"),
                entry.has("threads") ? (int) number(entry.get("threads"), "threads") : 1, params,
                number(primary.get("score"), "score"), number(primary.get("scoreError"), "scoreError"),
                string(primary, "scoreUnit"));
    }

    private static JsonObject object(final JsonElement value, final String what) {
        if (value == null || !value.isJsonObject()) {
            throw new IllegalArgumentException("JMH JSON: '" + what + "' is not an object");
        }
        return value.getAsJsonObject();
    }

    private static String string(final JsonObject owner, final String field) {
        return string(owner.get(field), field);
    }

    private static String string(final JsonElement value, final String what) {
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("JMH JSON: '" + what + "' is not a string");
        }
        return value.getAsString();
    }

    /** JMH writes NaN and infinities as strings. */
    private static double number(final JsonElement value, final String what) {
        if (value == null || !value.isJsonPrimitive()) {
            throw new IllegalArgumentException("JMH JSON: '" + what + "' is missing or not a number");
        }
        try {
            return value.getAsDouble();
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("JMH JSON: '" + what + "' is not a number: " + value.getAsString(), e);
        }
    }
}
