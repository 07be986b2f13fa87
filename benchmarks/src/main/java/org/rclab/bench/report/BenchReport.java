package org.rclab.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the report says about one run of paired rounds, computed from the forks' results and
 * nothing else: every score and every ratio as an {@link Estimate} across rounds, where a ratio
 * is taken within each round first (both of its measurements come from the same round), and the
 * target figures judged from those intervals.
 *
 * <p>All ratios are ratios of time per operation (a throughput score is inverted first), so
 * above 1 always means slower than the thing compared with. CPython's results (scheme
 * {@value #CPYTHON}) take part in the pairing like any scheme's but are kept out of the per-scheme
 * tables: the report shows them beside the schemes' ratios.
 */
public final class BenchReport {
    /** The scheme name CPython's results carry. */
    public static final String CPYTHON = "cpython";

    /**
     * Parameters whose values are compared with one baseline value: the countdown's shapes with
     * one thread, the convoy's neighbours with none.
     */
    public static final Map<String, String> BASELINES = baselines();

    /** The order benchmarks are listed in: the order of the questions, cheap to expensive. */
    private static final List<String> METHOD_ORDER = List.of("physical", "ownedPair", "ownedPairBatch", "foreignPair",
            "sharedPair", "containerOps", "countdown", "interpreted", "ioConvoy");

    private final List<ForkResult> forks;
    private final String control;
    private final List<String> schemes;
    private final List<Variant> variants;
    private final List<Variant> floors;
    private final List<Target> targets;
    private final int rounds;
    private final double targetConfidence;
    /** The rounds the run's first look read, when it looked twice; 0 when it looked once (see {@link #check}). */
    private final int firstLook;

    /**
     * Builds the report's content.
     *
     * @param forks every fork of every round, CPython's included
     * @param control the control scheme ratios are taken to, or {@code null} if the run had none
     * @param targets the figures to check
     */
    public BenchReport(final List<ForkResult> forks, final String control, final List<Target> targets) {
        this(forks, control, targets, 1);
    }

    /**
     * Groups a run's forks, for a run that looked at its targets' intervals more than once: each
     * target's interval is then at {@link Estimate#confidenceOf(int)} of the looks.
     *
     * @param forks every fork of the run
     * @param control the scheme ratios are taken to, or {@code null} for none
     * @param targets the figures to check the run against
     * @param looks how many times the run looked at its targets ({@link RunInfo#looks()})
     */
    public BenchReport(final List<ForkResult> forks, final String control, final List<Target> targets, final int looks) {
        this(forks, control, targets, looks, 0);
    }

    /**
     * Groups the forks of a run that looked at its targets after its first rounds and again at the
     * end: a target its first look settled keeps that verdict (see {@link #targetChecks()}).
     *
     * @param forks every fork of the run
     * @param control the scheme ratios are taken to, or {@code null} for none
     * @param targets the figures to check the run against
     * @param looks how many times the run looked at its targets ({@link RunInfo#looks()})
     * @param firstLook the rounds its first look read ({@link RunInfo#firstLook()}); 0 when it
     *        looked only at the end, or the log does not say
     */
    public BenchReport(final List<ForkResult> forks, final String control, final List<Target> targets, final int looks,
                       final int firstLook) {
        this.targetConfidence = Estimate.confidenceOf(looks);
        this.firstLook = looks > 1 ? firstLook : 0;
        this.forks = List.copyOf(forks);
        this.control = control;
        this.targets = List.copyOf(targets);
        final Set<String> names = new TreeSet<>();
        final Set<Variant> seen = new LinkedHashSet<>();
        final Set<Variant> floorSeen = new LinkedHashSet<>();
        int maxRound = 0;
        for (final ForkResult f : forks) {
            maxRound = Math.max(maxRound, f.round());
            final Measurement m = f.measurement();
            if (m.scheme().equals(CPYTHON)) {
                continue;
            }
            if (m.scheme().isEmpty()) {
                floorSeen.add(m.variant());
            } else {
                names.add(m.scheme());
                seen.add(m.variant());
            }
        }
        this.rounds = maxRound;
        this.schemes = List.copyOf(names);
        this.variants = ordered(seen);
        this.floors = ordered(floorSeen);
    }

    /** Report order: by question, then by class, baseline values first, then by label (forks ran shuffled). */
    private static List<Variant> ordered(final Set<Variant> seen) {
        final List<Variant> list = new ArrayList<>(seen);
        list.sort(Comparator.comparingInt(BenchReport::methodRank).thenComparing(Variant::benchmark)
                .thenComparing(v -> BASELINES.entrySet().stream()
                        .noneMatch(b -> b.getValue().equals(v.params().get(b.getKey()))))
                .thenComparing(Variant::label));
        return List.copyOf(list);
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
     * The schemes that have results, sorted by name (CPython and scheme-free benchmarks aside).
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
     * Every benchmark variant run with a scheme, in report order.
     *
     * @return the variants
     */
    public List<Variant> variants() {
        return variants;
    }

    /**
     * The variants of benchmarks without a scheme: the physical floor.
     *
     * @return the variants, in report order
     */
    public List<Variant> floors() {
        return floors;
    }

    /**
     * Every fork.
     *
     * @return the forks in run order
     */
    public List<ForkResult> forks() {
        return forks;
    }

    /**
     * How many rounds the run had.
     *
     * @return the highest round number
     */
    public int rounds() {
        return rounds;
    }

    /**
     * Whether CPython ran in this run.
     *
     * @return {@code true} if any fork is CPython's
     */
    public boolean hasCPython() {
        return forks.stream().anyMatch(f -> f.measurement().scheme().equals(CPYTHON));
    }

    /**
     * Whether CPython also took turns inside forks of the lab's cells (a participant of
     * {@code CellsInTurn}), beside its once-a-round seeds run.
     *
     * @return {@code true} if a CPython result shares its round and position with a scheme's
     */
    public boolean hasCPythonInTurn() {
        return forks.stream().filter(f -> f.measurement().scheme().equals(CPYTHON)).anyMatch(c -> forks.stream()
                .anyMatch(f -> f.round() == c.round() && f.position() == c.position()
                        && !f.measurement().scheme().equals(CPYTHON)));
    }

    /**
     * A metric of one cell under one scheme ({@link BenchReport#CPYTHON} included), one value per
     * fork that recorded it: e.g. {@link Turns#CPU_SHARE} of the cells that took turns.
     *
     * @param cell the cell
     * @param scheme the scheme
     * @param metric the metric's name
     * @return the values, ascending; empty if no fork recorded it
     */
    public double[] metricByFork(final Target.Cell cell, final String scheme, final String metric) {
        final Predicate<Measurement> in = cellIn(cell, scheme);
        return forks.stream().filter(f -> in.test(f.measurement()) && f.metrics().containsKey(metric))
                .mapToDouble(f -> f.metrics().get(metric)).sorted().toArray();
    }

    /**
     * The forks of one variant under one scheme ({@code ""} for a scheme-free benchmark).
     *
     * @param variant the variant
     * @param scheme the scheme
     * @return the forks, in round order
     */
    public List<ForkResult> forksOf(final Variant variant, final String scheme) {
        return forks.stream().filter(f -> f.measurement().scheme().equals(scheme)
                && f.measurement().variant().equals(variant)).toList();
    }

    /**
     * A variant's score under a scheme: the geometric mean of its forks' scores, with its interval.
     *
     * @param variant the variant
     * @param scheme the scheme, {@code ""} for a scheme-free benchmark
     * @return the estimate, {@link Estimate#NONE} if it did not run
     */
    public Estimate score(final Variant variant, final String scheme) {
        return Estimate.of(forksOf(variant, scheme).stream().mapToDouble(f -> f.measurement().score()).toArray());
    }

    /**
     * A target cell's score under a scheme (CPython's included), as {@link #score(Variant, String)}
     * gives a variant's: where the same measurement comes from different benchmarks (the lab's
     * JMH class, CPython's script), the cell names it by method and parameters alone.
     *
     * @param cell the measurement
     * @param scheme the scheme, or {@value #CPYTHON}
     * @return the estimate, {@link Estimate#NONE} if it did not run
     */
    public Estimate score(final Target.Cell cell, final String scheme) {
        // A measurement run several times in a round (CPython's, in its seeds run and in turn) counts once
        // a round, as the geometric mean of its copies: the interval is across rounds, as every other one.
        final Map<Integer, List<Double>> byRound = new TreeMap<>();
        forks.stream().filter(f -> f.measurement().scheme().equals(scheme) && cell.matches(f.measurement()))
                .forEach(f -> byRound.computeIfAbsent(f.round(), r -> new ArrayList<>()).add(f.measurement().score()));
        return Estimate.of(byRound.values().stream().mapToDouble(copies -> Math.exp(copies.stream()
                .mapToDouble(Math::log).average().orElseThrow())).toArray());
    }

    /**
     * A variant's time per operation under a scheme over the control's, paired by round.
     *
     * @param variant the variant
     * @param scheme the scheme
     * @return the estimate, {@link Estimate#NONE} without a control or without common rounds
     */
    public Estimate ratioToControl(final Variant variant, final String scheme) {
        if (control == null) {
            return Estimate.NONE;
        }
        return pairedRatio(m -> m.scheme().equals(scheme) && m.variant().equals(variant),
                m -> m.scheme().equals(control) && m.variant().equals(variant));
    }

    /**
     * The ratio of the time per operation of one measurement to another's, taken within each round
     * in which both ran, summarised across those rounds.
     *
     * @param top picks the numerator's fork in a round
     * @param bottom picks the denominator's fork in a round
     * @return the estimate
     * @throws IllegalArgumentException if a predicate picks two different measurements in a round
     */
    public Estimate pairedRatio(final Predicate<Measurement> top, final Predicate<Measurement> bottom) {
        return Estimate.of(pairs(top, bottom).stream().mapToDouble(Pair::ratio).toArray());
    }

    /**
     * One round's two sides of a ratio.
     *
     * @param top the numerator's fork
     * @param bottom the denominator's fork
     * @param choice whether a side was chosen among several copies of its measurement in the round
     * @param added the forks of the target's addends in the round, each with its factor; empty for a
     *        plain ratio
     */
    public record Pair(ForkResult top, ForkResult bottom, boolean choice, List<Added> added) {
        /** Makes the pair; the addends are copied. */
        public Pair {
            added = List.copyOf(added);
        }

        /**
         * A plain ratio's pair.
         *
         * @param top the numerator's fork
         * @param bottom the denominator's fork
         * @param choice whether a side was chosen among copies
         */
        public Pair(final ForkResult top, final ForkResult bottom, final boolean choice) {
            this(top, bottom, choice, List.of());
        }

        /**
         * Every fork the pair's ratio reads.
         *
         * @return top, bottom, then the addends' forks
         */
        public List<ForkResult> sides() {
            final List<ForkResult> sides = new ArrayList<>(List.of(top, bottom));
            added.forEach(a -> sides.add(a.fork()));
            return sides;
        }

        /**
         * The ratio of times per operation. Two sides that took turns in one fork are paired
         * iteration by iteration: the ratio is the median, over k, of the k-th iteration of one over
         * the k-th of the other, which ran a turn or a few turns apart (in a palindrome the k-th
         * iterations of two participants fall in the same half of one period). The host's slow
         * states last seconds, so the two iterations of a pair mostly share one, and it cancels in
         * their ratio; a ratio of the two sides' own medians would instead compare however many slow
         * iterations each happened to draw (bare cells in the idle run of 2026-11-30 17:25: the log
         * spread across rounds of gil / unsafe fell from 0.044 to 0.008, brc / unsafe from 0.093 to
         * 0.038). Other pairs: the ratio of the two forks' scores. With addends, the top's score over
         * the sum of the bottom's and each addend's times its factor (scores: the sum has no
         * iteration-by-iteration partner).
         *
         * @return top over bottom
         */
        public double ratio() {
            if (!added.isEmpty()) {
                double sum = bottom.measurement().secondsPerOp();
                for (final Added a : added) {
                    sum += a.times() * a.fork().measurement().secondsPerOp();
                }
                return top.measurement().secondsPerOp() / sum;
            }
            final List<Double> a = top.turnScores();
            final List<Double> b = bottom.turnScores();
            final Measurement m = top.measurement();
            if (!sameFork() || a.isEmpty() || a.size() != b.size() || !m.unit().equals(bottom.measurement().unit())
                    || !m.mode().equals(bottom.measurement().mode())) {
                return m.secondsPerOp() / bottom.measurement().secondsPerOp();
            }
            // The median of the logarithms, so that with an even count (the middle two averaged) the
            // ratio of bottom over top is still exactly the inverse of this one.
            final double[] logs = new double[a.size()];
            for (int k = 0; k < logs.length; k++) {
                logs[k] = Math.log(m.higherIsBetter() ? b.get(k) / a.get(k) : a.get(k) / b.get(k));
            }
            return Math.exp(ForkScore.of(logs));
        }

        /**
         * Whether both sides ran in one fork (cells in turn).
         *
         * @return {@code true} if they share round and position
         */
        public boolean sameFork() {
            return top.position() == bottom.position();
        }
    }

    /**
     * An addend's fork in a round, with the factor its time is added to the denominator by.
     *
     * @param times the factor
     * @param fork the fork
     */
    public record Added(double times, ForkResult fork) {
    }

    /**
     * The pairs a ratio is taken from, one per round in which both sides ran. A measurement may
     * run more than once a round (CPython's countdown: in its seeds run and as a participant of
     * forks run in turn); the copies nearest each other in the round's order are paired, the same
     * fork's first, so a ratio to CPython is formed inside the fork that measured the other side
     * when there is such a fork, and otherwise from the forks closest in time.
     *
     * @param top picks the numerator's forks
     * @param bottom picks the denominator's forks
     * @return the pairs, in round order
     * @throws IllegalArgumentException if a predicate picks two different measurements in a round
     */
    public List<Pair> pairs(final Predicate<Measurement> top, final Predicate<Measurement> bottom) {
        final List<Pair> pairs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            final List<ForkResult> a = inRound(round, top);
            final List<ForkResult> b = inRound(round, bottom);
            Pair best = null;
            for (final ForkResult x : a) {
                for (final ForkResult y : b) {
                    if (best == null || Math.abs(x.position() - y.position())
                            < Math.abs(best.top().position() - best.bottom().position())) {
                        best = new Pair(x, y, a.size() > 1 || b.size() > 1);
                    }
                }
            }
            if (best != null) {
                pairs.add(best);
            }
        }
        return pairs;
    }

    /** A side's forks in a round: one measurement, possibly measured several times (in different forks). */
    private List<ForkResult> inRound(final int round, final Predicate<Measurement> which) {
        final List<ForkResult> found = forks.stream().filter(f -> f.round() == round && which.test(f.measurement()))
                .toList();
        // Copies of one measurement share variant and scheme; two different ones are a target that names too little.
        final List<Measurement> distinct = found.stream().map(ForkResult::measurement)
                .filter(m -> found.stream().map(ForkResult::measurement).filter(o -> o.variant().equals(m.variant())
                        && o.scheme().equals(m.scheme())).findFirst().orElseThrow() == m).toList();
        if (distinct.size() > 1) {
            throw new IllegalArgumentException(distinct.size() + " results in round " + round + " match one side of a ratio: "
                    + distinct.stream().map(m -> m.variant().label() + " " + m.scheme()).toList());
        }
        return found;
    }
    /**
     * The same ratio, named by target cells.
     *
     * @param top the numerator
     * @param topScheme the numerator's scheme
     * @param bottom the denominator
     * @param bottomScheme the denominator's scheme
     * @return the estimate
     * @throws IllegalArgumentException if a cell matches more than one fork in a round
     */
    public Estimate ratio(final Target.Cell top, final String topScheme, final Target.Cell bottom,
                          final String bottomScheme) {
        return pairedRatio(cellIn(top, topScheme), cellIn(bottom, bottomScheme));
    }

    /** A cell's measurement under a scheme; a scheme-free benchmark (the floor) matches any scheme. */
    private static Predicate<Measurement> cellIn(final Target.Cell cell, final String scheme) {
        return m -> (m.scheme().equals(scheme) || m.scheme().isEmpty()) && cell.matches(m);
    }

    /**
     * How many forks ran while the machine was busier than it has CPUs.
     *
     * @param cpus the CPU count
     * @return the count
     */
    public long forksUnderLoad(final int cpus) {
        return forks.stream().filter(f -> f.underLoad(cpus)).count();
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
                // The baseline first, the others by name.
                values.sort(Comparator.comparing((String x) -> !x.equals(baseline.getValue()))
                        .thenComparing(Comparator.naturalOrder()));
                final List<String> withResults = schemes.stream().filter(s -> values.stream()
                        .anyMatch(value -> !forksOf(group.with(parameter, value), s).isEmpty())).toList();
                tables.add(new Relative(this, parameter, baseline.getValue(), group, List.copyOf(values), withResults));
            });
        }
        return tables;
    }

    /**
     * One group of variants that differ in one parameter, compared with its baseline value.
     *
     * @param report the report it belongs to
     * @param parameter the parameter, {@code shape}
     * @param baseline its baseline value, {@code 1thread}
     * @param group the variant without that parameter
     * @param values the parameter's values that ran, baseline first
     * @param schemes the schemes with results in the group
     */
    public record Relative(BenchReport report, String parameter, String baseline, Variant group, List<String> values,
                           List<String> schemes) {
        /**
         * A value's score for one scheme.
         *
         * @param scheme the scheme
         * @param value the parameter value
         * @return the estimate
         */
        public Estimate score(final String scheme, final String value) {
            return report.score(group.with(parameter, value), scheme);
        }

        /**
         * A value's time over the baseline's, for one scheme, paired by round.
         *
         * @param scheme the scheme
         * @param value the parameter value
         * @return the estimate
         */
        public Estimate ratio(final String scheme, final String value) {
            final Variant top = group.with(parameter, value);
            final Variant bottom = group.with(parameter, baseline);
            return report.pairedRatio(m -> m.scheme().equals(scheme) && m.variant().equals(top),
                    m -> m.scheme().equals(scheme) && m.variant().equals(bottom));
        }
    }

    /**
     * Every target figure checked against this run. In a run that looked twice, a target its
     * first look settled ({@code pass} or {@code miss}) keeps that verdict, on the first look's
     * rounds: the run stopped asking about it there, as a sequential test stops, and each look
     * already had its share of the error. Its cells may still have run in the more rounds, beside
     * open targets' cells in a trimmed fork; those pairs are shown beside it, not judged. Before
     * this rule the idle run of 2026-12-01 09:17 lost brc's countdown 2threads / 1thread, settled at
     * 0.55 [0.53, 0.58] after 5 rounds, to 17 rounds its cells ran only because gil's two runtimes
     * were open, in a fork of 7 cells where they measured 0.60 (the company rule withheld it).
     *
     * @return one check per target, in the targets' order
     */
    public List<TargetCheck> targetChecks() {
        return targets.stream().map(this::check).toList();
    }

    /**
     * Whether a target concerns this run: its scheme ran, any other scheme its measurements name
     * ran, and every benchmark method it reads ran. A run of some schemes or benchmarks only checks
     * the targets of those.
     *
     * @param t a target
     * @return {@code true} if the run could have measured it
     */
    public boolean covers(final Target t) {
        for (final Target.Cell cell : t.cells()) {
            final String scheme = cell.scheme(t.scheme(), control);
            if (scheme != null && !ran(scheme)) {
                return false;
            }
            if (forks.stream().noneMatch(f -> f.measurement().method().equals(cell.method()))) {
                return false;
            }
        }
        return ran(t.scheme());
    }

    private boolean ran(final String scheme) {
        return schemes.contains(scheme) || scheme.equals(CPYTHON) && hasCPython();
    }

    /**
     * The confidence level of the targets' intervals.
     *
     * @return {@link Estimate#CONFIDENCE}, or more for a run that looked at its targets more than once
     */
    public double targetConfidence() {
        return targetConfidence;
    }

    /**
     * The pairs a target's ratio is taken from, one per round in which both of its sides ran.
     *
     * @param t the target
     * @return the pairs; empty when a side wants the control and the run had none
     * @throws IllegalArgumentException if a side matches two different measurements in a round
     */
    public List<Pair> pairsOf(final Target t) {
        final String topScheme = t.numerator().scheme(t.scheme(), control);
        final String bottomScheme = t.denominator().scheme(t.scheme(), control);
        if (topScheme == null || bottomScheme == null
                || t.addends().stream().anyMatch(a -> a.cell().scheme(t.scheme(), control) == null)) {
            return List.of();
        }
        final List<Pair> pairs = pairs(cellIn(t.numerator(), topScheme), cellIn(t.denominator(), bottomScheme));
        if (t.addends().isEmpty()) {
            return pairs;
        }
        // A round counts only if every addend ran in it; among copies, the one nearest the top's fork.
        final List<Pair> withAddends = new ArrayList<>();
        for (final Pair p : pairs) {
            final List<Added> added = new ArrayList<>();
            for (final Target.Addend a : t.addends()) {
                inRound(p.top().round(), cellIn(a.cell(), a.cell().scheme(t.scheme(), control))).stream()
                        .min(Comparator.comparingInt(f -> Math.abs(f.position() - p.top().position())))
                        .ifPresent(f -> added.add(new Added(a.times(), f)));
            }
            if (added.size() == t.addends().size()) {
                withAddends.add(new Pair(p.top(), p.bottom(), p.choice(), added));
            }
        }
        return withAddends;
    }

    private TargetCheck check(final Target t) {
        final String topScheme = t.numerator().scheme(t.scheme(), control);
        if (topScheme == null || t.denominator().scheme(t.scheme(), control) == null) {
            return new TargetCheck(t, Estimate.NONE, TargetCheck.Verdict.NOT_RUN, "no control scheme in this run");
        }
        final List<Pair> pairs;
        try {
            pairs = pairsOf(t);
        } catch (final IllegalArgumentException e) {
            return new TargetCheck(t, Estimate.NONE, TargetCheck.Verdict.NOT_RUN, "ambiguous: " + e.getMessage());
        }
        final List<Pair> early = pairs.stream().filter(p -> p.top().round() <= firstLook).toList();
        if (!early.isEmpty() && early.size() < pairs.size()) {
            final TargetCheck first = check(t, topScheme, early);
            if (first.verdict() == TargetCheck.Verdict.PASS || first.verdict() == TargetCheck.Verdict.MISS) {
                final String later = String.format(Locale.ROOT, "settled at the first look, after round %d; with "
                        + "the %d more round(s) its cells also ran in: %s over %d rounds, not judged", firstLook,
                        pairs.size() - early.size(), Reports.estimate(Estimate.of(pairs.stream()
                                .mapToDouble(Pair::ratio).toArray(), targetConfidence)), pairs.size());
                return new TargetCheck(t, first.estimate(), first.verdict(),
                        first.detail().isEmpty() ? later : later + "; " + first.detail());
            }
        }
        return check(t, topScheme, pairs);
    }

    /** A target judged on the given pairs (see {@link #check(Target)}). */
    private TargetCheck check(final Target t, final String topScheme, final List<Pair> pairs) {
        final Estimate estimate = Estimate.of(pairs.stream().mapToDouble(Pair::ratio).toArray(), targetConfidence);
        final TargetCheck.Verdict judged = t.judge(estimate);
        if (judged == TargetCheck.Verdict.NOT_RUN) {
            return new TargetCheck(t, estimate, judged, t.ratioText() + " has no round with both measurements");
        }
        final StringJoiner note = new StringJoiner("; ");
        note.setEmptyValue("");
        final Companies companies = Companies.of(pairs);
        final boolean pooled = companies.agree();
        final TargetCheck.Verdict verdict = pooled ? judged : TargetCheck.Verdict.INCONCLUSIVE;
        if (companies.differ()) {
            note.add(companies.describe());
        }
        final String pairing = pairingNote(pairs);
        if (!pairing.isEmpty()) {
            note.add(pairing);
        }
        final String metrics = metricsBeside(t, topScheme);
        if (!metrics.isEmpty()) {
            note.add(metrics);
        }
        return new TargetCheck(t, estimate, verdict, note.toString(), !pooled);
    }

    /**
     * A target's pairs split by the company their forks kept: the first rounds run every cell of a
     * fork in turn, the more rounds only the open targets' cells, and a cell's time can depend on
     * its neighbours in the fork (gil's two runtimes: 0.65 beside all 22 countdown cells, 0.57
     * beside 10, in the run of 2026-12-01 01:22). A verdict pools the two only where they agree
     * (Welch's interval of their ratio, at 95%, holds 1); otherwise the rounds measured two
     * conditions and no verdict rests on their mixture.
     *
     * @param first the pairs of the first round's company, in round order
     * @param others the pairs of every other company, in round order
     */
    private record Companies(List<Pair> first, List<Pair> others) {
        static Companies of(final List<Pair> pairs) {
            final List<Integer> key = key(pairs.get(0));
            return new Companies(pairs.stream().filter(p -> key(p).equals(key)).toList(),
                    pairs.stream().filter(p -> !key(p).equals(key)).toList());
        }

        private static List<Integer> key(final Pair p) {
            return List.of(p.top().company(), p.bottom().company());
        }

        boolean differ() {
            return !others.isEmpty();
        }

        Estimate change() {
            return Estimate.change(ratios(first), ratios(others), Estimate.CONFIDENCE);
        }

        boolean agree() {
            if (!differ()) {
                return true;
            }
            final Estimate change = change();
            return !change.hasInterval() || change.low() <= 1 && 1 <= change.high();
        }

        String describe() {
            final Estimate change = change();
            return String.format(java.util.Locale.ROOT, "%s in forks of %s measurements (%s), %s in forks of %s (%s): "
                            + "the second over the first %s, %s", Reports.estimate(Estimate.of(ratios(first))),
                    companiesOf(first), roundsOf(first), Reports.estimate(Estimate.of(ratios(others))),
                    companiesOf(others), roundsOf(others), Reports.estimate(change),
                    agree() ? "they agree, so the verdict pools them"
                            : "they differ, so no verdict: the fork's company changes what its cells measure");
        }

        private static String companiesOf(final List<Pair> pairs) {
            return pairs.stream().map(p -> p.top().company() == p.bottom().company() ? String.valueOf(p.top().company())
                    : p.top().company() + " and " + p.bottom().company()).distinct()
                    .collect(java.util.stream.Collectors.joining(" or "));
        }

        private static String roundsOf(final List<Pair> pairs) {
            return pairs.size() == 1 ? "round " + pairs.get(0).top().round()
                    : pairs.size() + " rounds, " + pairs.get(0).top().round() + "–" + pairs.get(pairs.size() - 1).top().round();
        }

        private static double[] ratios(final List<Pair> pairs) {
            return pairs.stream().mapToDouble(Pair::ratio).toArray();
        }
    }

    /**
     * Where a side was measured more than once a round (CPython's countdown: in its seeds run and
     * in turn in the forks of the cells divided by it), which copy the ratio took: in how many rounds
     * the same fork's, so that a reader knows the ratio was formed inside one JVM. Empty otherwise.
     */
    static String pairingNote(final List<Pair> pairs) {
        final long chosen = pairs.stream().filter(Pair::choice).count();
        if (chosen == 0) {
            return "";
        }
        final long sameFork = pairs.stream().filter(p -> p.choice() && p.sameFork()).count();
        return String.format(java.util.Locale.ROOT, "paired in turn: both sides from one fork in %d of %d rounds%s",
                sameFork, pairs.size(), sameFork == chosen ? "" : " (else the copies nearest in the round's order)");
    }

    /**
     * The target's metrics in the forks of its numerator, per million operations: the median
     * round and the lowest and highest, so that a figure shows the events behind it (a contended
     * lock's parks and hand-offs beside its time). Empty if the target names none.
     */
    private String metricsBeside(final Target t, final String scheme) {
        if (t.metrics().isEmpty()) {
            return "";
        }
        final Predicate<Measurement> top = cellIn(t.numerator(), scheme);
        final StringJoiner out = new StringJoiner(", ", "per 10⁶ operations, median round (lowest–highest): ", "");
        for (final String name : t.metrics()) {
            final String metric = scheme + "." + name;
            final double[] perMillion = forks.stream()
                    .filter(f -> top.test(f.measurement()) && f.metrics().containsKey(metric))
                    .mapToDouble(f -> f.metrics().get(metric) * 1e6).sorted().toArray();
            out.add("`" + metric + "` " + (perMillion.length == 0 ? "not recorded"
                    : Reports.number(perMillion[perMillion.length / 2]) + " (" + Reports.number(perMillion[0]) + "–"
                    + Reports.number(perMillion[perMillion.length - 1]) + ")"));
        }
        return out.toString();
    }

    /**
     * The scheme metrics recorded per operation for a variant and scheme: for each metric, its
     * value per operation in each round.
     *
     * @param variant the variant
     * @param scheme the scheme
     * @return metric name to per-round values, sorted by name
     */
    public Map<String, List<Double>> metrics(final Variant variant, final String scheme) {
        final Map<String, List<Double>> out = new TreeMap<>();
        for (final ForkResult f : forksOf(variant, scheme)) {
            f.metrics().forEach((name, value) -> out.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        }
        return out;
    }
}
