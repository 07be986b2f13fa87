package org.rclab.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A figure the results should meet: the ratio of two measurements, a relation and a bound, for
 * one scheme, with where the figure comes from. The project's figures live in the resource
 * {@code targets.tsv} next to this class, as data: the report code names no scheme.
 *
 * <p>The file's format is documented in its own header (a line per figure, five tab-separated
 * fields: scheme, ratio {@code CELL / CELL}, relation, bound, reference, and an optional sixth:
 * scheme metrics to show beside the figure); {@link #parse(String)} reads it. The denominator may
 * add multiples of other measurements, {@code CELL / CELL + 2*CELL}: a figure of the form "at most
 * two sections' floor above the control" is {@code A / (B + 2 F) <= 1}, which is {@code A − B <= 2 F}
 * kept as a ratio of positive times, so it gets its interval the way every ratio does.
 *
 * @param scheme the scheme the figure is for
 * @param numerator the measurement on top
 * @param denominator the measurement below
 * @param addends measurements added, each times its factor, to the denominator; empty for a plain ratio
 * @param relation how the ratio must compare with the bound
 * @param low the bound (the lower one for {@code in}); NaN for {@code info}
 * @param high the upper bound for {@code in}; otherwise equal to {@code low}
 * @param reference where the figure comes from, for the reader
 * @param metrics metric names without the scheme's prefix ({@code lock-parks}) whose values in the
 *        numerator's measurement the report prints beside the figure; empty for none
 */
public record Target(String scheme, Cell numerator, Cell denominator, List<Addend> addends, Relation relation,
                     double low, double high, String reference, List<String> metrics) {
    /** The pseudo-parameter of a cell that matches JMH's thread count rather than a {@code @Param}. */
    public static final String THREADS = "threads";

    /** The value a cell's {@code scheme} parameter takes to mean the run's control scheme. */
    public static final String CONTROL = "@control";

    private static final Pattern CELL = Pattern.compile("\\s*([A-Za-z_$][\\w$]*)\\s*(?:\\{([^}]*)\\})?\\s*");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    private static final Pattern ADDEND = Pattern.compile("\\s*(?:([0-9]+(?:\\.[0-9]+)?)\\s*\\*)?(.*)", Pattern.DOTALL);

    /** Makes the record; the addends and metric names are copied. */
    public Target {
        addends = List.copyOf(addends);
        metrics = List.copyOf(metrics);
    }

    /**
     * A measurement added to a ratio's denominator, times a factor.
     *
     * @param times the factor, positive
     * @param cell the measurement
     */
    public record Addend(double times, Cell cell) {
        /** Checks the factor. */
        public Addend {
            if (!(times > 0) || Double.isInfinite(times)) {
                throw new IllegalArgumentException("an addend's factor must be positive, got " + times);
            }
        }

        @Override
        public String toString() {
            final String factor = times == Math.rint(times) ? Long.toString((long) times) : Reports.number(times);
            return (times == 1 ? "" : factor + " × ") + cell;
        }
    }

    /**
     * Every measurement the figure reads: numerator, denominator, then the addends.
     *
     * @return the cells
     */
    public List<Cell> cells() {
        final List<Cell> cells = new ArrayList<>(List.of(numerator, denominator));
        addends.forEach(a -> cells.add(a.cell()));
        return cells;
    }

    /** How a ratio must compare with the bound. */
    public enum Relation {
        /** At most the bound. */
        AT_MOST("<=", "≤"),
        /** At least the bound. */
        AT_LEAST(">=", "≥"),
        /** Below the bound. */
        BELOW("<", "<"),
        /** Above the bound. */
        ABOVE(">", ">"),
        /** Between the two bounds, inclusive. */
        WITHIN("in", "in"),
        /** No bound: shown for reference. */
        INFO("info", "");

        private final String token;
        private final String symbol;

        Relation(final String token, final String symbol) {
            this.token = token;
            this.symbol = symbol;
        }

        static Relation of(final String token) {
            for (final Relation r : values()) {
                if (r.token.equals(token)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown relation '" + token + "' (<=, >=, <, >, in, info)");
        }
    }

    /**
     * One measurement a target refers to.
     *
     * @param method the benchmark method
     * @param params parameters it must have; {@code scheme} overrides the target's scheme
     */
    public record Cell(String method, Map<String, String> params) {
        /** Makes a cell; the parameters are copied. */
        public Cell {
            params = Map.copyOf(params);
        }

        /**
         * The scheme this cell reads, given the target's scheme and the run's control.
         *
         * @param targetScheme the target's scheme
         * @param control the control scheme, or {@code null} if the run had none
         * @return the scheme, or {@code null} if the cell wants the control and there is none
         */
        public String scheme(final String targetScheme, final String control) {
            final String named = params.get(Measurement.SCHEME);
            if (named == null) {
                return targetScheme;
            }
            return CONTROL.equals(named) ? control : named;
        }

        /**
         * Whether a measurement is the one this cell means (the scheme aside).
         *
         * @param m a measurement
         * @return {@code true} if the method and every given parameter match
         */
        public boolean matches(final Measurement m) {
            return matches(m.method(), m.params(), m.threads());
        }

        /**
         * Whether a benchmark run with these parameters and threads is the one this cell means
         * (the scheme aside): what the bench command plans forks by, before anything is measured.
         *
         * @param benchmarkMethod the benchmark method
         * @param benchmarkParams its parameters
         * @param threads the worker threads it runs with
         * @return {@code true} if the method and every given parameter match
         */
        public boolean matches(final String benchmarkMethod, final Map<String, String> benchmarkParams, final int threads) {
            if (!benchmarkMethod.equals(method)) {
                return false;
            }
            for (final Map.Entry<String, String> p : params.entrySet()) {
                final String actual = p.getKey().equals(THREADS) ? Integer.toString(threads) : benchmarkParams.get(p.getKey());
                if (!p.getKey().equals(Measurement.SCHEME) && !p.getValue().equals(actual)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether a benchmark run with these parameters is what this cell reads in a target of a
         * scheme: the cell matches it, and it ran under the scheme the cell names, or under none (the
         * physical floor, read whatever scheme the target is for).
         *
         * @param targetScheme the target's scheme
         * @param control the run's control scheme, or {@code null}
         * @param benchmarkMethod the benchmark method
         * @param benchmarkParams its parameters, its {@code scheme} among them if it has one
         * @param threads the worker threads it runs with
         * @return {@code true} if the target reads it through this cell
         */
        public boolean reads(final String targetScheme, final String control, final String benchmarkMethod,
                             final Map<String, String> benchmarkParams, final int threads) {
            final String ran = benchmarkParams.get(Measurement.SCHEME);
            return (ran == null || ran.equals(scheme(targetScheme, control)))
                    && matches(benchmarkMethod, benchmarkParams, threads);
        }

        @Override
        public String toString() {
            if (params.isEmpty()) {
                return method;
            }
            final StringJoiner out = new StringJoiner(",", method + "{", "}");
            new TreeMap<>(params).forEach((k, v) -> out.add(k + "=" + v));
            return out.toString();
        }

        static Cell parse(final String text) {
            final Matcher m = CELL.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad measurement '" + text.strip() + "' (want method{param=value,...})");
            }
            final Map<String, String> params = new LinkedHashMap<>();
            if (m.group(2) != null && !m.group(2).isBlank()) {
                for (final String pair : m.group(2).split(",")) {
                    final String[] kv = pair.split("=", 2);
                    if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                        throw new IllegalArgumentException("bad parameter '" + pair.strip() + "' in '" + text.strip() + "'");
                    }
                    params.put(kv[0].strip(), kv[1].strip());
                }
            }
            return new Cell(m.group(1), params);
        }
    }

    /**
     * The verdict an estimate earns: {@code pass} when its whole interval meets the figure,
     * {@code miss} when its whole interval fails it, {@code inconclusive} when the interval
     * straddles the bound (or there is no interval: one round proves nothing either way).
     *
     * @param estimate the ratio with its interval
     * @return the verdict; {@code reference} for {@code info} figures, {@code not run} without rounds
     */
    public TargetCheck.Verdict judge(final Estimate estimate) {
        if (estimate.rounds() == 0) {
            return TargetCheck.Verdict.NOT_RUN;
        }
        if (relation == Relation.INFO) {
            return TargetCheck.Verdict.INFO;
        }
        if (!estimate.hasInterval()) {
            return TargetCheck.Verdict.INCONCLUSIVE;
        }
        final double lo = estimate.low();
        final double hi = estimate.high();
        final boolean pass;
        final boolean miss;
        switch (relation) {
            case AT_MOST -> {
                pass = hi <= low;
                miss = lo > low;
            }
            case BELOW -> {
                pass = hi < low;
                miss = lo >= low;
            }
            case AT_LEAST -> {
                pass = lo >= low;
                miss = hi < low;
            }
            case ABOVE -> {
                pass = lo > low;
                miss = hi <= low;
            }
            case WITHIN -> {
                pass = lo >= low && hi <= high;
                miss = hi < low || lo > high;
            }
            default -> throw new IllegalStateException("unreachable: " + relation);
        }
        return pass ? TargetCheck.Verdict.PASS : miss ? TargetCheck.Verdict.MISS : TargetCheck.Verdict.INCONCLUSIVE;
    }

    /**
     * The bounds a chart draws as lines.
     *
     * @return one value, two for {@code in}, none for {@code info}
     */
    public double[] bounds() {
        return switch (relation) {
            case INFO -> new double[0];
            case WITHIN -> new double[] {low, high};
            default -> new double[] {low};
        };
    }

    /**
     * The figure as a reader sees it: {@code ≤ 1.2}, {@code 3.6–8.1}, or empty for {@code info}.
     *
     * @return the bound's text
     */
    public String boundText() {
        return switch (relation) {
            case WITHIN -> Reports.number(low) + "–" + Reports.number(high);
            case INFO -> "(reference)";
            default -> relation.symbol + " " + Reports.number(low);
        };
    }

    /**
     * The ratio's text, {@code countdown{shape=2threads} / countdown{shape=1thread}}, or with addends
     * {@code A / (B + 2 × F)}.
     *
     * @return the ratio's description
     */
    public String ratioText() {
        if (addends.isEmpty()) {
            return numerator + " / " + denominator;
        }
        final StringJoiner sum = new StringJoiner(" + ", numerator + " / (", ")");
        sum.add(denominator.toString());
        addends.forEach(a -> sum.add(a.toString()));
        return sum.toString();
    }

    /**
     * Reads target lines; blank lines and lines starting with {@code #} are skipped.
     *
     * @param text the lines
     * @return the targets in order
     * @throws IllegalArgumentException naming the bad line
     */
    public static List<Target> parse(final String text) {
        final List<Target> result = new ArrayList<>();
        final String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            final String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                result.add(parseLine(lines[i]));
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException("targets line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    /**
     * The project's target figures, from the {@code targets.tsv} resource.
     *
     * @return the targets
     */
    public static List<Target> project() {
        try (InputStream in = Target.class.getResourceAsStream("targets.tsv")) {
            if (in == null) {
                throw new IllegalStateException("targets.tsv is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Target parseLine(final String line) {
        final String[] f = line.split("\t");
        if (f.length != 5 && f.length != 6) {
            throw new IllegalArgumentException("want 5 tab-separated fields (6 with metrics), found " + f.length);
        }
        final String[] ratio = f[1].split("/");
        if (ratio.length != 2) {
            throw new IllegalArgumentException("want a ratio 'CELL / CELL' (or 'CELL / CELL + K*CELL'), found '" + f[1] + "'");
        }
        final String[] below = ratio[1].split("\\+");
        final List<Addend> addends = new ArrayList<>();
        for (int i = 1; i < below.length; i++) {
            final Matcher m = ADDEND.matcher(below[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad addend '" + below[i].strip() + "' (want K*CELL or CELL)");
            }
            addends.add(new Addend(m.group(1) == null ? 1 : Double.parseDouble(m.group(1)), Cell.parse(m.group(2))));
        }
        final Relation relation = Relation.of(f[2].strip());
        final String bound = f[3].strip();
        final double low;
        final double high;
        if (relation == Relation.INFO) {
            low = Double.NaN;
            high = Double.NaN;
        } else if (relation == Relation.WITHIN) {
            final String[] range = bound.split("\\.\\.");
            if (range.length != 2) {
                throw new IllegalArgumentException("'in' wants a range LOW..HIGH, found '" + bound + "'");
            }
            low = Double.parseDouble(range[0]);
            high = Double.parseDouble(range[1]);
        } else {
            low = Double.parseDouble(bound);
            high = low;
        }
        return new Target(f[0].strip(), Cell.parse(ratio[0]), Cell.parse(below[0]), addends, relation, low, high, f[4].strip(),
                f.length == 6 ? parseMetrics(f[5]) : List.of());
    }

    private static List<String> parseMetrics(final String field) {
        final List<String> names = new ArrayList<>();
        for (final String name : field.split(",")) {
            if (!METRIC_NAME.matcher(name.strip()).matches()) {
                throw new IllegalArgumentException("bad metric name '" + name.strip() + "' (want e.g. lock-parks,handoffs)");
            }
            names.add(name.strip());
        }
        return names;
    }
}
