package org.rclab.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the report says about one run, computed from JMH's results and nothing else: the scores
 * per benchmark variant and scheme, each scheme's cost relative to the control, the ratios of
 * multi-way shapes to their one-way baseline, and the target figures checked.
 *
 * <p>All ratios are ratios of time per operation (a throughput score is inverted first), so
 * above 1 always means slower than the thing compared with.
 */
public final class BenchReport {
    /**
     * Parameters whose values are compared with one baseline value: the countdown's shapes with
     * one thread, the convoy's neighbours with none.
     */
    public static final Map<String, String> BASELINES = baselines();

    /** The order benchmarks are listed in: the order of the questions, cheap to expensive. */
    private static final List<String> METHOD_ORDER = List.of("ownedPair", "ownedPairBatch", "foreignPair",
            "sharedPair", "containerOps", "countdown", "ioConvoy");

    private final List<Measurement> measurements;
    private final String control;
    private final List<String> schemes;
    private final List<Variant> variants;
    private final List<Target> targets;

    /**
     * Builds the report's content.
     *
     * @param measurements the run's results
     * @param control the control scheme ratios are taken to, or {@code null} if the run had none
     * @param targets the figures to check
     */
    public BenchReport(final List<Measurement> measurements, final String control, final List<Target> targets) {
        this.measurements = List.copyOf(measurements);
        this.control = control;
        this.targets = List.copyOf(targets);
        final Set<String> names = new TreeSet<>();
        final Set<Variant> seen = new LinkedHashSet<>();
        for (final Measurement m : measurements) {
            names.add(m.scheme());
            seen.add(m.variant());
        }
        this.schemes = List.copyOf(names);
        final List<Variant> ordered = new ArrayList<>(seen);
        ordered.sort(Comparator.comparingInt(BenchReport::methodRank));
        this.variants = List.copyOf(ordered);
    }

    private static Map<String, String> baselines() {
        final Map<String, String> map = new LinkedHashMap<>();
        map.put("shape", "1thread");
        map.put("neighbour", "none");
        return Collections.unmodifiableMap(map);
    }

    private static int methodRank(final Variant v) {
        final int i = METHOD_ORDER.indexOf(v.method());
        return i < 0 ? METHOD_ORDER.size() : i;
    }

    /**
     * The schemes that have results, sorted by name.
     *
     * @return the schemes
     */
    public List<String> schemes() {
        return schemes;
    }

    /**
     * The control scheme ratios are taken to.
     *
     * @return the control, empty if the run had none
     */
    public Optional<String> control() {
        return Optional.ofNullable(control);
    }

    /**
     * Every benchmark variant with results, in report order.
     *
     * @return the variants
     */
    public List<Variant> variants() {
        return variants;
    }

    /**
     * The run's results.
     *
     * @return the measurements
     */
    public List<Measurement> measurements() {
        return measurements;
    }

    /**
     * One variant's result under one scheme.
     *
     * @param variant the variant
     * @param scheme the scheme
     * @return the measurement, empty if it did not run
     */
    public Optional<Measurement> get(final Variant variant, final String scheme) {
        return measurements.stream().filter(m -> m.scheme().equals(scheme) && m.variant().equals(variant)).findFirst();
    }

    /**
     * A measurement's time per operation relative to the control's in the same variant.
     *
     * @param m a measurement
     * @return the ratio, NaN if there is no control result for its variant
     */
    public double ratioToControl(final Measurement m) {
        if (control == null) {
            return Double.NaN;
        }
        return get(m.variant(), control).map(c -> costRatio(m, c)).orElse(Double.NaN);
    }

    /**
     * Time per operation of one measurement over another's.
     *
     * @param a the numerator
     * @param b the denominator
     * @return the ratio
     */
    public static double costRatio(final Measurement a, final Measurement b) {
        return a.secondsPerOp() / b.secondsPerOp();
    }

    /**
     * Whether a variant's results are shown in a table of its own against a baseline value.
     *
     * @param v a variant
     * @return {@code true} if it has one of the {@link #BASELINES} parameters
     */
    public static boolean isRelative(final Variant v) {
        return BASELINES.keySet().stream().anyMatch(v.params()::containsKey);
    }

