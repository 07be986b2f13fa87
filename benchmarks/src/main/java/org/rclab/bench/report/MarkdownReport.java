package org.rclab.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Writes a {@link BenchReport} as Markdown: the full report and the summary {@code compare} prints. */
public final class MarkdownReport {
    /**
     * The rows of the CPython table: a label, the schemes' ratio and CPython's (either may be
     * absent, {@code null}). Both sides name benchmarks only, never a scheme.
     */
    private static final List<SideBySide> SIDE_BY_SIDE = List.of(
            new SideBySide("countdown: 2 threads / 1 thread", "countdown{shape=2threads} / countdown{shape=1thread}",
                    "countdown{shape=2threads} / countdown{shape=1thread}"),
            new SideBySide("countdown: 2 runtimes (CPython: 2 processes) / 1 thread",
                    "countdown{shape=2runtimes} / countdown{shape=1thread}",
                    "countdown{shape=2processes} / countdown{shape=1thread}"),
            new SideBySide("countdown: 2 threads / 1 thread counted in the main thread", null,
                    "countdown{shape=2threads} / countdown{shape=1thread-main}"),
            new SideBySide("countdown: 1 thread, main / started", null,
                    "countdown{shape=1thread-main} / countdown{shape=1thread}"),
            new SideBySide("ioConvoy at 5 ms: cpu / none", "ioConvoy{neighbour=cpu,interval=5} / ioConvoy{neighbour=none,interval=5}",
                    "ioConvoy{neighbour=cpu,interval=5} / ioConvoy{neighbour=none,interval=5}"),
            new SideBySide("ioConvoy at 1 ms: cpu / none", "ioConvoy{neighbour=cpu,interval=1} / ioConvoy{neighbour=none,interval=1}",
                    "ioConvoy{neighbour=cpu,interval=1} / ioConvoy{neighbour=none,interval=1}"),
            new SideBySide("ioConvoy, scheme without a switch interval: cpu / none",
                    "ioConvoy{neighbour=cpu,interval=none} / ioConvoy{neighbour=none,interval=none}", null));

    /** What the report says where CPython also took turns inside the forks of the cells divided by it. */
    static final String IN_TURN_PYTHON = "CPython's one-thread countdown also took turns, as a `python3` worker running "
            + "the same script's `countdown` in a started thread (`CPythonWorker.java`), in the fork of every scheme's "
            + "countdown cells and in each scheme's interpreted fork: a ratio to it takes the copy from the fork that "
            + "measured the other side (a target row says in how many rounds), formed inside one time window; its "
            + "score here is the geometric mean of a round's copies.";

    /** The benchmark method of the interpreted countdown (and CPython's figure for it). */
    private static final String INTERPRETED = "interpreted";

    private final BenchReport report;
    private final RunInfo run;

    /**
     * Prepares the writer.
     *
     * @param report the content
     * @param run how the run was made
     */
    public MarkdownReport(final BenchReport report, final RunInfo run) {
        this.report = report;
        this.run = run;
    }

    /**
     * The summary: the run line, the table of every benchmark by scheme, the target figures.
     *
     * @return Markdown text
     */
    public String summary() {
        final StringBuilder out = new StringBuilder();
        out.append("Run: ").append(run.when()).append(", `").append(run.command()).append("`; ")
                .append(run.settings()).append("; ").append(loadLine()).append(".\n\n");
        out.append(summaryTable()).append('\n');
        out.append(targetsTable());
        return out.toString();
    }

