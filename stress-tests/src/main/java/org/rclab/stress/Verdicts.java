package org.rclab.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
     * so it is not clean.
     *
     * @param scheme the scheme's name
     * @param run what jcstress recorded
     * @return the row
     */
    public static VerdictRow judge(final String scheme, final ScenarioRun run) {
        long forbidden = 0;
        long interesting = 0;
        Verdict verdict = Verdict.CLEAN;
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
        if (run.samples() == 0) {
            verdict = Verdict.ERROR;
            notes.add("no samples: the scenario did not run");
        } else if (verdict == Verdict.CLEAN && !run.errors().isEmpty()) {
            verdict = Verdict.ERROR;
        }
        if (!run.errors().isEmpty()) {
            notes.add(run.errors().size() + " failed fork(s): " + firstLine(run.errors().get(0)));
        }
        if (run.demonstration()) {
            notes.add(0, "demonstration of misuse: loses counts where counts are safe only while the runtime is "
                    + "held; never counts for or against the scheme");
        }
        return new VerdictRow(scheme, run.scenario(), run.samples(), forbidden, interesting, verdict,
                run.demonstration(), String.join("; ", notes));
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
     * claims thread safety is clean, and every scheme that does not claim it (the negative
     * control) has no error rows and, when {@code teethRequired}, at least one row that shows a
     * lost, leaked or doubly released count: otherwise the suite could not tell a broken scheme
     * from a good one.
     *
     * @param rows the verdict rows
     * @param threadSafe each scheme's claim, by name
     * @param teethRequired whether the mode is long enough to demand findings from the control
     * @return the summary
     */
    public static Summary summarize(final List<VerdictRow> rows, final Map<String, Boolean> threadSafe,
                                    final boolean teethRequired) {
        final List<String> problems = new ArrayList<>();
        int passed = 0;
        for (final VerdictRow row : rows) {
            final String problem = rowProblem(row, Boolean.TRUE.equals(threadSafe.get(row.scheme())));
            if (problem == null) {
                passed++;
            } else {
                problems.add(row.scheme() + " / " + row.scenario() + ": " + problem);
            }
        }
        if (teethRequired) {
            for (final Map.Entry<String, Boolean> scheme : threadSafe.entrySet()) {
                if (scheme.getValue()) {
                    continue;
                }
                final boolean showedLosses = rows.stream()
                        .anyMatch(r -> r.scheme().equals(scheme.getKey()) && !r.demonstration()
                                && r.verdict().isCountFinding());
                if (showedLosses) {
                    passed++;
                } else {
                    problems.add(scheme.getKey() + ": not thread-safe, yet no scenario showed a lost or leaked count "
                            + "(the suite could not tell it from a correct scheme)");
                }
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
     * @param teethRequired whether the mode is long enough to demand findings from the control
     * @return the reasons, in row order
     */
    public static List<String> problems(final List<VerdictRow> rows, final Map<String, Boolean> threadSafe,
                                        final boolean teethRequired) {
        return summarize(rows, threadSafe, teethRequired).problems();
    }

    /** Why a row fails the run, or {@code null} if it does not. */
    private static String rowProblem(final VerdictRow row, final boolean threadSafe) {
        if (row.samples() == 0) {
            return "no samples (the scenario did not run)";
        }
        if (row.demonstration()) {
            return null;
        }
        if (threadSafe && row.verdict() != Verdict.CLEAN) {
            return row.verdict().word() + " (the scheme claims thread safety)"
                    + (row.note().isEmpty() ? "" : "; " + row.note());
        }
        if (!threadSafe && row.verdict() == Verdict.ERROR) {
            return "error; " + row.note();
        }
        return null;
    }

    private static String firstLine(final String text) {
        final int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
