package org.rclab.trace;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;
import org.rclab.scheme.UnknownSchemeException;

/**
 * {@code ./rclab trace}: for each scheme, runs a workload under a JFR recording and writes into
 * the results directory {@code <scheme>-<workload>.jfr}, {@code <scheme>-<workload>-timeline.png},
 * one {@code <scheme>-<workload>-waits-<thread>.png} per thread that waited, and
 * {@code <scheme>-<workload>.md}. Exit status: 0 when every trace was written; 1 if a run or a
 * file failed; 2 for a usage error (an unknown option, workload or scheme, a scheme that has no
 * events, a count out of range), reported before anything runs.
 */
public final class TraceCommand {
    /** Exit status when every trace was written: {@value}. */
    public static final int OK = 0;
    /** Exit status when a run or a file failed: {@value}. */
    public static final int FAILED = 1;
    /** Exit status of a usage error: {@value}. */
    public static final int USAGE = 2;

    private static final int MAX_THREADS = 64;
    private static final double MAX_SECONDS = 3600;
    private static final double MAX_WINDOW_MILLIS = 60_000;
    private static final String USAGE_LINE = "usage: ./rclab trace [--scheme NAME]... [--workload " + Workload.words()
            + "] [--threads N] [--seconds S] [--window MS] [--results DIR]";

    private TraceCommand() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * The parsed command line.
     *
     * @param schemes the schemes to trace, in the order given (every scheme with events if none)
     * @param workload what the threads do
     * @param threads how many threads
     * @param seconds how long they run
     * @param windowMillis how much of the run the timeline shows
     * @param results the output directory
     */
    record Options(List<Scheme> schemes, Workload workload, int threads, double seconds, double windowMillis,
                   Path results) {
    }