    /**
     * The full report, linking the given chart files (names relative to the report).
     *
     * @param charts chart file names and their captions
     * @return Markdown text
     */
    public String full(final List<Chart> charts) {
        final StringBuilder out = new StringBuilder();
        out.append("# Refcount Lab: benchmark results\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| run | ").append(run.when()).append(", `").append(run.command()).append("` |\n");
        out.append("| settings | ").append(run.settings()).append(" |\n");
        out.append("| rounds | ").append(report.rounds()).append(" |\n");
        out.append("| load | ").append(loadLine()).append(" |\n");
        out.append("| CPython | ").append(run.python()).append(" |\n");
        out.append("| control | ").append(report.control().map(c -> "`" + c + "`, the scheme that is not thread-safe")
                .orElse("none in this run: no ratios to a control")).append(" |\n\n");
        out.append("""
                Every ratio is of time per operation, so above 1 means slower. Each ratio is taken \
                within a round (both measurements from the same round of forks) and summarised across \
                rounds as a geometric mean with a 95% confidence interval, written `value [low, high]` \
                (Student's t on the logarithms of the per-round ratios: see `Estimate.java`). A target \
                passes when its whole interval meets the bound, misses when its whole interval fails it, \
                and is inconclusive otherwise. Multi-threaded benchmarks report each thread's time per \
                operation. A fork's time is the median of its measured iterations (`ForkScore.java`; \
                earlier runs, whose settings row does not name it, took JMH's mean): this host takes \
                the CPU away in bursts that slow a few short iterations, and \
                the median leaves them out where the mean keeps them (a bare plain pair, idle: per-fork \
                means 0.83–1.66 ns, medians 0.79–1.20 ns, floor 0.79 ns). Not a lower quantile: for a \
                two-thread or contended benchmark that would pick its lucky periods. Where the notes \
                below say so, some measurements of a round come from one fork that ran them in turn, \
                iteration by iteration in a palindrome, and each is the median of its own iterations: \
                one scheme's shapes of `interpreted` (`InTurn.java`); the bare single-thread cells \
                (`ownedPairBatch`, `physical`, `sectionPair`) of every scheme and floor; and every \
                scheme's `countdown` shapes, each cell in a class loader of its own so that its call \
                sites stay monomorphic (`Turns.java`); a \
                ratio of two such measurements is then formed inside one JVM, where the host's slow \
                states, lasting seconds, fall on both""");
        out.append(report.forks().stream().anyMatch(f -> !f.turnScores().isEmpty())
                ? ", and iteration by iteration: the round's ratio is the median of the ratios of the k-th "
                        + "iteration of one to the k-th of the other, which ran a turn or a few turns apart, so "
                        + "that the two iterations of a pair mostly share the host's state (`BenchReport.Pair`).\n\n"
                : " (this run kept no iterations: the round's ratio is the ratio of the two medians).\n\n");
        if (run.looks() > 1) {
            out.append(String.format(Locale.ROOT, "This run looked at its targets %s: after its first rounds, to "
                    + "give the rounds left in its time to the forks of the targets still inconclusive (the notes "
                    + "say which, and how many rounds), and at the end. So that the chance of a wrong pass or miss "
                    + "over all its looks stays within what one look at %s allows, each look splits it evenly "
                    + "(Bonferroni): the targets' intervals are %s intervals. The other tables' are %s.%s A fork of "
                    + "cells in turn keeps only the open targets' cells in the more rounds; a target whose ratio then "
                    + "differs from its whole forks' (Welch, 95%%) gets no verdict, since its rounds measured two "
                    + "conditions; its row gives both.%n%n",
                    run.looks() == 2 ? "twice" : run.looks() + " times", Reports.percent(Estimate.CONFIDENCE),
                    Reports.percent(report.targetConfidence()),
                    Reports.percent(Estimate.CONFIDENCE),
                    run.firstLook() > 0 ? String.format(Locale.ROOT, " A target the first look settled (after round "
                            + "%d) keeps that verdict and its interval, as a sequential test stops asking once it "
                            + "has its answer; where its cells ran on beside open targets', its row shows all "
                            + "its rounds too, not judged.", run.firstLook()) : ""));
        }
        for (final String note : run.notes()) {
            out.append("- ").append(note).append('\n');
        }
        if (!run.notes().isEmpty()) {
            out.append('\n');
        }
        out.append("## Summary\n\n").append(summaryTable()).append('\n');
        out.append("## Target figures\n\n").append(targetsTable()).append('\n');
        out.append("## CPython side by side\n\n").append(cpythonTable()).append('\n');
        out.append("## The interpreted countdown: time per step\n\n").append(interpretedTable()).append('\n');
        out.append("## The physical floor\n\n").append(floorSection()).append('\n');
        for (final BenchReport.Relative table : report.relativeTables()) {
            out.append("## ").append(table.group().label()).append(": ").append(table.parameter())
                    .append(" against ").append(table.parameter()).append('=').append(table.baseline()).append("\n\n");
            out.append(relativeTable(table)).append('\n');
        }
        out.append("## Scheme metrics per benchmark\n\n").append(metricsSection()).append('\n');
        out.append("## Each benchmark\n\n");
        for (final Variant v : report.variants()) {
            out.append("### ").append(v.label()).append("\n\n").append(variantTable(v)).append('\n');
        }
        out.append("## Load around each fork\n\n").append(loadSection()).append('\n');
        out.append("## Reproducibility\n\n| | |\n|---|---|\n");
        run.reproducibility().forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        out.append("| settings | ").append(run.settings()).append(" |\n");
        out.append("| command | `").append(run.command()).append("` |\n\n");
        if (!charts.isEmpty()) {
            out.append("## Charts\n\n");
            for (final Chart chart : charts) {
                out.append("![").append(chart.caption()).append("](").append(chart.fileName()).append(")\n\n");
            }
        }
        out.append(SHAPES);
        return out.toString();
    }

