package org.rclab.stress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;

/**
 * {@code ./rclab stress [--mode sanity|quick|default|tough] [--scheme NAME]... [--scenario NAME]...
 * [--results DIR]}: runs the jcstress suite (or the scenarios named) once per scheme and writes the
 * verdict table.
 *
 * <p>Schemes come from {@link Schemes#discover()}; nothing here names one. Each scheme's run
 * keeps its own results in {@code DIR/<scheme>/} (default {@code results/stress}); the table goes
 * to {@code DIR/verdicts.md} and {@code DIR/verdicts.json} and is printed at the end.
 *
 * <p>Exit status: 0 when every scheme that claims thread safety is clean in every scenario (every
 * targeted path it has ran) and every scheme that does not lost, leaked or doubly released counts
 * in every row declared for it (neither demanded at {@code sanity}, where {@code not-exercised}
 * is only reported); 1 otherwise, naming the offending rows; 2 for a usage error.
 */
public final class StressCommand {
    /** Exit status of a passing run: {@value}. */
    public static final int OK = 0;
    /** Exit status of a run with findings or errors: {@value}. */
    public static final int FAILED = 1;
    /** Exit status of a usage error: {@value}. */
    public static final int USAGE = 2;

    private static final String USAGE_LINE =
            "usage: ./rclab stress [--mode " + Mode.words() + "] [--scheme NAME]... [--scenario NAME]... [--results DIR]";

    private final PrintStream out;
    private final PrintStream err;

    private StressCommand(final PrintStream out, final PrintStream err) {
        this.out = out;
        this.err = err;
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
     * Runs the command.
     *
     * @param args the command line
     * @param out where progress and the table go
     * @param err where errors go
     * @return the exit status
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        return new StressCommand(out, err).execute(args);
    }

    /** The parsed command line; {@code scenarios} empty means all. */
    record Options(Mode mode, List<String> schemes, List<String> scenarios, Path results) {
    }

