package org.rclab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.profile.ProfilerFactory;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.rclab.bench.report.BenchReport;
import org.rclab.bench.report.Estimate;
import org.rclab.bench.report.Charts;
import org.rclab.bench.report.ForkResult;
import org.rclab.bench.report.InTurn;
import org.rclab.bench.report.MarkdownReport;
import org.rclab.bench.report.Measurement;
import org.rclab.bench.report.RunInfo;
import org.rclab.bench.report.RunLog;
import org.rclab.bench.report.Target;
import org.rclab.bench.report.TargetCheck;
import org.rclab.bench.report.TurnOrder;
import org.rclab.bench.report.Turns;
import org.rclab.bench.turns.CellsInTurn;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;
import org.rclab.unsafe.UnsafeScheme;

/**
 * The Java entry of {@code ./rclab bench}: runs the benchmarks over the discovered schemes in
 * paired rounds, keeps JMH's JSON, and writes the Markdown report, the summary
 * {@code ./rclab compare} prints, and the charts.
 *
 * <pre>
 * ./rclab bench [--quick | --smoke] [--scheme NAME]... [--only BENCHMARK]... [--prof PROFILER]... [--jvm-arg ARG]...
 * </pre>
 *
 * <p>A round gives every selected scheme one fork (one JVM, through JMH's {@link Runner}) of
 * every benchmark and parameter set, plus one run of the CPython seeds when a {@code python3} is
 * on the {@code PATH}, in an order shuffled afresh each round, so that the machine's slow drift
 * hits every scheme alike. The report is built from the forks' {@link RunResult}s. Schemes come
 * from {@link Schemes#discover()}; benchmarks from JMH's own benchmark list. A benchmark marked
 * {@link ThreadSafeSchemesOnly} runs only with schemes that declare themselves thread-safe; a
 * parameter tied to a runtime option ({@link #OPTION_PARAMS}) takes its values only for schemes
 * that declare the option. The bare single-thread cells and the countdown's cells of every scheme
 * take turns in one fork a round instead ({@link CellsInTurn}), so their ratios across schemes are
 * formed inside one JVM, unless {@code --separate-schemes}; with a {@code python3}, CPython's one-thread
 * countdown takes turns in the countdown cells' fork and in each scheme's interpreted fork as well
 * ({@link CPythonWorker}), so the ratios to it are formed inside the fork of the other side. Exit status: 0 when every planned fork produced a result, 1 when one
 * failed or nothing could be written, 2 for a usage error.
 */
public final class BenchCommand {
    /** Everything went as planned. */
    static final int OK = 0;
    /** A benchmark failed or the results could not be written. */
    static final int FAILURE = 1;
    /** The command line was wrong. */
    static final int USAGE = 2;

    /** The benchmark a smoke run measures unless {@code --only} says otherwise. */
    static final String SMOKE_BENCHMARK = "ownedPair";

    /**
     * Benchmark parameters that set a runtime option: they take their values only with schemes
     * that declare the option, and {@link IoConvoy#NO_INTERVAL} with the others.
     */
    static final Map<String, String> OPTION_PARAMS = Map.of("interval", IoConvoy.SWITCH_INTERVAL_OPTION);

    private static final String USAGE_TEXT = """
            usage: ./rclab bench [--quick | --smoke] [--all] [--separate-shapes] [--separate-schemes] [--plan] [--scheme NAME]... [--only BENCHMARK]... [--prof PROFILER]...

              (default)         %s
              --quick           %s
              --smoke           %s
                                of %s only unless --only says otherwise; written to results/bench-smoke/
                                the default and --quick measure what targets.tsv's figures read for the
                                selected schemes (a scheme without figures: everything), plus the control's
                                twin of each cell
              --all             every benchmark under every scheme (the full matrix: longer)
              --separate-shapes the countdown benchmarks' shapes in forks of their own (as before they
                                ran in turn in one fork; to compare the two ways)
              --separate-schemes the cells that take turns across schemes in one fork a round (ownedPairBatch,
                                physical, sectionPair; countdown) in forks of their own, as before (the
                                countdown: one fork per scheme with its shapes in turn)
              --plan            print the plan (forks a round, estimated duration) and stop
              --scheme NAME     run only this scheme (repeatable; default: every discovered scheme)
              --only BENCHMARK  run only this benchmark method, under every scheme (repeatable): %s
              --prof PROFILER   add a JMH profiler, e.g. gc or stack (repeatable)
              --jvm-arg ARG     add ARG to every forked JVM's flags, e.g. -XX:+PrintCompilation (repeatable);
                                the report's reproducibility block lists them: figures of such a run are not
                                comparable with a default run's
            ./rclab bench --report DIR
                                write DIR's report, summary and charts again from its rounds.json

            Writes results/bench/jmh.json, rounds.json, report.md, summary.md, charts (PNG) and jmh.log.
            """;

    /** How long a fork waits for another JMH run on the machine to release JMH's lock. */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(30);
    private static final Duration LOCK_RETRY = Duration.ofSeconds(5);