    private static final String SHAPES = """
            ## What the shapes mean

            - `physical` is no scheme: the machine's floor for a count change, shaped like
              `ownedPairBatch` (16 header-like objects raised, then lowered; per pair): `plain`,
              `atomic` adds, a `cas-lock` taken and released around each change, an `owner-check`
              before a plain change.
            - `ownedPair` is one incref, the object handed to a `Blackhole` in a call the JIT may not
              inline, one decref: the count's change next to other work (CPython's
              `Py_INCREF(x); f(x); Py_DECREF(x)`), where a biased scheme's owner check nearly vanishes.
              `ownedPairBatch` increfs 16 objects then decrefs them, per pair: the bare path, where
              every extra load and branch shows; it carries the count-cost targets.
            - `foreignPair` is the same pair on an object another live thread made (a biased scheme's
              non-owner path, uncontended); `sharedPair` is two threads on one object made by a third
              (contended), each operation followed by a checkpoint.
            - `containerOps` is one `append` + `pop` + release + checkpoint on a list; `list=shared` has
              two threads on one list, which only thread-safe schemes run.
            - `countdown` is the seeds' loop on runtime ints (allocate, release, checkpoint per step):
              `2threads` / `1thread` near 1 means the threads were serialised, near 0.5 that they ran
              in parallel on the two cores; `2runtimes` stands in for two processes. Nanoseconds per step.
            - `interpreted` is the same countdown as a Python program (`examples/countdown_pool.py`)
              run by the lab's interpreter, with CPython's reference traffic and eval breaker, per
              step, in the same shapes (`2runtimes`: two pool workers).
            - `ioConvoy` is the latency of a 1 ms blocking call made with the runtime released, alone
              and next to a CPU-bound thread; the ratio is the convoy's slowdown per call. Schemes
              without a `switch-interval-ms` option run it once, as `interval=none`.
            """;

    private String loadLine() {
        final List<ForkResult> forks = report.forks();
        if (forks.isEmpty()) {
            return "no forks ran";
        }
        final double[] loads = forks.stream().flatMapToDouble(f -> java.util.stream.DoubleStream.of(f.loadBefore(),
                f.loadAfter())).sorted().toArray();
        final long flagged = report.forksUnderLoad(run.cpus());
        final long distinct = forks.stream().map(f -> f.round() + "/" + f.position()).distinct().count();
        final long distinctFlagged = forks.stream().filter(f -> f.underLoad(run.cpus()))
                .map(f -> f.round() + "/" + f.position()).distinct().count();
        return String.format(Locale.ROOT, "load average around the forks %.2f to %.2f (median %.2f) on %d CPUs; "
                        + "%d of %d forks ran under a load above %d%s", loads[0], loads[loads.length - 1],
                loads[loads.length / 2], run.cpus(), distinctFlagged, distinct, run.cpus(),
                flagged > 0 ? " (flagged in the per-benchmark tables with `*`)" : "");
    }

    private String summaryTable() {
        final List<String> schemes = report.schemes();
        final StringBuilder out = new StringBuilder();
        out.append("| benchmark | unit |");
        schemes.forEach(s -> out.append(' ').append(s).append(" |"));
        out.append("\n|---|---|");
        schemes.forEach(s -> out.append("---|"));
        out.append('\n');
        for (final Variant v : report.variants()) {
            out.append("| ").append(v.label()).append(" | ").append(v.unit()).append(" |");
            for (final String scheme : schemes) {
                out.append(' ').append(scoreWithRatio(v, scheme)).append(" |");
            }
            out.append('\n');
        }
        report.control().ifPresent(c -> out.append("\n(Geometric mean over the rounds; ×: time relative to `").append(c)
                .append("` in the same row, within each round, with its 95% interval.)\n"));
        return out.toString();
    }

