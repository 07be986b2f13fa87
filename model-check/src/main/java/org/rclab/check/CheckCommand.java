package org.rclab.check;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;
import org.rclab.scheme.TimedWaits;

/**
 * {@code ./rclab check [--scheme NAME]... [--scenario NAME]... [--budget quick|long] [--results DIR]}:
 * model-checks every scenario against every discovered scheme (or the ones named) and writes
 * {@code DIR/report.md} and {@code DIR/check.json} (default {@code results/check}).
 *
 * <p>Schemes come from {@link Schemes#discover()}; nothing here names one, so a plugin scheme is
 * checked like the shipped ones. Exit status: 0 when every cell is what its scheme promises (a
 * thread-safe scheme passes everything; a scheme that is not fails every scenario that demands
 * it); 1 otherwise, naming the cells; 2 for a usage error.
 */
public final class CheckCommand {
    /** Exit status when every cell is as promised: {@value}. */
    public static final int OK = 0;
    /** Exit status when a cell is not: {@value}. */
    public static final int FAILED = 1;
    /** Exit status of a usage error: {@value}. */
    public static final int USAGE = 2;

    private static final long WARM_UP_MILLIS = 10_000;

    private static final String USAGE_LINE = "usage: ./rclab check [--scheme NAME]... [--scenario NAME]... [--budget "
            + Budget.words() + "] [--results DIR]";

    private CheckCommand() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The parsed command line. */
    record Options(List<Scheme> schemes, List<Scenario> scenarios, Budget budget, Path results) {
    }

