package org.rclab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The last step of {@code ./rclab compare}: prints the race verdicts of the stress run and the
 * benchmark summary of the bench run, one after the other, each under a heading that says where
 * it comes from and when it was written (so a table left over from an earlier run is seen as such).
 *
 * <pre>
 * java -cp benchmarks.jar:... org.rclab.bench.CompareCommand RESULTS_DIR
 * </pre>
 *
 * <p>Exit status: 0 when the benchmark summary was printed, 1 when it is missing, 2 for a usage
 * error. A missing verdict table is reported (the stress part did not run) but is not a failure
 * here: the launcher reports the stress run's own status.
 */
public final class CompareCommand {
    /** The verdict table the stress suite writes, relative to the results directory. */
    static final Path VERDICTS = Path.of("stress", "verdicts.md");
    /** The summary the bench command writes, relative to the results directory. */
    static final Path SUMMARY = Path.of("bench", "summary.md");

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private CompareCommand() {
    }

    /**
     * Prints both tables and exits with the status.
     *
     * @param args the results directory
     */
    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Prints both tables.
     *
     * @param args the results directory
     * @param out where the tables go
     * @param err where errors go
     * @return the exit status
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length != 1) {
            err.println("rclab compare: want one argument, the results directory (got " + args.length + ")");
            return BenchCommand.USAGE;
        }
        final Path results = Path.of(args[0]);
        if (!Files.isDirectory(results)) {
            err.println("rclab compare: no results directory at " + results);
            return BenchCommand.USAGE;
        }
        try {
            out.println();
            final Path verdicts = results.resolve(VERDICTS);
            if (Files.isRegularFile(verdicts)) {
                section(out, "Race verdicts (stress suite)", verdicts);
            } else {
                out.println("== Race verdicts (stress suite): the stress part did not run (no " + verdicts + ")");
                out.println();
            }
            final Path summary = results.resolve(SUMMARY);
            if (!Files.isRegularFile(summary)) {
                out.println("== Throughput (benchmarks): the bench part did not run (no " + summary + ")");
                err.println("rclab compare: no benchmark summary at " + summary);
                return BenchCommand.FAILURE;
            }
            section(out, "Throughput (benchmarks; time per operation, × = ratio to the control)", summary);
            out.println("Full report with charts: " + results.resolve("bench").resolve("report.md"));
            return BenchCommand.OK;
        } catch (final IOException e) {
            err.println("rclab compare: cannot read the results: " + e.getMessage());
            return BenchCommand.FAILURE;
        }
    }

    private static void section(final PrintStream out, final String title, final Path file) throws IOException {
        out.println("== " + title + ": " + file + ", written " + WHEN.format(Files.getLastModifiedTime(file).toInstant()));
        out.println();
        out.println(Files.readString(file).stripTrailing());
        out.println();
    }
}