    private String scoreWithRatio(final Variant v, final String scheme) {
        final Estimate score = report.score(v, scheme);
        if (score.rounds() == 0) {
            return "not run";
        }
        final String text = Reports.number(score.value());
        if (report.control().isEmpty() || report.control().get().equals(scheme)) {
            return text;
        }
        final Estimate ratio = report.ratioToControl(v, scheme);
        return ratio.rounds() == 0 ? text : text + " (" + Reports.estimate(ratio) + "×)";
    }

    private String targetsTable() {
        final List<TargetCheck> checks = report.targetChecks().stream().filter(c -> report.covers(c.target())).toList();
        final long elsewhere = report.targetChecks().size() - checks.size();
        final StringBuilder out = new StringBuilder();
        if (checks.isEmpty()) {
            out.append("No target figure concerns the schemes of this run.\n");
        } else {
            out.append("| scheme | ratio of times | measured [").append(Reports.percent(report.targetConfidence()))
                    .append(" interval] | rounds | target | verdict | reference |\n");
            out.append("|---|---|---|---|---|---|---|\n");
        }
        final Map<TargetCheck.Verdict, Long> counts = checks.stream()
                .collect(Collectors.groupingBy(TargetCheck::verdict, Collectors.counting()));
        for (final TargetCheck c : checks) {
            final Target t = c.target();
            final String reference = c.detail().isEmpty() ? t.reference() : t.reference() + " (" + c.detail() + ")";
            out.append("| ").append(t.scheme()).append(" | `").append(t.ratioText()).append("` | ")
                    .append(Reports.estimate(c.estimate(), t.bounds())).append(" | ").append(c.estimate().rounds())
                    .append(" | ").append(t.boundText()).append(" | ").append(c.verdictText()).append(" | ").append(reference)
                    .append(" |\n");
        }
        if (!checks.isEmpty()) {
            out.append('\n').append(counts.getOrDefault(TargetCheck.Verdict.PASS, 0L)).append(" pass, ")
                    .append(counts.getOrDefault(TargetCheck.Verdict.MISS, 0L)).append(" miss, ")
                    .append(counts.getOrDefault(TargetCheck.Verdict.INCONCLUSIVE, 0L)).append(" inconclusive, ")
                    .append(counts.getOrDefault(TargetCheck.Verdict.NOT_RUN, 0L)).append(" not run, ")
                    .append(counts.getOrDefault(TargetCheck.Verdict.INFO, 0L)).append(" for reference.");
        }
        if (elsewhere > 0) {
            out.append(checks.isEmpty() ? "" : " ").append(elsewhere)
                    .append(" more figure(s) concern schemes or benchmarks that did not run.");
        }
        return out.append('\n').toString();
    }

    private String cpythonTable() {
        final List<String> schemes = report.schemes();
        final StringBuilder out = new StringBuilder();
        out.append("| ratio of times |");
        schemes.forEach(s -> out.append(' ').append(s).append(" |"));
        out.append(" CPython |\n|---|");
        schemes.forEach(s -> out.append("---|"));
        out.append("---|\n");
        final boolean cpython = report.hasCPython();
        for (final SideBySide row : SIDE_BY_SIDE) {
            final StringBuilder line = new StringBuilder("| " + row.label() + " |");
            boolean any = false;
            for (final String scheme : schemes) {
                final Estimate e = row.schemes() == null ? Estimate.NONE : ratio(row.schemes(), scheme);
                any |= e.rounds() > 0;
                line.append(' ').append(Reports.estimate(e)).append(" |");
            }
            final String python;
            if (row.cpython() == null) {
                python = "—";
            } else if (!cpython) {
                python = run.python().startsWith("not run") ? run.python() : "not run";
            } else {
                final Estimate e = ratio(row.cpython(), BenchReport.CPYTHON);
                any |= e.rounds() > 0;
                python = Reports.estimate(e);
            }
            if (any || row.cpython() != null) {
                out.append(line).append(' ').append(python).append(" |\n");
            }
        }
        out.append("\nCPython: ").append(run.python()).append(". Its one-thread baseline is a started thread; the "
                + "main-thread rows show how much that choice matters. Its figures come from "
                + "`org/rclab/bench/cpython/seeds.py`, run once per round in the same shuffled order as the forks."
                + (report.hasCPythonInTurn() ? " " + IN_TURN_PYTHON : "") + "\n");
        return out.toString();
    }