    /** A run with more rounds looks at its targets twice: after its rounds of every fork, and at the end. */
    private static final int LOOKS_WITH_MORE_ROUNDS = 2;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private BenchCommand() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the options
     */
    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err, Path.of("results")));
    }

    /**
     * Runs the command.
     *
     * @param args the options
     * @param out where progress and the summary go
     * @param err where errors go
     * @param resultsRoot the {@code results} directory
     * @return the exit status
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err, final Path resultsRoot) {
        if (args.length > 0 && args[0].equals("--report")) {
            return rewriteReport(args, out, err);
        }
        final Catalog catalog;
        final List<Scheme> discovered;
        try {
            catalog = Catalog.load();
            discovered = Schemes.discover();
        } catch (final RuntimeException e) {
            err.println("rclab bench: " + e.getMessage());
            return FAILURE;
        }
        final Request request;
        try {
            request = Request.parse(args, catalog, discovered);
        } catch (final IllegalArgumentException e) {
            err.println("rclab bench: " + e.getMessage());
            return USAGE;
        }
        if (request.help()) {
            out.print(USAGE_TEXT.formatted(RunSettings.FULL.describe(), RunSettings.QUICK.describe(),
                    RunSettings.SMOKE.describe(), SMOKE_BENCHMARK, String.join(", ", catalog.methods())));
            return OK;
        }
        if (discovered.isEmpty()) {
            err.println("rclab bench: no scheme found on the class path");
            return FAILURE;
        }
        final Plan plan = Plan.make(catalog, Target.project(), request, CPythonSeeds.onPath());
        if (plan.forks().isEmpty()) {
            err.println("rclab bench: nothing to run: " + String.join("; ", plan.notes()));
            return USAGE;
        }
        if (request.planOnly()) {
            out.println("rclab bench: " + plan.describeCost(request.settings(), CPythonSeeds.onPath()));
            plan.notes().forEach(n -> out.println("rclab bench: " + n));
            plan.forks().stream().filter(Plan.Fork::takesTurns).forEach(f -> out.println("rclab bench: "
                    + f.entry().method() + " takes turns in this order: " + f.params().get(Turns.PARAM)));
            return OK;
        }
        final Path dir = resultsRoot.resolve(request.settings() == RunSettings.SMOKE ? "bench-smoke" : "bench");
        try {
            return execute(request, plan, dir, out, err);
        } catch (final IOException e) {
            err.println("rclab bench: cannot write the results in " + dir + ": " + e.getMessage());
            return FAILURE;
        }
    }

    /** {@code --report DIR}: writes the report of an earlier run again from its rounds.json. */
    private static int rewriteReport(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length != 2) {
            err.println("rclab bench: --report takes one directory (holding rounds.json) and no other option");
            return USAGE;
        }
        final Path dir = Path.of(args[1]);
        final Path rounds = dir.resolve("rounds.json");
        if (!Files.isRegularFile(rounds)) {
            err.println("rclab bench: no rounds.json in " + dir);
            return USAGE;
        }
        try {
            writeReport(RunLog.fromJson(Files.readString(rounds)), dir, out);
            return OK;
        } catch (final IOException | IllegalArgumentException e) {
            err.println("rclab bench: cannot rewrite the report in " + dir + ": " + e.getMessage());
            return FAILURE;
        }
    }

    private static int execute(final Request request, final Plan plan, final Path dir, final PrintStream out,
                               final PrintStream err) throws IOException {
        Files.createDirectories(dir);
        final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        final long seed = started.toInstant().toEpochMilli();
        final int cpus = Runtime.getRuntime().availableProcessors();
        final Optional<CPythonSeeds> cpython = CPythonSeeds.find(dir);
        final int rounds = request.settings().rounds();
        final int perRound = plan.forks().size() + (cpython.isPresent() ? 1 : 0);
        final Path log = dir.resolve("jmh.log");
        out.printf(Locale.ROOT, "rclab bench: %d rounds of %d forks over %s%s (%s); JMH's full output: %s%n", rounds,
                perRound, String.join(", ", request.schemeNames()), cpython.isPresent() ? " and CPython" : "",
                request.settings().describe(), log);
        out.println("rclab bench: " + plan.describeCost(request.settings(), cpython.isPresent()));
        plan.notes().forEach(n -> out.println("rclab bench: " + n));
        final List<ForkResult> forks = new ArrayList<>();
        final int failed;
        final Rounds run;
        final List<String> moreNotes = new ArrayList<>();
        try (PrintStream logStream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            final ProgressFormat progress = new ProgressFormat(out,
                    OutputFormatFactory.createFormatInstance(logStream, VerboseMode.NORMAL), rounds * perRound);
            run = new Rounds(request, cpython, progress, forks);
            final long start = System.nanoTime();
            for (int round = 1; round <= rounds; round++) {
                progress.note(String.format(Locale.ROOT, "round %d of %d", round, rounds));
                if (!run.round(round, plan.round(round, seed, cpython.isPresent()), err, log)) {
                    return FAILURE;
                }
            }
            final RunSettings.MoreRounds more = request.settings().moreRounds();
            if (more.most() > 0) {
                final BenchReport sofar = new BenchReport(forks, plan.control(), Target.project(), LOOKS_WITH_MORE_ROUNDS);
                final long spent = Duration.ofNanos(System.nanoTime() - start).toMillis();
                // A fork that keeps some of its cells costs its first rounds' median time scaled by the
                // idle estimate of the smaller fork over the whole one's.
                final ToLongFunction<List<Target>> cost = targets -> {
                    final Map<Plan.Fork, Plan.Fork> forksOf = forksOf(targets, sofar, run.ranAt(), plan);
                    return forksOf.entrySet().stream().mapToLong(e -> e.getKey() == e.getValue()
                            ? run.medianMillis(e.getKey()) : run.medianMillis(e.getValue())
                            * request.settings().turnsForkMillis(e.getKey().entry().method(), e.getKey().turns().size())
                            / request.settings().turnsForkMillis(e.getKey().entry().method(),
                            e.getValue().turns().size())).sum();
                };
                final List<TargetCheck> open = open(sofar);
                final List<Target> chase = pursued(open, cost, more, spent, rounds);
                final Map<Plan.Fork, Plan.Fork> from = forksOf(chase, sofar, run.ranAt(), plan);
                final List<Plan.Fork> again = List.copyOf(from.keySet());
                final long roundMillis = cost.applyAsLong(chase);
                final int extra = more.fitting(spent, roundMillis);
                moreNotes.add(moreRoundsNote(sofar, rounds, chase.size(), from, roundMillis, spent, extra, more));
                if (chase.size() < open.size()) {
                    moreNotes.add(leftNote(open, chase, rounds + extra));
                }
                moreNotes.forEach(progress::note);
                progress.extend(extra * again.size());
                for (int round = rounds + 1; round <= rounds + extra; round++) {
                    // A machine that got slower than the first rounds said must not stretch the run past its
                    // time: stopping on the clock, not on the intervals, leaves them unbiased.
                    final long now = Duration.ofNanos(System.nanoTime() - start).toMillis();
                    if (now + roundMillis > more.budgetMillis()) {
                        moreNotes.add(String.format(Locale.ROOT, "the more rounds stopped after round %d: the run's "
                                + "time was spent (%s), the machine slower than in its first rounds", round - 1,
                                minutes(now)));
                        progress.note(moreNotes.get(moreNotes.size() - 1));
                        break;
                    }
                    progress.note(String.format(Locale.ROOT, "round %d of %d (more of %d forks)", round, rounds + extra,
                            again.size()));
                    if (!run.round(round, Plan.shuffled(again, round, seed), err, log)) {
                        return FAILURE;
                    }
                }
            }
            failed = progress.failed();
        }
        final List<RunResult> jmhResults = run.jmhResults();
        final List<String> failures = run.failures();
        final List<String> pythonFailures = run.pythonFailures();
        final ZonedDateTime ended = ZonedDateTime.now(ZoneOffset.UTC);
        final Path jmhJson = dir.resolve("jmh.json");
        ResultFormatFactory.getInstance(ResultFormatType.JSON, jmhJson.toString()).writeOut(jmhResults);
        Files.copy(jmhJson, dir.resolve("jmh-" + started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + ".json"),
                StandardCopyOption.REPLACE_EXISTING);
        final List<String> notes = new ArrayList<>(plan.notes());
        notes.addAll(moreNotes);
        if (!failures.isEmpty()) {
            notes.add(failures.size() + " fork(s) produced no result (see jmh.log): " + String.join("; ", failures));
        }
        if (!pythonFailures.isEmpty()) {
            notes.add("CPython's seeds failed in " + pythonFailures.size() + " round(s): " + String.join("; ", pythonFailures));
        }
        final RunInfo info = new RunInfo(CLOCK.format(started) + " to " + ended.format(DateTimeFormatter.ofPattern("HH:mm 'UTC'")),
                request.commandLine(), request.settings().describe(), cpus,
                cpython.map(c -> c.version().isEmpty() ? "failed (see the notes)" : c.version()).orElse("not run: no python3"),
                Reproducibility.collect(started, ended, seed, jmhResults), notes,
                request.settings().moreRounds().most() > 0 ? LOOKS_WITH_MORE_ROUNDS : 1, rounds);
        final RunLog runLog = new RunLog(info, plan.control(), forks);
        Files.writeString(dir.resolve("rounds.json"), runLog.toJson());
        final List<MarkdownReport.Chart> charts = writeReport(runLog, dir, out);
        pythonFailures.forEach(f -> err.println("rclab bench: CPython's seeds failed: " + f));
        if (failed > 0 || !failures.isEmpty()) {
            err.println("rclab bench: " + Math.max(failed, failures.size()) + " fork(s) failed; see " + log);
            return FAILURE;
        }
        if (request.settings() == RunSettings.SMOKE) {
            return checkSmoke(run.ranAt(), forks, dir, charts, out, err);
        }
        return OK;
    }

    /**
     * The rounds of a run: runs each fork of a round's order and keeps what came of it, where each
     * ran ({@code round/position}) and how long each took.
     */
    private static final class Rounds {
        private final Request request;
        private final Optional<CPythonSeeds> cpython;
        private final ProgressFormat progress;
        private final List<ForkResult> forks;
        private final List<RunResult> jmhResults = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        // CPython's failures are reported, not fatal: the schemes' results do not depend on them.
        private final List<String> pythonFailures = new ArrayList<>();
        private final Map<String, Plan.Fork> ranAt = new java.util.LinkedHashMap<>();
        private final Map<Plan.Fork, List<Long>> took = new java.util.HashMap<>();

        Rounds(final Request request, final Optional<CPythonSeeds> cpython, final ProgressFormat progress,
               final List<ForkResult> forks) {
            this.request = request;
            this.cpython = cpython;
            this.progress = progress;
            this.forks = forks;
        }

        /**
         * Runs one round.
         *
         * @return {@code false} if JMH itself failed (the run stops)
         */
        boolean round(final int round, final List<Plan.Fork> order, final PrintStream err, final Path log) {
            for (int position = 1; position <= order.size(); position++) {
                final Plan.Fork fork = order.get(position - 1);
                ranAt.put(round + "/" + position, fork);
                final long began = System.nanoTime();
                final double before = loadAverage();
                if (fork.isCPython()) {
                    runCPython(cpython.get(), request.settings(), round, position, before, forks, pythonFailures,
                            progress);
                    took(fork, began);
                    continue;
                }
                final Optional<RunResult> result;
                try {
                    result = runFork(request, fork, progress);
                } catch (final RunnerException | RuntimeException e) {
                    err.println("rclab bench: JMH failed: " + e.getMessage() + " (see " + log + ")");
                    return false;
                }
                took(fork, began);
                if (result.isEmpty()) {
                    failures.add("round " + round + ": " + fork.label());
                    continue;
                }
                jmhResults.add(result.get());
                final double after = loadAverage();
                if (fork.takesTurns()) {
                    // One fork, one ForkResult per cell: same round and position, so a ratio of
                    // two cells is formed inside the fork.
                    for (final InTurn.Share cell : Turns.split(result.get(), fork.turns())) {
                        forks.add(new ForkResult(round, position, cell.measurement(), before, after, cell.metrics(),
                                cell.iterations(), fork.turns().size()));
                    }
                } else if (InTurn.ranInTurn(fork.params())) {
                    // One fork, one ForkResult per shape: same round and position, so a ratio of
                    // two shapes is formed inside the fork.
                    final List<InTurn.Share> shares = InTurn.split(result.get(), SchemeMetricsProfiler.PREFIX);
                    for (final InTurn.Share share : shares) {
                        forks.add(new ForkResult(round, position, share.measurement(), before, after, share.metrics(),
                                share.iterations(), shares.size()));
                    }
                } else {
                    forks.add(new ForkResult(round, position, Measurement.fromRunResult(result.get()), before,
                            after, metrics(result.get())));
                }
            }
            return true;
        }

        private void took(final Plan.Fork fork, final long began) {
            took.computeIfAbsent(fork, f -> new ArrayList<>()).add(Duration.ofNanos(System.nanoTime() - began).toMillis());
        }

        /** The median of the times a fork took so far, in milliseconds; 0 if it never ran. */
        long medianMillis(final Plan.Fork fork) {
            final List<Long> times = took.getOrDefault(fork, List.of()).stream().sorted().toList();
            return times.isEmpty() ? 0 : times.get(times.size() / 2);
        }

        /** Which fork ran where, by {@code round/position}. */
        Map<String, Plan.Fork> ranAt() {
            return ranAt;
        }

        List<RunResult> jmhResults() {
            return jmhResults;
        }

        List<String> failures() {
            return failures;
        }

        List<String> pythonFailures() {
            return pythonFailures;
        }
    }

    /**
     * The targets a run's first look left {@code inconclusive}, among those it measured.
     *
     * @param sofar the run's report so far
     * @return their checks, in {@code targets.tsv}'s order
     */
    static List<TargetCheck> open(final BenchReport sofar) {
        return sofar.targetChecks().stream().filter(c -> c.verdict() == TargetCheck.Verdict.INCONCLUSIVE
                && sofar.covers(c.target())).toList();
    }

    /** The most open targets whose sets {@link #pursued} weighs (the nearest to settling): 2^12 sets. */
    private static final int MOST_WEIGHED = 12;

    /**
     * The open targets the more rounds pursue: the most that can settle in the run's time. Each set
     * of the targets that some number of rounds would settle ({@link TargetCheck#roundsToSettle()})
     * is weighed at the cost of its forks: it can settle when the rounds that fit at that cost reach
     * what each of its targets needs. The largest such set wins (of two as large, the one that
     * fits more rounds, for the margin a planning figure needs); a target left out (a ratio at its
     * bound needs every round there is) stays at its first look's verdict and leaves its forks'
     * time to the others. The 06:01 run of the thirteenth session spent its 5 more rounds on 11
     * targets, four of them beyond 100 rounds from settling at its first look, 81 s a round. When
     * no target can settle, every open one is pursued. The choice reads only the first look, so it
     * does not bias the second: each pursued target gets the same rounds whatever they show.
     *
     * @param open the open targets' checks
     * @param roundMillis the cost of one more round of the forks a set of targets needs
     * @param more the run's rule for more rounds
     * @param spentMillis the time the run has taken so far
     * @param rounds the rounds run so far
     * @return the targets to pursue, in {@code open}'s order
     */
    static List<Target> pursued(final List<TargetCheck> open, final ToLongFunction<List<Target>> roundMillis,
                                final RunSettings.MoreRounds more, final long spentMillis, final int rounds) {
        final List<TargetCheck> weighed = open.stream().filter(c -> c.roundsToSettle() > 0)
                .sorted(Comparator.comparingInt(TargetCheck::roundsToSettle)).limit(MOST_WEIGHED).toList();
        List<Target> best = List.of();
        int bestReach = 0;
        for (int set = 1; set < 1 << weighed.size(); set++) {
            final Set<Target> members = new java.util.HashSet<>();
            int need = 0;
            for (int i = 0; i < weighed.size(); i++) {
                if ((set & 1 << i) != 0) {
                    members.add(weighed.get(i).target());
                    need = Math.max(need, weighed.get(i).roundsToSettle());
                }
            }
            final List<Target> with = open.stream().map(TargetCheck::target).filter(members::contains).toList();
            final int reach = rounds + more.fitting(spentMillis, roundMillis.applyAsLong(with));
            if (reach >= need && (with.size() > best.size() || with.size() == best.size() && reach > bestReach)) {
                best = with;
                bestReach = reach;
            }
        }
        return best.isEmpty() ? open.stream().map(TargetCheck::target).toList() : best;
    }

    /**
     * The forks that gave some open targets their pairs, in plan order (CPython's seeds last): what
     * more rounds must run for those targets to rest on more rounds. A target that ran in turn
     * inside one fork needs that fork alone, and of that fork only the cells that are a side of an
     * open target, in the order that puts each open target's sides nearest each other
     * ({@link TurnOrder}): a countdown fork of 22 cells whose open targets read 6 of them takes about a
     * third of the time, so about three times the rounds fit in what is left of the run.
     *
     * @param targets the open targets to run again
     * @param sofar the run's report so far
     * @param ranAt which fork ran where, by {@code round/position}
     * @param plan the run's plan
     * @return each fork to run again, mapped to the fork of the first rounds it keeps cells of (itself
     *         when it keeps them all)
     */
    static Map<Plan.Fork, Plan.Fork> forksOf(final List<Target> targets, final BenchReport sofar,
                                             final Map<String, Plan.Fork> ranAt, final Plan plan) {
        final Map<Plan.Fork, Set<Turns.Participant>> cells = new java.util.HashMap<>();
        for (final Target target : targets) {
            for (final BenchReport.Pair pair : sofar.pairsOf(target)) {
                for (final ForkResult side : pair.sides()) {
                    final Measurement m = side.measurement();
                    cells.computeIfAbsent(ranAt.get(side.round() + "/" + side.position()), f -> new LinkedHashSet<>())
                            .add(new Turns.Participant(m.benchmark(), m.params()));
                }
            }
        }
        final Map<Plan.Fork, Plan.Fork> out = new java.util.LinkedHashMap<>();
        for (final Plan.Fork fork : plan.forks()) {
            if (cells.containsKey(fork)) {
                out.put(fork.keeping(cells.get(fork), targets, plan.control()), fork);
            }
        }
        if (cells.containsKey(Plan.Fork.CPYTHON)) {
            out.put(Plan.Fork.CPYTHON, Plan.Fork.CPYTHON);
        }
        return out;
    }

    /** The open targets the more rounds leave alone, for the report's notes. */
    private static String leftNote(final List<TargetCheck> open, final List<Target> chase, final int reach) {
        final List<String> left = open.stream().filter(c -> !chase.contains(c.target()))
                .map(c -> c.target().scheme() + " " + c.target().ratioText() + " (" + (c.roundsToSettle() == 0
                        ? "not within " + Estimate.MAX_ROUNDS : "about " + c.roundsToSettle()) + ")").toList();
        return String.format(Locale.ROOT, "%d open target(s) not pursued, each further from settling than the %d rounds "
                + "the run's time gives the others: %s", left.size(), reach, String.join("; ", left));
    }

    /** What the run decided after its rounds of every fork, for the report's notes. */
    private static String moreRoundsNote(final BenchReport sofar, final int rounds, final int pursued,
                                         final Map<Plan.Fork, Plan.Fork> again,
                                         final long roundMillis, final long spentMillis, final int extra,
                                         final RunSettings.MoreRounds more) {
        final long open = sofar.targetChecks().stream().filter(c -> sofar.covers(c.target())
                && c.verdict() == TargetCheck.Verdict.INCONCLUSIVE).count();
        final long all = sofar.targetChecks().stream().filter(c -> sofar.covers(c.target())
                && c.verdict() != TargetCheck.Verdict.NOT_RUN && c.target().relation() != Target.Relation.INFO).count();
        final String level = String.format(Locale.ROOT, "%.1f%%", Estimate.confidenceOf(LOOKS_WITH_MORE_ROUNDS) * 100);
        if (open == 0) {
            return all == 0 ? String.format(Locale.ROOT, "after %d rounds: no target concerns this run, no more rounds",
                    rounds) : String.format(Locale.ROOT, "after %d rounds every one of the %d targets was settled at %s: "
                    + "no more rounds", rounds, all, level);
        }
        return String.format(Locale.ROOT, "after %d rounds (%s), %d of %d targets were inconclusive at %s; the "
                        + "pairs of the %d pursued came from %d fork(s) (%s), which took %.0f s a round; %s",
                rounds, minutes(spentMillis), open, all, level, pursued, again.size(),
                String.join(", ", again.entrySet().stream().map(e -> e.getKey() == e.getValue() ? e.getKey().label()
                        : e.getKey().entry().method() + " of " + e.getKey().turns().size() + " of its "
                        + e.getValue().turns().size() + " cells").toList()), roundMillis / 1000.0,
                extra == 0 ? "no more round fit in the run's time"
                        : String.format(Locale.ROOT, "%d more round(s) of only those, a fork of cells in turn with only the open targets' cells (rounds %d to %d)%s", extra,
                        rounds + 1, rounds + extra, more.budgetMillis() == Long.MAX_VALUE ? ""
                                : ", as many as fit in " + more.budgetMillis() / 60_000 + " min in all at that cost"));
    }

    private static String minutes(final long millis) {
        final Duration d = Duration.ofMillis(millis);
        return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }

    private static void runCPython(final CPythonSeeds cpython, final RunSettings settings, final int round,
                                   final int position, final double before, final List<ForkResult> forks,
                                   final List<String> failures, final ProgressFormat progress) {
        try {
            final List<Measurement> results = cpython.run(settings.pythonArgs());
            final double after = loadAverage();
            for (final Measurement m : results) {
                forks.add(new ForkResult(round, position, m, before, after, Map.of()));
            }
            progress.external("CPython seeds (" + cpython.version() + ")", results.size() + " results");
        } catch (final IOException e) {
            failures.add("round " + round + ": " + e.getMessage());
            progress.external("CPython seeds", "FAILED: " + e.getMessage());
        }
    }

    /** Runs one fork of one benchmark and parameter set in JMH. */
    private static Optional<RunResult> runFork(final Request request, final Plan.Fork fork,
                                               final ProgressFormat progress) throws RunnerException {
        final ChainedOptionsBuilder options = new OptionsBuilder().include(fork.entry().includePattern())
                .shouldFailOnError(false);
        fork.params().forEach((name, value) -> options.param(name, value));
        if (fork.params().containsKey(Measurement.SCHEME)) {
            options.addProfiler(SchemeMetricsProfiler.class);
        }
        request.profilers().forEach(p -> options.addProfiler(p.getKlass(), p.getOpts()));
        if (fork.takesTurns()) {
            request.settings().applyTurns(options, fork.entry().method(), fork.turns().size());
        } else {
            request.settings().apply(options, InTurn.ranInTurn(fork.params()));
        }
        options.jvmArgsAppend(RunSettings.forkFlags(request.jvmArgs()));
        final long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        boolean said = false;
        while (true) {
            try {
                final Collection<RunResult> results = new Runner(options.build(), progress).run();
                return results.stream().filter(r -> r.getPrimaryResult() != null && r.getAggregatedResult() != null)
                        .findFirst();
            } catch (final RunnerException e) {
                // Another JMH run on this machine holds JMH's lock between two of our forks: wait for
                // it rather than lose the round (running beside it would measure both runs badly).
                if (!String.valueOf(e.getMessage()).contains("jmh.ignoreLock") || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                if (!said) {
                    progress.note("(another JMH run holds /tmp/jmh.lock; waiting up to " + LOCK_WAIT.toMinutes()
                            + " minutes for it)");
                    said = true;
                }
                try {
                    Thread.sleep(LOCK_RETRY.toMillis());
                } catch (final InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The scheme metrics {@link SchemeMetricsProfiler} recorded in a fork, by metric name. */
    private static Map<String, Double> metrics(final RunResult result) {
        final Map<String, Double> out = new TreeMap<>();
        result.getSecondaryResults().forEach((label, value) -> {
            if (label.startsWith(SchemeMetricsProfiler.PREFIX) && Double.isFinite(value.getScore())) {
                out.put(label.substring(SchemeMetricsProfiler.PREFIX.length()), value.getScore());
            }
        });
        return out;
    }

    /** Writes report.md, summary.md and the charts, prints the summary, returns the charts. */
    static List<MarkdownReport.Chart> writeReport(final RunLog runLog, final Path dir, final PrintStream out)
            throws IOException {
        final BenchReport report = new BenchReport(runLog.forks(), runLog.control(), Target.project(),
                runLog.info().looks(), runLog.info().firstLook());
        final MarkdownReport markdown = new MarkdownReport(report, runLog.info());
        final List<MarkdownReport.Chart> charts = Charts.write(report, dir);
        Files.writeString(dir.resolve("report.md"), markdown.full(charts));
        Files.writeString(dir.resolve("summary.md"), markdown.summary());
        out.println();
        out.print(markdown.summary());
        out.println();
        out.println("rclab bench: wrote " + dir.resolve("report.md") + ", summary.md, jmh.json, rounds.json and "
                + charts.size() + " chart" + (charts.size() == 1 ? "" : "s"));
        return charts;
    }

    /** A smoke run passes when every fork it ran gave a finite score and every file exists. */
    private static int checkSmoke(final Map<String, Plan.Fork> ranAt, final List<ForkResult> forks, final Path dir,
                                  final List<MarkdownReport.Chart> charts, final PrintStream out, final PrintStream err) {
        final List<String> problems = new ArrayList<>();
        for (final ForkResult f : forks) {
            final Measurement m = f.measurement();
            if (!Double.isFinite(m.score()) || m.score() <= 0) {
                problems.add(m.method() + " under " + m.scheme() + " scored " + m.score() + " in round " + f.round());
            }
        }
        // A fork that ran shapes in turn gave one result per shape, all at its round and position.
        final long jmhForks = forks.stream().filter(f -> !f.measurement().scheme().equals(BenchReport.CPYTHON))
                .map(f -> f.round() + "/" + f.position()).distinct().count();
        final long ran = ranAt.values().stream().filter(f -> !f.isCPython()).count();
        if (jmhForks != ran) {
            problems.add(jmhForks + " of " + ran + " forks scored");
        }
        // CPython's participant must have scored in every fork it took turns in, not only its seeds run.
        final long pythonTurns = ranAt.values().stream().filter(f -> f.turns().contains(Plan.CPYTHON_IN_TURN)).count();
        final long pythonScored = forks.stream().filter(f -> f.measurement().scheme().equals(BenchReport.CPYTHON)
                && forks.stream().anyMatch(o -> o.round() == f.round() && o.position() == f.position()
                && !o.measurement().scheme().equals(BenchReport.CPYTHON))).count();
        if (pythonScored != pythonTurns) {
            problems.add("CPython scored in turn in " + pythonScored + " of " + pythonTurns + " forks");
        }
        for (final String file : List.of("jmh.json", "rounds.json", "report.md", "summary.md")) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                problems.add(file + " was not written");
            }
        }
        if (charts.isEmpty()) {
            problems.add("no chart was written");
        }
        for (final MarkdownReport.Chart chart : charts) {
            if (!Files.isRegularFile(dir.resolve(chart.fileName()))) {
                problems.add(chart.fileName() + " was not written");
            }
        }
        if (!problems.isEmpty()) {
            err.println("rclab bench: smoke failed: " + String.join("; ", problems));
            return FAILURE;
        }
        final long rounds = forks.stream().mapToInt(ForkResult::round).max().orElse(0);
        out.println("rclab bench: smoke ok: " + jmhForks + " forks in " + rounds + " rounds scored"
                + (pythonTurns > 0 ? ", CPython in turn in " + pythonScored + " of them" : ""));
        return OK;
    }

    /**
     * The system's one-minute load average.
     *
     * @return the load, negative where the platform has none
     */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * What the user asked for.
     *
     * @param help whether to print the usage and stop
     * @param settings how long to measure
     * @param schemes the selected schemes, in discovery order
     * @param only the selected benchmark methods; empty for all
     * @param all whether to run the full matrix rather than the cells the figures read
     * @param separateShapes whether each countdown shape gets a fork of its own rather than a turn in one
     * @param separateSchemes whether each bare single-thread cell gets a fork of its own rather than a turn in one
     * @param planOnly whether to print the plan's forks and estimated duration and stop
     * @param profilers JMH profilers to add
     * @param jvmArgs flags added to every forked JVM's, after the settings' own
     * @param commandLine the command as typed, for the report
     */
    record Request(boolean help, RunSettings settings, List<Scheme> schemes, Set<String> only, boolean all,
                   boolean separateShapes, boolean separateSchemes, boolean planOnly, List<ProfilerConfig> profilers,
                   List<String> jvmArgs, String commandLine) {
        List<String> schemeNames() {
            return schemes.stream().map(Scheme::name).toList();
        }

        /** A profiler as JMH's {@code -prof NAME[:OPTIONS]}, checked now so a typo is a usage error. */
        private static ProfilerConfig profiler(final String value) {
            final int colon = value.indexOf(':');
            final ProfilerConfig config = colon < 0 ? new ProfilerConfig(value, "")
                    : new ProfilerConfig(value.substring(0, colon), value.substring(colon + 1));
            try {
                ProfilerFactory.getProfilerOrException(config);
            } catch (final ProfilerException e) {
                throw new IllegalArgumentException("profiler '" + value + "' is unknown or unsupported here: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            return config;
        }

        static Request parse(final String[] args, final Catalog catalog, final List<Scheme> discovered) {
            boolean quick = false;
            boolean smoke = false;
            boolean all = false;
            boolean separateShapes = false;
            boolean separateSchemes = false;
            boolean planOnly = false;
            final Set<String> schemeNames = new LinkedHashSet<>();
            final Set<String> only = new LinkedHashSet<>();
            final List<ProfilerConfig> profilers = new ArrayList<>();
            final List<String> jvmArgs = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                final String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        return new Request(true, RunSettings.FULL, List.of(), Set.of(), false, false, false, false,
                                List.of(), List.of(), "");
                    }
                    case "--quick" -> quick = true;
                    case "--smoke" -> smoke = true;
                    case "--all" -> all = true;
                    case "--separate-shapes" -> separateShapes = true;
                    case "--separate-schemes" -> separateSchemes = true;
                    case "--plan" -> planOnly = true;
                    case "--jvm-arg" -> {
                        // A JVM flag starts with a dash, so here the next word is the value whatever it looks like.
                        if (i + 1 >= args.length || args[i + 1].isBlank()) {
                            throw new IllegalArgumentException(arg + " needs a value, e.g. --jvm-arg -XX:+PrintCompilation");
                        }
                        jvmArgs.add(args[++i]);
                    }
                    case "--scheme", "--only", "--prof" -> {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        final String value = args[++i];
                        switch (arg) {
                            case "--scheme" -> schemeNames.add(value);
                            case "--only" -> only.add(value);
                            default -> profilers.add(profiler(value));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "' (see --help)");
                }
            }
            if (quick && smoke) {
                throw new IllegalArgumentException("choose one of --quick and --smoke");
            }
            for (final String name : only) {
                if (!catalog.methods().contains(name)) {
                    throw new IllegalArgumentException("unknown benchmark '" + name + "'; benchmarks: "
                            + String.join(", ", catalog.methods()));
                }
            }
            final List<Scheme> schemes = new ArrayList<>();
            for (final String name : schemeNames) {
                schemes.add(discovered.stream().filter(s -> s.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown scheme '" + name + "'; known schemes: "
                                + String.join(", ", discovered.stream().map(Scheme::name).toList()))));
            }
            if (schemes.isEmpty()) {
                schemes.addAll(discovered);
            }
            if (smoke && only.isEmpty()) {
                only.add(SMOKE_BENCHMARK);
            }
            final RunSettings settings = smoke ? RunSettings.SMOKE : quick ? RunSettings.QUICK : RunSettings.FULL;
            return new Request(false, settings, List.copyOf(schemes), Set.copyOf(only), all, separateShapes, separateSchemes,
                    planOnly,
                    List.copyOf(profilers), List.copyOf(jvmArgs),
                    ("./rclab bench " + String.join(" ", args)).strip());
        }
    }

    /**
     * The forks one round makes: every selected benchmark and parameter set with every scheme it
     * runs with (benchmarks marked {@link ThreadSafeSchemesOnly} with the thread-safe ones only;
     * benchmarks without a {@code scheme} parameter once), and CPython's seeds when present.
     *
     * @param forks one round's forks, in catalog order
     * @param control the control scheme among the selected ones, or {@code null}
     * @param notes what was left out and why
     */
    record Plan(List<Fork> forks, String control, List<String> notes) {
        /**
         * CPython's participant in the countdown cells' and interpreted forks: the seeds' countdown in a
         * started thread, named as its once-a-round figure for the same function is
         * ({@code interpreted{scheme=cpython,shape=1thread}}), so the targets that divide by it find it
         * in the same fork as the Java cell ({@link BenchReport#pairedRatio} takes the copy nearest the other side).
         */
        static final Turns.Participant CPYTHON_IN_TURN = new Turns.Participant(BenchReport.CPYTHON + ".interpreted",
                Map.of(Measurement.SCHEME, BenchReport.CPYTHON, InTurn.SHAPE, InTurn.SHAPES.get(0)));

        /**
         * One fork: a benchmark with every parameter fixed ({@code scheme} included, if it has
         * one); or CPython's seeds, when {@code entry} is {@code null}.
         *
         * @param entry the benchmark, {@code null} for CPython
         * @param params parameter name to value
         * @param turns the cells that take turns in this fork ({@link CellsInTurn}); empty for any other fork
         */
        record Fork(Catalog.Entry entry, Map<String, String> params, List<Turns.Participant> turns) {
            static final Fork CPYTHON = new Fork(null, Map.of());

            Fork(final Catalog.Entry entry, final Map<String, String> params) {
                this(entry, params, List.of());
            }

            boolean takesTurns() {
                return !turns.isEmpty();
            }

            boolean isCPython() {
                return entry == null;
            }

            String label() {
                return isCPython() ? "CPython seeds" : takesTurns() ? entry.method() + " of " + turns.size() + " cells"
                        : entry.method() + " " + params;
            }

            /** Whether its participants are countdowns (the Java loop's or the interpreted), not bare cells. */
            boolean takesCountdownTurns() {
                return takesTurns() && !entry.method().equals(CellsInTurn.BARE);
            }

            /**
             * This fork with only some of its Java countdown cells taking turns, ordered for the
             * given targets ({@link TurnOrder}); this fork itself when it takes no turns, keeps every
             * cell, or is a fork of bare or interpreted cells. Their times depend on their company.
             * In the idle run of 2026-12-01 03:14 brc / unsafe {@code ownedPairBatch} was 1.25 beside
             * all 15 bare cells and 1.36 in forks of those two alone (both cells slower there). In
             * the run of 05:29 gil's interpreted step, alone with CPython's in a trimmed fork, ran
             * 160–240 ns in every iteration of six of seven forks against 19–23 ns beside its other
             * shapes: the dispatch loop was not yet compiled by C2 when measured, since fewer cells
             * give it less warm-up in all. More rounds of such forks measured another condition and
             * the company rule withheld the verdicts. The whole bare fork costs about 20 s a round,
             * an interpreted fork of 4 cells about 10, so more rounds run them whole. A Java
             * countdown fork of 22 cells costs three times its trimmed one, and its groups have
             * agreed as often as not; the company rule still judges them.
             */
            Fork keeping(final Set<Turns.Participant> kept, final List<Target> targets, final String control) {
                final List<Turns.Participant> some = turns.stream().filter(kept::contains).toList();
                if (!takesTurns() || !entry.method().equals(CellsInTurn.COUNTDOWNS) || some.size() == turns.size()) {
                    return this;
                }
                final List<Turns.Participant> ordered = TurnOrder.of(some, targets, control);
                return new Fork(entry, Map.of(Turns.PARAM, Turns.param(ordered)), List.copyOf(ordered));
            }
        }

        /**
         * One round's order: the forks (and CPython) shuffled by a generator seeded from the run's
         * seed and the round, so every round has its own order and a run can be repeated.
         *
         * @param round the round, from 1
         * @param seed the run's seed
         * @param withCPython whether CPython's seeds take part
         * @return the order
         */
        List<Fork> round(final int round, final long seed, final boolean withCPython) {
            final List<Fork> all = new ArrayList<>(forks);
            if (withCPython) {
                all.add(Fork.CPYTHON);
            }
            return shuffled(all, round, seed);
        }

        /** Some forks in a round's order: shuffled by a generator seeded from the run's seed and the round. */
        static List<Fork> shuffled(final List<Fork> forks, final int round, final long seed) {
            final List<Fork> order = new ArrayList<>(forks);
            java.util.Collections.shuffle(order, new Random(seed * 1_000_003L + round));
            return order;
        }

        /**
         * How many forks a round makes and how long the run should take on an idle machine: each
         * fork's iterations and its fixed cost ({@link RunSettings#forkMillis}), CPython's seeds,
         * times the rounds of every fork; with {@link RunSettings.MoreRounds more rounds}, how long
         * the run may take in all. The rounds are fixed before the run (the more rounds by a rule fixed
         * too): a run that stopped once its intervals looked settled would bias them.
         *
         * @param settings the run's settings
         * @param withCPython whether CPython's seeds take part
         * @return e.g. {@code plan: 9 rounds of 41 forks (9 with the countdown shapes in turn) and CPython, about 24 min idle}
         */
        String describeCost(final RunSettings settings, final boolean withCPython) {
            final long inTurn = forks.stream().filter(f -> InTurn.ranInTurn(f.params())).count();
            final StringBuilder turns = new StringBuilder();
            final Map<String, Long> kinds = new java.util.LinkedHashMap<>();
            forks.stream().filter(Fork::takesTurns).forEach(f -> kinds.merge(f.turns().size() + (f.takesCountdownTurns()
                    ? " " + f.entry().method().replaceAll("s$", "") + " cells" : " bare cells"), 1L, Long::sum));
            kinds.forEach((kind, count) -> turns.append(", ").append(count).append(" with ").append(kind).append(" in turn"));
            final Duration total = estimate(settings, withCPython);
            return String.format(Locale.ROOT, "plan: %d rounds of %d forks (%d with one scheme's countdown shapes in turn%s)%s, "
                            + "about %d min %02d s on an idle machine (estimate from the idle cost per fork)%s",
                    settings.rounds(), forks.size(), inTurn, turns, withCPython ? " and CPython" : "",
                    total.toMinutes(), total.toSecondsPart(), settings.moreRounds().text());
        }

        /**
         * How long the run should take on an idle machine.
         *
         * @param settings the run's settings
         * @param withCPython whether CPython's seeds take part
         * @return the estimate
         */
        Duration estimate(final RunSettings settings, final boolean withCPython) {
            long roundMillis = withCPython ? settings.pythonMillis() : 0;
            for (final Fork fork : forks) {
                roundMillis += fork.takesTurns() ? settings.turnsForkMillis(fork.entry().method(), fork.turns().size())
                        : settings.forkMillis(InTurn.ranInTurn(fork.params()));
            }
            return Duration.ofMillis(roundMillis * settings.rounds());
        }

        /**
         * The forks every round makes, CPython aside (what a run without a {@code python3} makes).
         *
         * @param catalog the benchmarks
         * @param targets the figures that choose the cells of a run without {@code --all} or {@code --only}
         * @param request what was asked for
         * @return the plan
         */
        static Plan make(final Catalog catalog, final List<Target> targets, final Request request) {
            return make(catalog, targets, request, false);
        }

        /**
         * The forks every round makes.
         *
         * @param catalog the benchmarks
         * @param targets the figures that choose the cells of a run without {@code --all} or {@code --only}
         * @param request what was asked for
         * @param withCPython whether CPython takes part (a {@code python3} is on the {@code PATH}): it then
         *                    also takes turns in the countdown cells' and the interpreted forks
         * @return the plan
         */
        static Plan make(final Catalog catalog, final List<Target> targets, final Request request,
                         final boolean withCPython) {
            final List<String> notes = new ArrayList<>();
            final List<Fork> forks = new ArrayList<>();
            final Set<String> skipped = new LinkedHashSet<>();
            final List<String> unsafe = request.schemes().stream().filter(s -> !s.threadSafe()).map(Scheme::name).toList();
            for (final Catalog.Entry e : catalog.entries()) {
                if (!request.only().isEmpty() && !request.only().contains(e.method())) {
                    continue;
                }
                // The countdown benchmarks run their shapes in turn in one fork (InTurn), unless asked not to.
                final Map<String, String> shapes = request.separateShapes() || !InTurn.canRunInTurn(e.params())
                        ? Map.of() : Map.of(InTurn.SHAPE, InTurn.VALUE);
                if (!e.params().containsKey(Measurement.SCHEME)) {
                    expand(e, new TreeMap<>(shapes), null, forks);
                    continue;
                }
                for (final Scheme scheme : request.schemes()) {
                    if (e.threadSafeOnly() && !scheme.threadSafe()) {
                        skipped.add(shortName(e.benchmark()));
                        continue;
                    }
                    final Map<String, String> fixed = new TreeMap<>(shapes);
                    fixed.put(Measurement.SCHEME, scheme.name());
                    expand(e, fixed, scheme, forks);
                }
            }
            if (!skipped.isEmpty()) {
                notes.add(String.join(", ", skipped) + ": not run for " + String.join(", ", unsafe)
                        + " (not thread-safe: threads share objects there, and it would lose their counts)");
            }
            final String control = control(request.schemes());
            final List<Fork> chosen;
            if (request.all() || !request.only().isEmpty()) {
                chosen = forks;
            } else {
                chosen = FigureForks.select(forks, targets, Set.copyOf(request.schemeNames()), control);
                notes.add(String.format(Locale.ROOT, "the cells targets.tsv's figures read: %d of the matrix's %d forks "
                        + "per round (--all runs every one)", chosen.size(), forks.size()));
            }
            final List<Fork> planned = takingTurns(chosen, catalog, request, targets, control, withCPython, notes);
            final Set<String> inTurn = new java.util.TreeSet<>();
            planned.stream().filter(f -> InTurn.ranInTurn(f.params())).forEach(f -> inTurn.add(f.entry().method()));
            if (!inTurn.isEmpty()) {
                notes.add(String.join(", ", inTurn) + ": the shapes run in turn in one fork per scheme (iterations "
                        + String.join(" ", java.util.stream.IntStream.range(0, InTurn.period()).mapToObj(InTurn::shapeOf)
                        .toList()) + " ...), so a ratio of two shapes of one scheme is formed inside one JVM; ratios "
                        + "across schemes stay paired by round (--separate-shapes gives each shape a fork of its own)");
            }
            return new Plan(planned, control, notes);
        }

        /**
         * The forks with the cells that can take turns ({@link CellsInTurn#METHOD_OF}) merged into
         * one fork per in-turn method (the interpreted countdown: one per scheme), at the place of
         * the first, unless {@code --separate-schemes} (or, for the countdowns, {@code --separate-shapes})
         * or fewer than two such cells. A countdown fork with its shapes in turn gives one participant
         * per shape. With CPython, the countdown cells' fork and each scheme's interpreted fork take
         * a CPython participant too ({@link #CPYTHON_IN_TURN}), so a ratio to CPython is formed
         * inside one JVM; without it, the interpreted forks stay one scheme's shapes in turn. The
         * participants take their turns in the order that puts the two sides of each target
         * nearest each other ({@link TurnOrder}).
         */
        private static List<Fork> takingTurns(final List<Fork> forks, final Catalog catalog, final Request request,
                                              final List<Target> targets, final String control,
                                              final boolean withCPython, final List<String> notes) {
            List<Fork> out = List.copyOf(forks);
            if (request.separateSchemes()) {
                return out;
            }
            for (final String method : List.of(CellsInTurn.BARE, CellsInTurn.COUNTDOWNS, CellsInTurn.INTERPRETEDS)) {
                final boolean counting = !method.equals(CellsInTurn.BARE);
                final boolean interpreted = method.equals(CellsInTurn.INTERPRETEDS);
                if (interpreted && !withCPython || catalog.turns(method) == null) {
                    continue;
                }
                final Map<String, List<Fork>> groups = new java.util.LinkedHashMap<>();
                out.stream().filter(f -> !f.takesTurns() && method.equals(CellsInTurn.METHOD_OF.get(f.entry().method()))
                        && (!counting || InTurn.ranInTurn(f.params())))
                        .forEach(f -> groups.computeIfAbsent(interpreted ? f.params().get(Measurement.SCHEME) : "",
                                g -> new ArrayList<>()).add(f));
                int merged = 0;
                for (final List<Fork> cells : groups.values()) {
                    final List<Turns.Participant> cellsOf = new ArrayList<>();
                    for (final Fork f : cells) {
                        for (final Map<String, String> params : InTurn.measured(f.params())) {
                            cellsOf.add(new Turns.Participant(f.entry().benchmark(), params));
                        }
                    }
                    if (cellsOf.size() < 2) {
                        continue;
                    }
                    if (counting && withCPython) {
                        cellsOf.add(CPYTHON_IN_TURN);
                    }
                    final List<Turns.Participant> participants = TurnOrder.of(cellsOf, targets, control);
                    final Fork turns = new Fork(catalog.turns(method), Map.of(Turns.PARAM, Turns.param(participants)),
                            List.copyOf(participants));
                    final List<Fork> next = new ArrayList<>();
                    for (final Fork fork : out) {
                        if (fork == cells.get(0)) {
                            next.add(turns);
                        } else if (!cells.contains(fork)) {
                            next.add(fork);
                        }
                    }
                    out = List.copyOf(next);
                    merged += participants.size();
                }
                if (merged == 0) {
                    continue;
                }
                final String python = counting && withCPython ? " and CPython's (a python3 worker counting in a started "
                        + "thread)" : "";
                notes.add(switch (method) {
                    case CellsInTurn.BARE -> merged + " bare single-thread cells (" + String.join(", ", new java.util.TreeSet<>(
                            groups.values().stream().flatMap(List::stream).map(f -> f.entry().method()).toList())) + ")";
                    case CellsInTurn.COUNTDOWNS -> merged + " countdown cells (every scheme's shapes" + python + ")";
                    default -> "interpreted: each scheme's shapes" + python;
                } + " take turns in one fork a round" + (interpreted ? " per scheme" : "") + ", each in a class loader "
                        + "(or process) of its own, so a ratio across schemes is formed inside one JVM "
                        + "(--separate-schemes gives each a fork of its own)");
            }
            return out;
        }

        /** Adds one fork per combination of the entry's remaining parameter values. */
        private static void expand(final Catalog.Entry e, final Map<String, String> fixed, final Scheme scheme,
                                   final List<Fork> out) {
            final String next = e.params().keySet().stream().filter(k -> !fixed.containsKey(k)).sorted()
                    .findFirst().orElse(null);
            if (next == null) {
                out.add(new Fork(e, Map.copyOf(fixed)));
                return;
            }
            final String option = OPTION_PARAMS.get(next);
            final String[] values = option != null && scheme != null && !scheme.options().containsKey(option)
                    ? new String[] {IoConvoy.NO_INTERVAL} : e.params().get(next);
            for (final String value : values) {
                final Map<String, String> more = new TreeMap<>(fixed);
                more.put(next, value);
                expand(e, more, scheme, out);
            }
        }

        /**
         * The scheme ratios are taken to: the one that is not thread-safe; among several, the
         * core's own control by its published name, else the first by name.
         */
        private static String control(final List<Scheme> schemes) {
            final List<Scheme> unsafe = schemes.stream().filter(s -> !s.threadSafe()).toList();
            return unsafe.stream().filter(s -> s.name().equals(UnsafeScheme.NAME)).findFirst()
                    .or(() -> unsafe.stream().min(Comparator.comparing(Scheme::name)))
                    .map(Scheme::name).orElse(null);
        }
    }

    /** {@code org.rclab.bench.ContainerOps.TwoThreadsShared.containerOps} → {@code TwoThreadsShared.containerOps}. */
    private static String shortName(final String benchmark) {
        final String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
