package org.rclab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.profile.ProfilerFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;
import org.rclab.bench.report.BenchReport;
import org.rclab.bench.report.Charts;
import org.rclab.bench.report.MarkdownReport;
import org.rclab.bench.report.Measurement;
import org.rclab.bench.report.RunInfo;
import org.rclab.bench.report.Target;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;
import org.rclab.unsafe.UnsafeScheme;

/**
 * The Java entry of {@code ./rclab bench}: runs the JMH benchmarks over the discovered schemes,
 * keeps JMH's JSON, and writes the Markdown report, the summary {@code ./rclab compare} prints,
 * and the charts.
 *
 * <pre>
 * ./rclab bench [--quick | --smoke] [--scheme NAME]... [--only BENCHMARK]... [--prof PROFILER]...
 * </pre>
 *
 * <p>Schemes come from {@link Schemes#discover()}; benchmarks from JMH's own benchmark list. A
 * benchmark marked {@link ThreadSafeSchemesOnly} runs only with schemes that declare themselves
 * thread-safe. Exit status: 0 when every planned run produced a result, 1 when a run failed or
 * nothing could be written, 2 for a usage error.
 */
public final class BenchCommand {
    /** Everything went as planned. */
    static final int OK = 0;
    /** A benchmark failed or the results could not be written. */
    static final int FAILURE = 1;
    /** The command line was wrong. */
    static final int USAGE = 2;

    /** A load average before the run above which other work was already using the CPUs. */
    static final double BUSY_BEFORE = 1.0;

    /**
     * A load average after the run above which other work ran alongside: the run alone keeps at
     * most about two threads busy (plus the JIT and GC), so more means someone else's processes.
     */
    static final double BUSY_AFTER = 3.0;

    /** The benchmark a smoke run measures unless {@code --only} says otherwise. */
    static final String SMOKE_BENCHMARK = "ownedPair";