    /**
     * The seeds' countdown interpreted, in nanoseconds per loop step, per scheme and shape, with
     * CPython's for the same function in the same rounds, and the two ratios that say where the
     * interpreter stands: to the Java loop doing the same work per step, and to CPython.
     */
    private String interpretedTable() {
        final List<String> shapes = report.variants().stream().filter(v -> v.method().equals(INTERPRETED))
                .map(v -> v.params().get("shape")).filter(java.util.Objects::nonNull).distinct().toList();
        if (shapes.isEmpty()) {
            return "The `interpreted` benchmark did not run.\n";
        }
        final List<String> schemes = report.schemes();
        final StringBuilder out = new StringBuilder("| ns per step [95% interval] |");
        schemes.forEach(s -> out.append(' ').append(s).append(" |"));
        out.append(" CPython |\n|---|");
        schemes.forEach(s -> out.append("---|"));
        out.append("---|\n");
        final String noPython = report.hasCPython() ? "—" : "not run";
        for (final String shape : shapes) {
            final Target.Cell interpreted = new Target.Cell(INTERPRETED, Map.of("shape", shape));
            out.append(scoreRow("interpreted, " + shape, interpreted, schemes,
                    Reports.estimate(report.score(interpreted, BenchReport.CPYTHON)).replace("—", noPython)));
        }
        for (final String shape : shapes) {
            out.append(scoreRow("Java loop (`countdown`), " + shape, new Target.Cell("countdown", Map.of("shape", shape)),
                    schemes, "—"));
        }
        final Target.Cell one = new Target.Cell(INTERPRETED, Map.of("shape", "1thread"));
        final StringBuilder toJava = new StringBuilder("| interpreted / Java loop, 1thread |");
        final StringBuilder toPython = new StringBuilder("| interpreted / CPython, 1thread |");
        for (final String scheme : schemes) {
            toJava.append(' ').append(Reports.estimate(report.ratio(one, scheme,
                    new Target.Cell("countdown", Map.of("shape", "1thread")), scheme))).append(" |");
            toPython.append(' ').append(Reports.estimate(report.ratio(one, scheme, one, BenchReport.CPYTHON)))
                    .append(" |");
        }
        out.append(toJava).append(" — |\n").append(toPython).append(" — |\n");
        final StringBuilder cpuRows = new StringBuilder();
        for (final String shape : shapes) {
            cpuRows.append(cpuShareRow("CPU held in its turns: interpreted, " + shape,
                    new Target.Cell(INTERPRETED, Map.of("shape", shape)), schemes, true));
        }
        for (final String shape : shapes) {
            cpuRows.append(cpuShareRow("CPU held in its turns: Java loop, " + shape,
                    new Target.Cell("countdown", Map.of("shape", shape)), schemes, false));
        }
        out.append(cpuRows);
        final String cpuNote = cpuRows.length() == 0 ? "" : " The rows \"CPU held in its turns\" give, for cells that "
                + "took turns, the share of each turn's wall-clock time its counting threads spent on a CPU (their CPU "
                + "time per thread over the turn; CPython's from its worker's `time.thread_time_ns`): the median fork, "
                + "and in brackets the lowest single iteration. A thread off a CPU waited for a lock (under a GIL two "
                + "threads hold it about half the time by design) or for the CPU while another thread or process ran; "
                + "a ratio between two cells is only as fair as their shares are alike.";
        out.append("\nThe `interpreted` benchmark runs `examples/countdown_pool.py`'s `countdown` in the lab's "
                + "interpreter (each runtime loads the program as a pool worker does); `countdown` is the same loop "
                + "written in Java on the same runtime ints. CPython's figure is its seeds script's countdown time "
                + "over its steps, for the same function, in the same rounds; its `2runtimes` is its `Pool(2)`. "
                + "Ratios are taken within each round." + (report.hasCPythonInTurn() ? " " + IN_TURN_PYTHON : "")
                + cpuNote + "\n");
        return out.toString();
    }

