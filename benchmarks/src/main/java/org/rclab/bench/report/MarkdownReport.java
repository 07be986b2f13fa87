package org.rclab.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/** Writes a {@link BenchReport} as Markdown: the full report and the summary {@code compare} prints. */
public final class MarkdownReport {
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
                .append(run.settings()).append("; ").append(run.machine()).append("; load average ")
                .append(run.load()).append(".\n\n");
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
        out.append("| machine | ").append(run.machine()).append(" |\n");
        out.append("| load average | ").append(run.load()).append(" |\n");
        out.append("| control | ").append(report.control().map(c -> "`" + c + "`, the scheme that is not thread-safe")
                .orElse("none in this run: no ratios to a control")).append(" |\n\n");
        out.append("Every ratio is of time per operation, so above 1 means slower. Compare ratios taken in this "
                + "run, not absolute times across runs: these machines are shared and noisy. Multi-threaded "
                + "benchmarks report each thread's time per operation.\n\n");
        for (final String note : run.notes()) {
            out.append("- ").append(note).append('\n');
        }
        if (!run.notes().isEmpty()) {
            out.append('\n');
        }
        out.append("## Summary\n\n").append(summaryTable()).append('\n');
        out.append("## Target figures (issue 7)\n\n").append(targetsTable()).append('\n');
        for (final BenchReport.Relative table : report.relativeTables()) {
            out.append("## ").append(table.group().label()).append(": ").append(table.parameter())
                    .append(" against ").append(table.parameter()).append('=').append(table.baseline()).append("\n\n");
            out.append(relativeTable(table)).append('\n');
        }
        out.append("## Each benchmark\n\n");
        for (final Variant v : report.variants()) {
            out.append("### ").append(v.label()).append("\n\n").append(variantTable(v)).append('\n');
        }
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

            - `ownedPair` is one incref, the object handed to a `Blackhole` in a call the JIT may not
              inline, one decref: the count's change next to other work (CPython's
              `Py_INCREF(x); f(x); Py_DECREF(x)`), where a biased scheme's owner check nearly vanishes.
              The call is there because with a bare (compiler) blackhole C2 deleted the control's
              plain incref and decref altogether, and the control then measured no count update.
              `ownedPairBatch` increfs 16 objects then decrefs them, per pair: a tight loop where every
              extra load and branch shows. Both are honest figures of different programs.
            - `foreignPair` is the same pair on an object another live thread made (a biased scheme's
              non-owner path, uncontended); `sharedPair` is two threads on one object made by a third
              (contended), each operation followed by a checkpoint.
            - `containerOps` is one `append` + `pop` + release + checkpoint on a list; `list=shared` has
              two threads on one list, which only thread-safe schemes run.
            - `countdown` is the seeds' loop on runtime ints (allocate, release, checkpoint per step):
              `2threads` / `1thread` near 1 means the threads were serialised, near 0.5 that they ran
              in parallel on the two cores; `2runtimes` stands in for two processes.
            - `ioConvoy` is the latency of a 1 ms blocking call made with the runtime released, alone
              and next to a CPU-bound thread; the ratio is the convoy's slowdown per call.
            """;

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
                final Optional<Measurement> m = report.get(v, scheme);
                out.append(' ').append(m.map(this::scoreWithRatio).orElse("not run")).append(" |");
            }
            out.append('\n');
        }
        report.control().ifPresent(c -> out.append("\n(×: time relative to `").append(c).append("` in the same row.)\n"));
        return out.toString();
    }

    private String scoreWithRatio(final Measurement m) {
        final double ratio = report.ratioToControl(m);
        final String score = Reports.number(m.score());
        return report.control().filter(c -> !c.equals(m.scheme())).isPresent() && !Double.isNaN(ratio)
                ? score + " (" + Reports.ratio(ratio) + ")" : score;
    }

    private String targetsTable() {
        final List<TargetCheck> checks = report.targetChecks().stream().filter(c -> report.covers(c.target())).toList();
        final long elsewhere = report.targetChecks().size() - checks.size();
        final StringBuilder out = new StringBuilder();
        if (checks.isEmpty()) {
            out.append("No target figure concerns the schemes of this run.\n");
        } else {
            out.append("| scheme | ratio of times | measured | target | verdict | reference |\n");
            out.append("|---|---|---|---|---|---|\n");
        }
        int pass = 0;
        int miss = 0;
        int notRun = 0;
        for (final TargetCheck c : checks) {
            final Target t = c.target();
            final String reference = c.detail().isEmpty() ? t.reference() : t.reference() + " (" + c.detail() + ")";
            out.append("| ").append(t.scheme()).append(" | `").append(t.ratioText()).append("` | ")
                    .append(Reports.number(c.value())).append(" | ").append(t.boundText()).append(" | ")
                    .append(c.verdict().word()).append(" | ").append(reference).append(" |\n");
            switch (c.verdict()) {
                case PASS -> pass++;
                case MISS -> miss++;
                case NOT_RUN -> notRun++;
                default -> { }
            }
        }
        if (!checks.isEmpty()) {
            out.append('\n').append(pass).append(" pass, ").append(miss).append(" miss, ").append(notRun)
                    .append(" not run.");
        }
        if (elsewhere > 0) {
            out.append(checks.isEmpty() ? "" : " ").append(elsewhere)
                    .append(" more figure(s) concern schemes that did not run.");
        }
        return out.append('\n').toString();
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
        table.byScheme().forEach((scheme, row) -> {
            out.append("| ").append(scheme).append(" |");
            for (final String value : table.values()) {
                final Measurement m = row.get(value);
                out.append(' ').append(m == null ? "not run" : scoreAndError(m)).append(" |");
            }
            for (final String value : others) {
                out.append(' ').append(Reports.number(table.ratio(scheme, value))).append(" |");
            }
            out.append('\n');
        });
        return out.toString();
    }

    private String variantTable(final Variant v) {
        final String control = report.control().orElse("the control");
        final StringBuilder out = new StringBuilder();
        out.append("| scheme | score | error (99.9%) | unit | ratio to ").append(control).append(" |\n");
        out.append("|---|---|---|---|---|\n");
        for (final String scheme : report.schemes()) {
            final Optional<Measurement> found = report.get(v, scheme);
            if (found.isEmpty()) {
                continue;
            }
            final Measurement m = found.get();
            out.append("| ").append(scheme).append(" | ").append(Reports.number(m.score())).append(" | ")
                    .append(Double.isNaN(m.error()) ? "—" : "± " + Reports.number(m.error())).append(" | ")
                    .append(m.unit()).append(" | ").append(Reports.ratio(report.ratioToControl(m))).append(" |\n");
        }
        return out.toString();
    }

    private static String scoreAndError(final Measurement m) {
        final StringJoiner out = new StringJoiner(" ± ");
        out.add(Reports.number(m.score()));
        if (!Double.isNaN(m.error())) {
            out.add(Reports.number(m.error()));
        }
        return out.toString();
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