    /**
     * Parses the command line.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException with a one-line message for a usage error
     */
    static Options parse(final String[] args) {
        final List<Scheme> known = Schemes.discover();
        final List<Scheme> schemes = new ArrayList<>();
        final List<Scenario> scenarios = new ArrayList<>();
        Budget budget = Budget.QUICK;
        Path results = Path.of("results", "check");
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            if (!List.of("--scheme", "--scenario", "--budget", "--results").contains(arg)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            final String value = args[++i];
            switch (arg) {
                case "--scheme" -> schemes.add(known.stream().filter(s -> s.name().equals(value)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown scheme '" + value
                                + "' (schemes: " + String.join(", ", Schemes.names()) + ")")));
                case "--scenario" -> scenarios.add(Scenarios.all().stream().filter(s -> s.name().equals(value))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + value
                                + "' (scenarios: " + String.join(", ", Scenarios.all().stream()
                                .map(Scenario::name).toList()) + ")")));
                case "--budget" -> budget = Budget.of(value);
                default -> results = Path.of(value);
            }
        }
        return new Options(schemes.isEmpty() ? known : schemes,
                scenarios.isEmpty() ? Scenarios.all() : scenarios, budget, results);
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
        final Options options;
        try {
            options = parse(args);
        } catch (final IllegalArgumentException e) {
            err.println("rclab check: " + e.getMessage());
            err.println(USAGE_LINE);
            return USAGE;
        }
        final List<CheckRow> rows = new ArrayList<>();
        for (final Scheme scheme : options.schemes()) {
            for (final Scenario scenario : options.scenarios()) {
                final CheckRow row = check(scheme, scenario, options.budget());
                out.printf("%-14s %-20s %-5s %5d interleavings%s %6.1f s%s%n", row.scheme(), row.scenario(),
                        row.verdict(), row.interleavings(), row.exhausted() ? " (all)" : "      ",
                        row.millis() / 1000.0, row.expected() ? "" : "   NOT AS PROMISED");
                rows.add(row);
            }
        }
        try {
            CheckReport.write(options.results(), options.budget(), rows, options.scenarios());
        } catch (final IOException e) {
            err.println("rclab check: cannot write " + options.results() + ": " + e.getMessage());
            return FAILED;
        }
        out.println();
        out.println("wrote " + options.results().resolve("report.md") + " and " + options.results().resolve("check.json"));
        final List<String> broken = rows.stream().filter(r -> !r.expected())
                .map(r -> r.scheme() + " × " + r.scenario() + " (" + r.verdict() + ")").toList();
        if (!broken.isEmpty()) {
            err.println("rclab check: not as promised: " + String.join(", ", broken));
            return FAILED;
        }
        return OK;
    }

    /**
     * Model-checks one scenario against one scheme.
     *
     * @param scheme the scheme
     * @param scenario the scenario
     * @param budget the invocation budget
     * @return the row
     */
    static CheckRow check(final Scheme scheme, final Scenario scenario, final Budget budget) {
        if (!scenario.appliesTo(scheme)) {
            return new CheckRow(scheme.name(), scenario.name(), "n/a", 0, false, 0, true, Map.of(), null);
        }
        final ModelChecker.Outcome outcome;
        final RcRuntime rt;
        final Map<String, Long> warmUpMetrics;
        try {
            rt = scenario.open(scheme);
            warmUp(scenario, rt);
            warmUpMetrics = rt.metrics().snapshot();
            outcome = exploreAgainAfterATimeout(budget, scenario, rt);
        } catch (final RuntimeException e) {
            // Lincheck reports a hang it cannot replay (the hung invocation left a thread
            // attached, so the replay differs) as non-determinism, with the hang inside.
            final boolean hung = String.valueOf(e.getMessage()).contains(ModelChecker.HUNG);
            final String verdict = hung ? hangVerdict(scheme, scenario) : "error";
            return new CheckRow(scheme.name(), scenario.name(), verdict, 0, false, 0, !verdict.equals("error"),
                    Map.of(), e.toString());
        }
        final Map<String, Long> metrics = new TreeMap<>(rt.metrics().snapshot());
        metrics.replaceAll((name, value) -> value - warmUpMetrics.getOrDefault(name, 0L));
        metrics.values().removeIf(v -> v == 0);
        closeAfterExploration(rt);
        if (outcome.hung() && !outcome.timedOut() && !hangVerdict(scheme, scenario).equals("error")) {
            return new CheckRow(scheme.name(), scenario.name(), hangVerdict(scheme, scenario), outcome.invocations(),
                    false, outcome.millis(), true, metrics, outcome.counterexample());
        }
        final String verdict = outcome.failed() ? (outcome.timedOut() ? "error" : "fail") : "pass";
        final boolean expected = !outcome.timedOut() && scheme.threadSafe()
                ? !outcome.failed()
                : outcome.failed() || !scenario.unsafeMustFail();
        return new CheckRow(scheme.name(), scenario.name(), verdict, outcome.invocations(),
                outcome.exhausted(), outcome.millis(), expected, metrics, outcome.counterexample());
    }

    /**
     * Explores, and once more if the first exploration ended in Lincheck's wall-clock timeout of
     * an invocation (30 s, reported with no interleaving). Lincheck instruments classes the first
     * time an invocation uses them, inside that timeout, and on a loaded machine the first
     * invocation of a cell can take longer than that (seen with {@code gil × checkpoint-handover}
     * at load 11); the second exploration finds the classes instrumented. A second timeout is the
     * cell's verdict ({@code error}), never a pass.
     */
    private static ModelChecker.Outcome exploreAgainAfterATimeout(final Budget budget, final Scenario scenario,
                                                                  final RcRuntime rt) {
        final ModelChecker.Outcome first = ModelChecker.explore(budget.invocations(), () -> scenario.run(rt));
        return first.timedOut() ? ModelChecker.explore(budget.invocations(), () -> scenario.run(rt)) : first;
    }

    /**
     * What a hang of this cell says: {@code undecided} where it may be the model's missing
     * timeouts rather than the scheme's; {@code starves} where the scenario checks progress and the
     * scheme needs no timeout to make it (the checker found a schedule in which the waiter never
     * gets in: a finding to report, not a broken count); {@code error} otherwise.
     */
    private static String hangVerdict(final Scheme scheme, final Scenario scenario) {
        if (undecidable(scheme, scenario)) {
            return "undecided";
        }
        return scenario.progressNeedsTimeout() ? "starves" : "error";
    }

    /**
     * Whether a hang of this cell may be the model's missing timeouts rather than the scheme's:
     * either the scheme's lock parks with a timeout that bounds a lost wake-up (it declares both
     * {@value Scenario#LOCK_SPINS_OPTION} and {@code timed-waits}: {@code fine-grained}, whose
     * unlock stores "free" without a CAS and may erase a waiter's flag) and the scenario does not
     * make its timed parks expire ({@code parks-expire} or {@code expired}), or the scenario's
     * progress rests on a switch interval that the scenario does not expire. Where the parks
     * expire, a waiter whose wake-up was lost takes it back in the model, so a hang there is a
     * lock that loses a waiter for good: an {@code error}.
     */
    private static boolean undecidable(final Scheme scheme, final Scenario scenario) {
        final boolean timedParks = scheme.options().containsKey(Scenario.LOCK_SPINS_OPTION)
                && scheme.options().containsKey(TimedWaits.OPTION);
        return timedParks && !scenario.expiresTimedParksOf(scheme)
                || scenario.progressNeedsTimeout() && !scenario.expiresTimedWaitsOf(scheme)
                && scheme.options().containsKey(Scenario.SWITCH_INTERVAL_OPTION);
    }

    /**
     * Runs the scenario once on the JVM's own scheduler before the exploration. Lincheck
     * instruments a class when it is first loaded, and a class first loaded inside an invocation
     * is instrumented inside that invocation's 30-second wall-clock timeout, which a loaded
     * machine can exceed. The run's outcome is not a verdict (one schedule, not a search), so it is
     * ignored; a run that does not finish in {@value #WARM_UP_MILLIS} ms is left behind, daemon.
     */
    private static void warmUp(final Scenario scenario, final RcRuntime rt) {
        final Thread run = new Thread(() -> {
            try {
                scenario.run(rt);
            } catch (final RuntimeException | AssertionError ignored) {
                // one schedule of the real scheduler: not a verdict, see above
            }
        }, "rclab-check-warm-up");
        run.setDaemon(true);
        run.start();
        try {
            run.join(WARM_UP_MILLIS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the runtime once the exploration is over. An invocation the model checker cut short
     * at a failure may leave the attachments of its unfinished threads in the runtime, and then
     * {@link RcRuntime#close()} refuses; the runtime is discarded either way, and the verdict is
     * the exploration's, so that refusal is not a finding.
     */
    private static void closeAfterExploration(final RcRuntime rt) {
        try {
            rt.close();
        } catch (final IllegalStateException stillAttached) {
            // see above: threads of an aborted invocation; nothing to release
        }
    }
}