    /**
     * The variants that differ only in a baseline parameter, grouped, each value compared with
     * the baseline value: the countdown's shapes against one thread, the convoy's neighbours
     * against none.
     *
     * @return one table per group, in report order
     */
    public List<Relative> relativeTables() {
        final List<Relative> tables = new ArrayList<>();
        for (final Map.Entry<String, String> baseline : BASELINES.entrySet()) {
            final String parameter = baseline.getKey();
            final Map<Variant, List<String>> groups = new LinkedHashMap<>();
            for (final Variant v : variants) {
                final String value = v.params().get(parameter);
                if (value != null) {
                    final List<String> values = groups.computeIfAbsent(v.without(parameter), k -> new ArrayList<>());
                    if (!values.contains(value)) {
                        values.add(value);
                    }
                }
            }
            groups.forEach((group, values) -> {
                // The baseline first, the others in the order JMH ran them.
                values.sort(Comparator.comparing(x -> !x.equals(baseline.getValue())));
                final Map<String, Map<String, Measurement>> byScheme = new TreeMap<>();
                for (final String value : values) {
                    final Variant v = withParam(group, parameter, value);
                    for (final String scheme : schemes) {
                        get(v, scheme).ifPresent(m -> byScheme.computeIfAbsent(scheme, k -> new LinkedHashMap<>())
                                .put(value, m));
                    }
                }
                tables.add(new Relative(parameter, baseline.getValue(), group, List.copyOf(values), byScheme));
            });
        }
        return tables;
    }

    private static Variant withParam(final Variant group, final String name, final String value) {
        final Map<String, String> params = new TreeMap<>(group.params());
        params.put(name, value);
        return new Variant(group.benchmark(), group.method(), group.threads(), params, group.unit());
    }

    /**
     * One group of variants that differ in one parameter, compared with its baseline value.
     *
     * @param parameter the parameter, {@code shape}
     * @param baseline its baseline value, {@code 1thread}
     * @param group the variant without that parameter
     * @param values the parameter's values that ran, baseline first
     * @param byScheme scheme to value to measurement
     */
    public record Relative(String parameter, String baseline, Variant group, List<String> values,
                           Map<String, Map<String, Measurement>> byScheme) {
        /**
         * A value's time over the baseline's, for one scheme.
         *
         * @param scheme the scheme
         * @param value the parameter value
         * @return the ratio, NaN if either did not run
         */
        public double ratio(final String scheme, final String value) {
            final Map<String, Measurement> row = byScheme.getOrDefault(scheme, Map.of());
            final Measurement m = row.get(value);
            final Measurement base = row.get(baseline);
            return m == null || base == null ? Double.NaN : costRatio(m, base);
        }
    }

    /**
     * Every target figure checked against this run.
     *
     * @return one check per target, in the targets' order
     */
    public List<TargetCheck> targetChecks() {
        final List<TargetCheck> checks = new ArrayList<>();
        for (final Target t : targets) {
            checks.add(check(t));
        }
        return checks;
    }

    /**
     * Whether every scheme a target names ran in this run; a run of some schemes only checks
     * the targets of those.
     *
     * @param t a target
     * @return {@code true} if its scheme and any scheme its measurements name have results
     */
    public boolean covers(final Target t) {
        for (final Target.Cell cell : List.of(t.numerator(), t.denominator())) {
            final String scheme = cell.scheme(t.scheme(), control);
            if (scheme != null && !schemes.contains(scheme)) {
                return false;
            }
        }
        return schemes.contains(t.scheme());
    }

    private TargetCheck check(final Target t) {
        final String topScheme = t.numerator().scheme(t.scheme(), control);
        final String bottomScheme = t.denominator().scheme(t.scheme(), control);
        if (topScheme == null || bottomScheme == null) {
            return new TargetCheck(t, Double.NaN, TargetCheck.Verdict.NOT_RUN, "no control scheme in this run");
        }
        final List<Measurement> top = find(t.numerator(), topScheme);
        final List<Measurement> bottom = find(t.denominator(), bottomScheme);
        for (final List<Measurement> found : List.of(top, bottom)) {
            if (found.size() > 1) {
                return new TargetCheck(t, Double.NaN, TargetCheck.Verdict.NOT_RUN, "ambiguous: "
                        + (found == top ? t.numerator() : t.denominator()) + " matches " + found.size() + " results");
            }
        }
        if (top.isEmpty() || bottom.isEmpty()) {
            return new TargetCheck(t, Double.NaN, TargetCheck.Verdict.NOT_RUN, top.isEmpty()
                    ? t.numerator() + " did not run for " + topScheme
                    : t.denominator() + " did not run for " + bottomScheme);
        }
        final double value = costRatio(top.get(0), bottom.get(0));
        final TargetCheck.Verdict verdict = t.relation() == Target.Relation.INFO ? TargetCheck.Verdict.INFO
                : t.isMetBy(value) ? TargetCheck.Verdict.PASS : TargetCheck.Verdict.MISS;
        return new TargetCheck(t, value, verdict, "");
    }

    private List<Measurement> find(final Target.Cell cell, final String scheme) {
        return measurements.stream().filter(m -> m.scheme().equals(scheme) && cell.matches(m)).toList();
    }
}
