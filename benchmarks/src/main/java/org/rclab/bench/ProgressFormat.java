package org.rclab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.StringJoiner;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's output, split in two: JMH's own full text goes to a log file, and the console gets one
 * line per benchmark run (which one, a dot per iteration, the score, time spent and left).
 */
final class ProgressFormat implements OutputFormat {
    private final PrintStream console;
    private final OutputFormat log;
    private int total;
    private final long startNanos = System.nanoTime();
    private int started;
    private int failed;
    private boolean failureSeen;

    /**
     * Makes the format.
     *
     * @param console where progress lines go
     * @param log JMH's standard text format, writing to the log file
     * @param total how many benchmark runs are planned, for the counter and the estimate
     */
    ProgressFormat(final PrintStream console, final OutputFormat log, final int total) {
        this.console = console;
        this.log = log;
        this.total = total;
    }

    /**
     * Plans more benchmark runs than at the start (the run's rounds for its inconclusive targets).
     *
     * @param more how many more
     */
    void extend(final int more) {
        total += more;
    }

    /**
     * How many benchmark runs failed so far.
     *
     * @return the count
     */
    int failed() {
        return failed;
    }

    @Override
    public void startBenchmark(final BenchmarkParams params) {
        log.startBenchmark(params);
        start(label(params));
    }

    /**
     * Prints the line of a run that JMH does not make (CPython's); it does not count as a failed fork.
     *
     * @param label what ran
     * @param outcome how it went
     */
    void external(final String label, final String outcome) {
        start(label);
        end(outcome);
    }

    /**
     * Prints a line between forks, e.g. a round's start.
     *
     * @param line the text
     */
    void note(final String line) {
        console.println(line);
        console.flush();
    }

    private void start(final String label) {
        started++;
        failureSeen = false;
        console.printf(Locale.ROOT, "[%3d/%d] %-58s ", started, total, label);
        console.flush();
    }

    @Override
    public void iteration(final BenchmarkParams benchmarkParams, final IterationParams params, final int iteration) {
        log.iteration(benchmarkParams, params, iteration);
    }

    @Override
    public void iterationResult(final BenchmarkParams benchmarkParams, final IterationParams params,
                                final int iteration, final IterationResult data) {
        log.iterationResult(benchmarkParams, params, iteration, data);
        console.print('.');
        console.flush();
    }

    @Override
    public void endBenchmark(final BenchmarkResult result) {
        log.endBenchmark(result);
        final String outcome;
        if (result == null || failureSeen) {
            failed++;
            outcome = "FAILED (see the JMH log)";
        } else {
            final Result<?> primary = result.getPrimaryResult();
            outcome = String.format(Locale.ROOT, "%.3f%s %s", primary.getScore(),
                    Double.isNaN(primary.getScoreError()) ? ""
                            : String.format(Locale.ROOT, " ± %.3f", primary.getScoreError()),
                    primary.getScoreUnit());
        }
        end(outcome);
    }

    private void end(final String outcome) {
        final Duration spent = Duration.ofNanos(System.nanoTime() - startNanos);
        final Duration left = started == 0 ? Duration.ZERO : spent.multipliedBy(total - started).dividedBy(started);
        console.printf(Locale.ROOT, " %s  (%s spent, ~%s left)%n", outcome, clock(spent), clock(left));
        console.flush();
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void endRun(final Collection<RunResult> results) {
        log.endRun(results);
    }

    @Override
    public void print(final String s) {
        log.print(s);
    }

    @Override
    public void println(final String s) {
        // JMH reports a benchmark's exception as a "<failure>" block in its text output.
        if (s != null && s.startsWith("<failure>")) {
            failureSeen = true;
        }
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
        console.flush();
    }

    /** Flushes only: the command closes the log once all of its JMH runs are over. */
    @Override
    public void close() {
        flush();
    }

    @Override
    public void verbosePrintln(final String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(final int b) {
        log.write(b);
    }

    @Override
    public void write(final byte[] b) throws IOException {
        log.write(b);
    }

    private static String label(final BenchmarkParams params) {
        final String benchmark = params.getBenchmark();
        final StringJoiner out = new StringJoiner(" ");
        out.add(benchmark.substring(benchmark.lastIndexOf('.') + 1));
        for (final String key : params.getParamsKeys()) {
            out.add(key + "=" + params.getParam(key));
        }
        if (params.getThreads() > 1) {
            out.add("(" + params.getThreads() + " threads)");
        }
        return out.toString();
    }

    private static String clock(final Duration d) {
        return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