    private static final String USAGE_TEXT = """
            usage: ./rclab bench [--quick | --smoke] [--scheme NAME]... [--only BENCHMARK]... [--prof PROFILER]...

              --quick           short iterations: every benchmark and scheme in about five minutes
              --smoke           one short iteration of %s per scheme, written to results/bench-smoke/
                                (for CI: proves the harness, forked JVMs and the report still work)
              --scheme NAME     run only this scheme (repeatable; default: every discovered scheme)
              --only BENCHMARK  run only this benchmark method (repeatable): %s
              --prof PROFILER   add a JMH profiler, e.g. gc or stack (repeatable)

            Writes results/bench/jmh.json, report.md, summary.md, charts (PNG) and jmh.log.
            """;

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
            out.print(USAGE_TEXT.formatted(SMOKE_BENCHMARK, String.join(", ", catalog.methods())));
            return OK;
        }
        if (discovered.isEmpty()) {
            err.println("rclab bench: no scheme found on the class path");
            return FAILURE;
        }
        final Plan plan = Plan.make(catalog, request);
        if (plan.runs() == 0) {
            err.println("rclab bench: nothing to run: " + String.join("; ", plan.notes()));
            return USAGE;
        }
        final Path dir = resultsRoot.resolve(request.settings() == RunSettings.SMOKE ? "bench-smoke" : "bench");
        try {
            return execute(request, plan, dir, out, err);
        } catch (final IOException e) {
            err.println("rclab bench: cannot write the results in " + dir + ": " + e.getMessage());
            return FAILURE;
        }
    }

    private static int execute(final Request request, final Plan plan, final Path dir, final PrintStream out,
                               final PrintStream err) throws IOException {
        Files.createDirectories(dir);
        final String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        final double loadBefore = loadAverage();
        final Path log = dir.resolve("jmh.log");
        out.printf(Locale.ROOT, "rclab bench: %d runs over %s (%s); JMH's full output: %s%n", plan.runs(),
                String.join(", ", request.schemeNames()), request.settings().describe(), log);
        plan.notes().forEach(n -> out.println("rclab bench: " + n));
        final List<String> parts = new ArrayList<>();
        final int failed;
        try (PrintStream logStream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            final ProgressFormat progress = new ProgressFormat(out,
                    OutputFormatFactory.createFormatInstance(logStream, VerboseMode.NORMAL), plan.runs());
            for (final Plan.Group group : plan.groups()) {
                final Path json = dir.resolve("jmh-part-" + parts.size() + ".json");
                try {
                    parts.add(runJmh(request, group, json, progress));
                } catch (final RunnerException | RuntimeException e) {
                    err.println("rclab bench: JMH failed: " + e.getMessage() + " (see " + log + ")");
                    return FAILURE;
                }
            }
            failed = progress.failed();
        }
        final String merged = mergeJsonArrays(parts);
        final Path jmhJson = dir.resolve("jmh.json");
        Files.writeString(jmhJson, merged);
        Files.copy(jmhJson, dir.resolve("jmh-" + when.replace(" UTC", "").replace(" ", "-").replace(":", "") + ".json"),
                StandardCopyOption.REPLACE_EXISTING);
        final List<Measurement> measurements = Measurement.fromJmhJson(merged);
        final int missing = plan.runs() - measurements.size();
        final List<MarkdownReport.Chart> charts = writeReport(request, plan, dir, when, loadBefore, measurements, out);
        if (missing > 0 || failed > 0) {
            err.println("rclab bench: " + Math.max(missing, failed) + " run(s) failed; see " + log);
            return FAILURE;
        }
        if (request.settings() == RunSettings.SMOKE) {
            return checkSmoke(plan, measurements, dir, charts, out, err);
        }
        return OK;
    }

    /** Runs one group's benchmarks in JMH and returns JMH's JSON for them. */
    private static String runJmh(final Request request, final Plan.Group group, final Path json,
                                 final ProgressFormat progress) throws RunnerException, IOException {
        Files.deleteIfExists(json);
        final ChainedOptionsBuilder options = new OptionsBuilder()
                .param(Measurement.SCHEME, group.schemes().toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON).result(json.toString())
                .shouldFailOnError(false);
        group.benchmarks().forEach(b -> options.include(b.includePattern()));
        request.profilers().forEach(p -> options.addProfiler(p.getKlass(), p.getOpts()));
        request.settings().apply(options);
        new Runner(options.build(), progress).run();
        if (!Files.exists(json)) {
            return "[]";
        }
        final String text = Files.readString(json);
        Files.delete(json);
        return text;
    }

    /** Writes report.md, summary.md and the charts, prints the summary, returns the charts. */
    private static List<MarkdownReport.Chart> writeReport(final Request request, final Plan plan, final Path dir,
                                                          final String when, final double loadBefore,
                                                          final List<Measurement> measurements, final PrintStream out)
            throws IOException {
        final List<String> notes = new ArrayList<>(plan.notes());
        final double loadAfter = loadAverage();
        if (loadBefore > BUSY_BEFORE || loadAfter > BUSY_AFTER) {
            notes.add(String.format(Locale.ROOT, "The machine was busy with other work (load average %.1f at the start, "
                    + "%.1f at the end, on %d CPUs): every figure, and the 2-thread ones most, may be distorted.",
                    loadBefore, loadAfter, Runtime.getRuntime().availableProcessors()));
        }
        if (request.settings() == RunSettings.QUICK) {
            notes.add("Quick settings run one JVM fork per benchmark: the nanosecond figures can move between runs by "
                    + "more than their error bars (the JIT compiles each fork its own way; the control's ownedPair "
                    + "measured 3.3 to 6.1 ns across quick runs on this machine kind). The default `./rclab bench` "
                    + "runs two forks with longer iterations.");
        }
        final int missing = plan.runs() - measurements.size();
        if (missing > 0) {
            notes.add(missing + " of " + plan.runs() + " planned runs produced no result (failed; see jmh.log)");
        }
        final RunInfo run = new RunInfo(when, request.commandLine(), "JMH " + Version.getPlainVersion() + ", "
                + request.settings().describe(), machine(),
                String.format(Locale.ROOT, "%.1f at the start, %.1f at the end", loadBefore, loadAfter), notes);
        final BenchReport report = new BenchReport(measurements, plan.control(), Target.project());
        final MarkdownReport markdown = new MarkdownReport(report, run);
        final List<MarkdownReport.Chart> charts = Charts.write(report, dir);
        Files.writeString(dir.resolve("report.md"), markdown.full(charts));
        Files.writeString(dir.resolve("summary.md"), markdown.summary());
        out.println();
        out.print(markdown.summary());
        out.println();
        out.println("rclab bench: wrote " + dir.resolve("report.md") + ", summary.md, jmh.json and "
                + charts.size() + " chart" + (charts.size() == 1 ? "" : "s"));
        return charts;
    }

    /** A smoke run passes when every planned run gave a finite score and every file exists. */
    private static int checkSmoke(final Plan plan, final List<Measurement> measurements, final Path dir,
                                  final List<MarkdownReport.Chart> charts, final PrintStream out, final PrintStream err) {
        final List<String> problems = new ArrayList<>();
        for (final Measurement m : measurements) {
            if (!Double.isFinite(m.score()) || m.score() <= 0) {
                problems.add(m.method() + " under " + m.scheme() + " scored " + m.score());
            }
        }
        for (final String file : List.of("jmh.json", "report.md", "summary.md")) {
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
        out.println("rclab bench: smoke ok: " + measurements.size() + " of " + plan.runs() + " runs scored");
        return OK;
    }

    /**
     * Joins JMH JSON result files (each an array) into one array, text unchanged.
     *
     * @param parts the files' texts
     * @return one JSON array
     */
    static String mergeJsonArrays(final List<String> parts) {
        final StringJoiner out = new StringJoiner(",\n", "[\n", "\n]\n").setEmptyValue("[\n]\n");
        for (final String part : parts) {
            final String trimmed = part.strip();
            if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
                throw new IllegalArgumentException("a JMH result file is not a JSON array");
            }
            final String inner = trimmed.substring(1, trimmed.length() - 1).strip();
            if (!inner.isEmpty()) {
                out.add(inner);
            }
        }
        return out.toString();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch");
    }

    /**
     * What the user asked for.
     *
     * @param help whether to print the usage and stop
     * @param settings how long to measure
     * @param schemes the selected schemes, in discovery order
     * @param only the selected benchmark methods; empty for all
     * @param profilers JMH profilers to add
     * @param commandLine the command as typed, for the report
     */
    record Request(boolean help, RunSettings settings, List<Scheme> schemes, Set<String> only,
                   List<ProfilerConfig> profilers, String commandLine) {
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
            final Set<String> schemeNames = new LinkedHashSet<>();
            final Set<String> only = new LinkedHashSet<>();
            final List<ProfilerConfig> profilers = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                final String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        return new Request(true, RunSettings.FULL, List.of(), Set.of(), List.of(), "");
                    }
                    case "--quick" -> quick = true;
                    case "--smoke" -> smoke = true;
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
            return new Request(false, settings, List.copyOf(schemes), Set.copyOf(only), List.copyOf(profilers),
                    ("./rclab bench " + String.join(" ", args)).strip());
        }
    }

    /**
     * The JMH runs a request makes: benchmarks open to every scheme run with all selected
     * schemes; benchmarks marked {@link ThreadSafeSchemesOnly} with the thread-safe ones.
     *
     * @param groups the JMH runs
     * @param runs how many benchmark × parameter runs in all
     * @param control the control scheme among the selected ones, or {@code null}
     * @param notes what was left out and why
     */
    record Plan(List<Group> groups, int runs, String control, List<String> notes) {
        /**
         * One JMH run.
         *
         * @param benchmarks the benchmarks
         * @param schemes the scheme names
         */
        record Group(List<Catalog.Entry> benchmarks, List<String> schemes) {
        }

        static Plan make(final Catalog catalog, final Request request) {
            final List<String> all = request.schemeNames();
            final List<String> safe = request.schemes().stream().filter(Scheme::threadSafe).map(Scheme::name).toList();
            final List<Catalog.Entry> open = new ArrayList<>();
            final List<Catalog.Entry> guarded = new ArrayList<>();
            for (final Catalog.Entry e : catalog.entries()) {
                if (request.only().isEmpty() || request.only().contains(e.method())) {
                    (e.threadSafeOnly() ? guarded : open).add(e);
                }
            }
            final List<Group> groups = new ArrayList<>();
            final List<String> notes = new ArrayList<>();
            int runs = 0;
            if (!open.isEmpty()) {
                groups.add(new Group(open, all));
                runs += open.stream().mapToInt(e -> e.runs(all.size())).sum();
            }
            if (!guarded.isEmpty()) {
                final List<String> unsafe = request.schemes().stream().filter(s -> !s.threadSafe()).map(Scheme::name).toList();
                if (!unsafe.isEmpty()) {
                    notes.add(String.join(", ", new LinkedHashSet<>(guarded.stream().map(Catalog.Entry::benchmark)
                            .map(BenchCommand::shortName).toList())) + ": not run for " + String.join(", ", unsafe)
                            + " (not thread-safe: threads share objects there, and it would lose their counts)");
                }
                if (!safe.isEmpty()) {
                    groups.add(new Group(guarded, safe));
                    runs += guarded.stream().mapToInt(e -> e.runs(safe.size())).sum();
                }
            }
            return new Plan(groups, runs, control(request.schemes()), notes);
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
