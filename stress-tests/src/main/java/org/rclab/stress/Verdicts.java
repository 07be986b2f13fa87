package org.rclab.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns what jcstress recorded into verdicts, and verdicts into the run's pass or fail. */
public final class Verdicts {
    private Verdicts() {
    }

    /**
     * Judges one scenario run.
     *
     * <p>The verdict is the worst one named by the forbidden outcomes that occurred; a fork whose
     * threads did not finish in time adds {@link Verdict#DEADLOCK}. A run with no samples, or
     * with jcstress errors and nothing forbidden, is {@link Verdict#ERROR}: nothing was shown,
     * so it is not clean. A run with nothing forbidden is {@link Verdict#NOT_EXERCISED} when a
     * path the scenario targets and the scheme has never ran, or when no fork recorded metrics
     * while the scenario targets paths.
     *
     * @param scheme the scheme's name
     * @param run what jcstress recorded, with the forks' metrics
     * @return the row
     */
    public static VerdictRow judge(final String scheme, final ScenarioRun run) {
        long forbidden = 0;
        long interesting = 0;
        Verdict verdict = Verdict.CLEAN;
        OutcomeCount mostFrequent = null;
        for (final OutcomeCount outcome : run.outcomes()) {
            if (outcome.count() == 0) {
                continue;
            }
            switch (outcome.grade()) {
                case FORBIDDEN -> {
                    forbidden += outcome.count();
                    // A forbidden outcome that names no verdict cannot be classified; it is
                    // still not clean.
                    verdict = verdict.worse(Verdict.ofDescription(outcome.description()).orElse(Verdict.ERROR));
                    if (mostFrequent == null || outcome.count() > mostFrequent.count()) {
                        mostFrequent = outcome;
                    }
                }
                case INTERESTING -> interesting += outcome.count();
                case ACCEPTABLE -> {
                    // Counted only in the samples.
                }
                default -> throw new IllegalStateException("unknown grade " + outcome.grade());
            }
        }
        if (run.timedOut()) {
            verdict = verdict.worse(Verdict.DEADLOCK);
        }
        final List<String> notes = new ArrayList<>();
        final Map<String, Long> exercised = exercised(run);
        if (run.samples() == 0) {
            verdict = Verdict.ERROR;
            notes.add("no samples: the scenario did not run");
        } else if (verdict == Verdict.CLEAN && !run.errors().isEmpty()) {
            verdict = Verdict.ERROR;
        } else if (verdict == Verdict.CLEAN && !run.entry().paths().isEmpty() && run.metrics().forks() == 0) {
            verdict = Verdict.NOT_EXERCISED;
            notes.add("no fork recorded its metrics, so no targeted path is shown to have run");
        } else if (verdict == Verdict.CLEAN && exercised.containsValue(0L)) {
            verdict = Verdict.NOT_EXERCISED;
            notes.add("never ran: " + String.join(", ", exercised.entrySet().stream()
                    .filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList()));
        }
        if (mostFrequent != null) {
            notes.add("most frequent forbidden outcome: [" + mostFrequent.state() + "] x " + mostFrequent.count()
                    + ", " + mostFrequent.description());
        }
        if (!run.errors().isEmpty()) {
            notes.add(run.errors().size() + " failed fork(s): " + firstLine(run.errors().get(0)));
        }
        if (run.demonstration()) {
            notes.add(0, "demonstration of misuse: loses counts where counts are safe only while the runtime is "
                    + "held; never counts for or against the scheme");
        }
        return new VerdictRow(scheme, run.scenario(), run.samples(), forbidden, interesting, verdict,
                run.demonstration(), run.entry().controlFails(), exercised, String.join("; ", notes));
    }

    /**
     * The targeted paths a scheme has, with their counts: every metric the scenario's runtime
     * registered whose name ends with {@code "." + path} for a path the scenario targets.
     *
     * @param run the run, with its metrics
     * @return full metric name to total over the forks
     */
    static Map<String, Long> exercised(final ScenarioRun run) {
        final Map<String, Long> exercised = new TreeMap<>();
        for (final String path : run.entry().paths()) {
            run.metrics().totals().forEach((name, value) -> {
                if (name.endsWith("." + path)) {
                    exercised.put(name, value);
                }
            });
        }
        return exercised;
    }

    /**
     * The run's outcome: a check per row, and per scheme without thread safety the check that
     * it showed losses.
     *
     * @param problems why the failed checks failed, in row order; empty when the run passes
     * @param passed checks passed
     * @param failed checks failed
     */
    public record Summary(List<String> problems, int passed, int failed) {
        /**
         * Makes the summary, copying the list.
         */
        public Summary {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Checks the rows against what each scheme claims.
     *
     * <p>A run passes when every row has samples, every non-demonstration row of a scheme that
     * claims thread safety is clean ({@code not-exercised} is tolerated, and reported, only when
     * {@code fullRun} is false: sanity runs are too short to demand every path), and every
     * scheme that does not claim it (the negative control) has no error rows and, when
     * {@code fullRun}, shows a lost, leaked or doubly released count in every row declared
     * {@link VerdictRow#controlFails()}: otherwise that row could not tell a broken scheme from a
     * good one.
     *
     * @param rows the verdict rows
     * @param threadSafe each scheme's claim, by name
     * @param fullRun whether the mode is long enough ({@code quick} and longer) to demand every
     *                targeted path and the control's findings
     * @return the summary
     */
    public static Summary summarize(final List<VerdictRow> rows, final Map<String, Boolean> threadSafe,
                                    final boolean fullRun) {
        final List<String> problems = new ArrayList<>();
        int passed = 0;
        for (final VerdictRow row : rows) {
            final String problem = rowProblem(row, Boolean.TRUE.equals(threadSafe.get(row.scheme())), fullRun);
            if (problem == null) {
                passed++;
            } else {
                problems.add(row.scheme() + " / " + row.scenario() + ": " + problem);
            }
        }
        return new Summary(problems, passed, problems.size());
    }

    /**
     * The reasons the run fails, one per offending row or scheme; empty when it passes
     * ({@link #summarize} without the counts).
     *
     * @param rows the verdict rows
     * @param threadSafe each scheme's claim, by name
     * @param fullRun whether the mode is long enough to demand every path and the control's findings
     * @return the reasons, in row order
     */
    public static List<String> problems(final List<VerdictRow> rows, final Map<String, Boolean> threadSafe,
                                        final boolean fullRun) {
        return summarize(rows, threadSafe, fullRun).problems();
    }

    /** Why a row fails the run, or {@code null} if it does not. */
    private static String rowProblem(final VerdictRow row, final boolean threadSafe, final boolean fullRun) {
        if (row.samples() == 0) {
            return "no samples (the scenario did not run)";
        }
        if (row.demonstration()) {
            return null;
        }
        if (threadSafe) {
            if (row.verdict() == Verdict.CLEAN || (row.verdict() == Verdict.NOT_EXERCISED && !fullRun)) {
                return null;
            }
            return row.verdict().word() + " (the scheme claims thread safety)"
                    + (row.note().isEmpty() ? "" : "; " + row.note());
        }
        if (row.verdict() == Verdict.ERROR) {
            return "error; " + row.note();
        }
        if (fullRun && row.controlFails() && !row.verdict().isCountFinding()) {
            return row.verdict().word() + ", but a scheme without thread safety must lose, leak or doubly release "
                    + "counts here (the row would not tell a broken scheme from a good one)";
        }
        return null;
    }

    private static String firstLine(final String text) {
        final int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