    private String scoreRow(final String label, final Target.Cell cell, final List<String> schemes, final String python) {
        final StringBuilder line = new StringBuilder("| " + label + " |");
        for (final String scheme : schemes) {
            final Estimate e = report.score(cell, scheme);
            line.append(' ').append(e.rounds() == 0 ? "not run" : Reports.estimate(e)).append(" |");
        }
        return line.append(' ').append(python).append(" |\n").toString();
    }

    private Estimate ratio(final String text, final String scheme) {
        final String[] parts = text.split("/");
        try {
            return report.ratio(Target.Cell.parse(parts[0]), scheme, Target.Cell.parse(parts[1]), scheme);
        } catch (final IllegalArgumentException e) {
            return Estimate.NONE;
        }
    }

    private String floorSection() {
        if (report.floors().isEmpty()) {
            return "The `physical` benchmark did not run.\n";
        }
        final StringBuilder out = new StringBuilder("| floor | ns per pair [95% interval] | × plain |\n|---|---|---|\n");
        final Variant plain = report.floors().stream().filter(v -> "plain".equals(v.params().get("kind"))).findFirst()
                .orElse(null);
        for (final Variant v : report.floors()) {
            final Estimate ratio = plain == null ? Estimate.NONE : report.pairedRatio(
                    m -> m.scheme().isEmpty() && m.variant().equals(v), m -> m.scheme().isEmpty() && m.variant().equals(plain));
            out.append("| ").append(v.label()).append(" | ").append(Reports.estimate(report.score(v, ""))).append(" | ")
                    .append(Reports.estimate(ratio)).append(" |\n");
        }
        final List<TargetCheck> inFloors = report.targetChecks().stream()
                .filter(c -> c.target().denominator().method().equals("physical") && report.covers(c.target())).toList();
        if (!inFloors.isEmpty()) {
            out.append("\nEach scheme's cost in units of its floor (from `targets.tsv`; 1 would be the hardware's "
                    + "limit for that path, on this machine, in this run):\n\n| scheme | ratio of times | in floor units "
                    + "[95% interval] | rounds |\n|---|---|---|---|\n");
            for (final TargetCheck c : inFloors) {
                out.append("| ").append(c.target().scheme()).append(" | `").append(c.target().ratioText()).append("` | ")
                        .append(Reports.estimate(c.estimate())).append(" | ").append(c.estimate().rounds()).append(" |\n");
            }
        }
        return out.toString();
    }