    /**
     * Parses the command line.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException with a one-line message for a usage error
     */
    static Options parse(final String[] args) {
        final List<String> names = new ArrayList<>();
        Workload workload = Workload.COUNTDOWN;
        Integer threads = null;
        double seconds = 2;
        double window = 50;
        Path results = Path.of("results", "trace");
        for (int i = 0; i < args.length; i++) {
            final String option = args[i];
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + option + "'");
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            final String value = args[++i];
            switch (option) {
                case "--scheme" -> names.add(value);
                case "--workload" -> workload = Workload.of(value);
                case "--threads" -> threads = (int) number(option, value, 1, MAX_THREADS, true);
                case "--seconds" -> seconds = number(option, value, 0, MAX_SECONDS, false);
                case "--window" -> window = number(option, value, 0, MAX_WINDOW_MILLIS, false);
                case "--results" -> results = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        final int threadCount = threads == null ? Math.max(2, workload.minThreads()) : threads;
        if (threadCount < workload.minThreads()) {
            throw new IllegalArgumentException("--workload " + workload.word() + " needs --threads "
                    + workload.minThreads() + " or more (got " + threadCount + ")");
        }
        return new Options(schemes(names), workload, threadCount, seconds, window, results);
    }

    /**
     * A number within bounds: at least {@code min} for whole numbers, above it for decimals.
     */
    private static double number(final String option, final String text, final double min, final double max,
                                 final boolean whole) {
        final double value;
        try {
            value = whole ? Integer.parseInt(text) : Double.parseDouble(text);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs " + (whole ? "a whole number" : "a number") + " (got '"
                    + text + "')");
        }
        final boolean inRange = whole ? value >= min && value <= max : value > min && value <= max;
        if (!inRange || Double.isNaN(value)) {
            throw new IllegalArgumentException(option + " must be " + (whole ? "from " + (long) min : "above " + (long) min)
                    + " to " + (long) max + " (got '" + text + "')");
        }
        return value;
    }

    private static List<Scheme> schemes(final List<String> names) {
        if (names.isEmpty()) {
            return Schemes.discover().stream().filter(s -> !s.events().isEmpty()).toList();
        }
        final List<Scheme> schemes = new ArrayList<>();
        for (final String name : names) {
            final Scheme scheme;
            try {
                scheme = Schemes.byName(name);
            } catch (final UnknownSchemeException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            if (scheme.events().isEmpty()) {
                throw new IllegalArgumentException("scheme '" + name + "' emits no events (its Scheme.events() is empty; "
                        + "README.md, \"Adding a lock design\", says how to add them)");
            }
            if (!schemes.contains(scheme)) {
                schemes.add(scheme);
            }
        }
        return schemes;
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     * @param out where progress goes
     * @param err where errors go
     * @return the exit status
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        final Options options;
        try {
            options = parse(args);
        } catch (final IllegalArgumentException e) {
            err.println("rclab trace: " + e.getMessage());
            err.println(USAGE_LINE);
            return USAGE;
        }
        try {
            Files.createDirectories(options.results());
        } catch (final IOException e) {
            err.println("rclab trace: cannot create " + options.results() + ": " + e.getMessage());
            return FAILED;
        }
        int status = OK;
        for (final Scheme scheme : options.schemes()) {
            try {
                trace(scheme, options, out);
            } catch (final IOException | RuntimeException e) {
                err.println("rclab trace: " + scheme.name() + ", " + options.workload().word() + ": " + e);
                status = FAILED;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("rclab trace: interrupted");
                return FAILED;
            }
        }
        return status;
    }

    private static void trace(final Scheme scheme, final Options options, final PrintStream out)
            throws IOException, InterruptedException {
        final String base = scheme.name() + "-" + options.workload().word();
        final Path jfr = options.results().resolve(base + ".jfr");
        out.printf("tracing %s, %s: %d threads for %s s...%n", scheme.name(), options.workload().word(),
                options.threads(), trimmed(options.seconds()));
        final Instant started = Instant.now();
        final String loadBefore = loadAverage();
        Recorder.record(scheme, options.workload(), options.threads(), Math.round(options.seconds() * 1000), jfr);
        final String loadAfter = loadAverage();
        final Timeline timeline = LaneBuilder.build(TraceReader.read(jfr));

        final List<String> files = new ArrayList<>();
        files.add(jfr.getFileName().toString());
        final long windowNanos = Math.min(Math.round(options.windowMillis() * 1e6), timeline.span());
        final long from = TimelineChart.centredWindow(timeline, windowNanos);
        final Path timelinePng = options.results().resolve(base + "-timeline.png");
        TimelineChart.write(timeline, String.format(Locale.ROOT, "%s, %s: %.1f ms from %.3f s into the recording",
                scheme.name(), options.workload().word(), windowNanos / 1e6, (from - timeline.start()) / 1e9), from,
                from + windowNanos, timelinePng);
        files.add(timelinePng.getFileName().toString());
        for (final TraceSummary.Row row : TraceSummary.rows(timeline)) {
            if (!row.waits().isEmpty()) {
                final Path png = options.results().resolve(base + "-waits-" + row.thread() + ".png");
                WaitHistogram.write(String.format(Locale.ROOT, "%s, %s: waits of %s (%d; median %s, p99 %s)",
                        scheme.name(), options.workload().word(), row.thread(), row.waits().size(),
                        TraceSummary.millis(row.percentile(0.5)), TraceSummary.millis(row.percentile(0.99))),
                        row.waits(), png);
                files.add(png.getFileName().toString());
            }
        }
        final Map<String, String> types = Recorder.eventLabels(scheme);
        final List<String> context = List.of(
                String.format(Locale.ROOT, "%s: %d threads (%s) for %s s, recorded %s UTC.",
                        options.workload().word(), options.threads(), options.workload().description(),
                        trimmed(options.seconds()), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                                .format(started.atOffset(ZoneOffset.UTC))),
                "Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAfter + "; "
                        + Runtime.getRuntime().availableProcessors() + " CPUs.",
                "",
                "Files: " + String.join(", ", files.stream().map(f -> "`" + f + "`").toList()) + ".");
        final Path md = options.results().resolve(base + ".md");
        Files.writeString(md, TraceSummary.markdown(scheme.name() + ", " + options.workload().word(), context, timeline,
                types));
        out.printf("wrote %s (%d events) and %s%n", jfr, timeline.counts().values().stream().mapToLong(Long::longValue)
                .sum(), md);
    }

    private static String trimmed(final double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
    }

    /** The first three fields of {@code /proc/loadavg}, or "unknown" where there is none. */
    private static String loadAverage() {
        try {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", List.of(fields).subList(0, Math.min(3, fields.length)));
        } catch (final IOException e) {
            return "unknown";
        }
    }
}