    /**
     * Parses the command line.
     *
     * @param args the arguments
     * @param known the discovered schemes' names
     * @param scenarioNames the suite's scenario names
     * @return the options
     * @throws IllegalArgumentException with a one-line message for a usage error
     */
    static Options parse(final String[] args, final List<String> known, final List<String> scenarioNames) {
        Mode mode = Mode.QUICK;
        final Set<String> schemes = new LinkedHashSet<>();
        final Set<String> scenarios = new LinkedHashSet<>();
        Path results = Path.of("results", "stress");
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            final String option;
            String value = null;
            final int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                option = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else {
                option = arg;
            }
            if (!option.equals("--mode") && !option.equals("--scheme") && !option.equals("--scenario")
                    && !option.equals("--results")) {
                throw new IllegalArgumentException("unknown option '" + arg + "' (" + USAGE_LINE + ")");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value (" + USAGE_LINE + ")");
                }
                value = args[++i];
            }
            switch (option) {
                case "--mode" -> {
                    final String word = value;
                    mode = Mode.of(word).orElseThrow(() -> new IllegalArgumentException(
                            "unknown mode '" + word + "'; valid modes: " + Mode.words().replace("|", ", ")));
                }
                case "--scheme" -> {
                    if (!known.contains(value)) {
                        throw new IllegalArgumentException("unknown scheme '" + value + "'; valid schemes: "
                                + (known.isEmpty() ? "(none found on the class path)" : String.join(", ", known)));
                    }
                    schemes.add(value);
                }
                case "--scenario" -> {
                    if (!scenarioNames.contains(value)) {
                        throw new IllegalArgumentException("unknown scenario '" + value + "'; valid scenarios: "
                                + String.join(", ", scenarioNames));
                    }
                    scenarios.add(value);
                }
                default -> results = Path.of(value);
            }
        }
        return new Options(mode, schemes.isEmpty() ? known : List.copyOf(schemes), List.copyOf(scenarios), results);
    }

    private int execute(final String[] args) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.println(USAGE_LINE);
            return OK;
        }
        final List<Scheme> discovered;
        try {
            discovered = Schemes.discover();
        } catch (final IllegalStateException e) {
            err.println("stress: " + e.getMessage());
            return USAGE;
        }
        final List<String> known = discovered.stream().map(Scheme::name).toList();
        final List<Suite.Entry> all = Suite.scenarios();
        final Options options;
        try {
            options = parse(args, known, all.stream().map(Suite.Entry::scenario).toList());
        } catch (final IllegalArgumentException e) {
            err.println("stress: " + e.getMessage());
            return USAGE;
        }
        if (options.schemes().isEmpty()) {
            err.println("stress: no scheme found on the class path (run it through ./rclab stress)");
            return USAGE;
        }
        final List<Suite.Entry> suite = options.scenarios().isEmpty() ? all
                : all.stream().filter(e -> options.scenarios().contains(e.scenario())).toList();
        final Map<String, Boolean> threadSafe = new LinkedHashMap<>();
        for (final String name : options.schemes()) {
            threadSafe.put(name, discovered.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow().threadSafe());
        }
        final Mode mode = options.mode();
        final long estimate = mode.estimateSeconds(options.schemes().size(), suite.size());
        out.printf("stress: %d scenario(s) x %d scheme(s) (%s) at mode %s; estimated run time %s "
                        + "(as measured on 2 CPUs)%n",
                suite.size(), options.schemes().size(), String.join(", ", options.schemes()), mode.word(),
                human(estimate));
        final List<VerdictRow> rows = new ArrayList<>();
        final long started = System.nanoTime();
        int index = 0;
        for (final String scheme : options.schemes()) {
            index++;
            final String label = scheme + " [" + index + "/" + options.schemes().size() + "]";
            out.printf("%s: running jcstress (log: %s)%n", label,
                    options.results().resolve(scheme).resolve(JcstressRun.LOG));
            final JcstressRun run = new JcstressRun(scheme, mode, options.results().resolve(scheme), suite, label, out);
            final List<ScenarioRun> runs;
            try {
                runs = run.run(timeLimit(mode, suite.size()));
            } catch (final IOException e) {
                err.println("stress: " + scheme + ": " + e.getMessage());
                return FAILED;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("stress: interrupted");
                return FAILED;
            }
            for (final ScenarioRun scenarioRun : runs) {
                rows.add(Verdicts.judge(scheme, scenarioRun));
            }
            out.printf("%s: done after %s in all%n", label, human(elapsedSeconds(started)));
        }
        final String heading = String.format("Race verdicts: `./rclab stress --mode %s`, %s, %d CPUs, %s in all.",
                mode.word(), LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                Runtime.getRuntime().availableProcessors(), human(elapsedSeconds(started)));
        final RunInfo info = RunInfo.ofThisMachine();
        try {
            VerdictReport.write(options.results(), heading, info, suite, rows);
        } catch (final IOException e) {
            err.println("stress: cannot write the verdict table: " + e.getMessage());
            return FAILED;
        }
        out.println();
        out.println(heading);
        out.println();
        out.print(info.markdown());
        out.println();
        out.print(VerdictReport.markdown(rows));
        out.println();
        out.printf("written: %s, %s%n", options.results().resolve(VerdictReport.MARKDOWN),
                options.results().resolve(VerdictReport.JSON));
        final Verdicts.Summary summary = Verdicts.summarize(rows, threadSafe, mode.fullRun());
        if (!mode.fullRun()) {
            out.println("note: mode " + mode.word() + " is too short to demand every targeted path or the control's "
                    + "findings; not-exercised rows are reported, and only errors and findings in thread-safe "
                    + "schemes fail it");
        }
        if (summary.problems().isEmpty()) {
            out.println("stress: PASS: every thread-safe scheme is clean"
                    + (mode.fullRun() ? " with its targeted paths exercised, and every other scheme failed every "
                    + "row declared for it" : ""));
        } else {
            out.println("stress: FAIL:");
            for (final String problem : summary.problems()) {
                out.println("  " + problem);
            }
        }
        // A closing line CI runners recognise: one check per row, one per control's teeth.
        out.printf("stress: %d passed, %d failed%n", summary.passed(), summary.failed());
        return summary.problems().isEmpty() ? OK : FAILED;
    }

    /** Generous: a hung fork must not hang the command, but a slow machine must not cut a run. */
    private static long timeLimit(final Mode mode, final int scenarios) {
        return Math.max(Duration.ofMinutes(15).toSeconds(), 10 * mode.estimateSeconds(1, scenarios));
    }

    private static long elapsedSeconds(final long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    }

    private static String human(final long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format("%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format("%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }
}