    private String relativeTable(final BenchReport.Relative table) {
        final List<String> others = new ArrayList<>(table.values());
        others.remove(table.baseline());
        final StringBuilder out = new StringBuilder("| scheme |");
        final String unit = table.group().unit();
        table.values().forEach(v -> out.append(' ').append(v).append(" (").append(unit).append(") |"));
        others.forEach(v -> out.append(' ').append(v).append(" / ").append(table.baseline()).append(" |"));
        out.append("\n|---|");
        table.values().forEach(v -> out.append("---|"));
        others.forEach(v -> out.append("---|"));
        out.append('\n');
        for (final String scheme : table.schemes()) {
            out.append("| ").append(scheme).append(" |");
            for (final String value : table.values()) {
                final Estimate e = table.score(scheme, value);
                out.append(' ').append(e.rounds() == 0 ? "not run" : Reports.estimate(e)).append(" |");
            }
            for (final String value : others) {
                out.append(' ').append(Reports.estimate(table.ratio(scheme, value))).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * A row of how much of their turns a cell's counting threads held a CPU, per scheme and for
     * CPython: the median fork's share (the lowest iteration's), or {@code null} if no fork of the
     * cell recorded it.
     */
    private String cpuShareRow(final String label, final Target.Cell cell, final List<String> schemes,
                               final boolean withPython) {
        final StringBuilder line = new StringBuilder("| " + label + " |");
        boolean any = false;
        for (final String scheme : schemes) {
            final String share = cpuShare(cell, scheme);
            any |= share != null;
            line.append(' ').append(share == null ? "—" : share).append(" |");
        }
        final String python = withPython ? cpuShare(cell, BenchReport.CPYTHON) : null;
        any |= python != null;
        return any ? line.append(' ').append(python == null ? "—" : python).append(" |\n").toString() : "";
    }

    private String cpuShare(final Target.Cell cell, final String scheme) {
        final double[] forks = report.metricByFork(cell, scheme, Turns.CPU_SHARE);
        if (forks.length == 0) {
            return null;
        }
        final double[] lowest = report.metricByFork(cell, scheme, Turns.CPU_SHARE_LOWEST);
        return String.format(java.util.Locale.ROOT, "%.1f%% (%.0f%%)", 100 * forks[forks.length / 2], 100 * lowest[0]);
    }

    private String metricsSection() {
        final StringBuilder out = new StringBuilder();
        boolean any = false;
        for (final Variant v : report.variants()) {
            final StringBuilder rows = new StringBuilder();
            for (final String scheme : report.schemes()) {
                report.metrics(v, scheme).forEach((name, values) -> {
                    if (values.stream().allMatch(x -> x == 0)) {
                        return;
                    }
                    final double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    rows.append("| ").append(scheme).append(" | `").append(name).append("` | ")
                            .append(metric(sorted[sorted.length / 2])).append(" | ").append(metric(sorted[0]))
                            .append(" – ").append(metric(sorted[sorted.length - 1])).append(" |\n");
                });
            }
            if (rows.length() > 0) {
                any = true;
                out.append("### ").append(v.label()).append("\n\n| scheme | metric | per operation, median of rounds "
                        + "| lowest – highest round |\n|---|---|---|---|\n").append(rows).append('\n');
            }
        }
        if (!any) {
            return "No scheme metric moved in this run's benchmarks.\n";
        }
        return "The runtime's metrics (`Metrics`) as each scheme registered them: counters as their increase per "
                + "measured operation, maxima as their value at the end of an iteration. Metrics that stayed 0 in "
                + "every round are left out.\n\n" + out;
    }

    private static String metric(final double value) {
        if (value == 0) {
            return "0";
        }
        return Math.abs(value) >= 0.01 ? Reports.number(value) : String.format(Locale.ROOT, "%.2e", value);
    }

    private String variantTable(final Variant v) {
        final String control = report.control().orElse("the control");
        final StringBuilder out = new StringBuilder();
        out.append("| scheme | ").append(v.unit()).append(" [95% interval] | per fork, by round | ratio to ")
                .append(control).append(" |\n|---|---|---|---|\n");
        for (final String scheme : report.schemes()) {
            final List<ForkResult> forks = report.forksOf(v, scheme);
            if (forks.isEmpty()) {
                continue;
            }
            final String perFork = forks.stream().sorted(Comparator.comparingInt(ForkResult::round))
                    .map(f -> Reports.number(f.measurement().score()) + (f.underLoad(run.cpus()) ? "*" : ""))
                    .collect(Collectors.joining(", "));
            out.append("| ").append(scheme).append(" | ").append(Reports.estimate(report.score(v, scheme))).append(" | ")
                    .append(perFork).append(" | ").append(Reports.estimate(report.ratioToControl(v, scheme)))
                    .append(" |\n");
        }
        return out.toString();
    }

    private String loadSection() {
        final Predicate<ForkResult> flagged = f -> f.underLoad(run.cpus());
        final List<String> under = report.forks().stream().filter(flagged)
                .map(f -> String.format(Locale.ROOT, "round %d #%d %s %s (%.2f → %.2f)", f.round(), f.position(),
                        f.measurement().scheme(), f.measurement().variant().label(), f.loadBefore(), f.loadAfter()))
                .distinct().toList();
        final StringBuilder out = new StringBuilder();
        out.append("The one-minute load average was read before and after every fork. ").append(loadLine()).append(".\n");
        if (!under.isEmpty()) {
            out.append("\nForks under a load above the CPU count (").append(run.cpus()).append("):\n\n");
            under.forEach(u -> out.append("- ").append(u).append('\n'));
        }
        return out.toString();
    }

    /** One row of the CPython table: a label and the two ratio texts ({@code null}: none). */
    private record SideBySide(String label, String schemes, String cpython) {
    }

    /**
     * A chart written next to the report.
     *
     * @param fileName the PNG's file name
     * @param caption what it shows
     */
    public record Chart(String fileName, String caption) {
    }
}
