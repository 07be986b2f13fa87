package org.rclab.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a check run as {@code report.md} (for people) and {@code check.json} (for tools). */
public final class CheckReport {
    private static final String LIMITS = """
            ## Known limits

            - **Sequential consistency.** Lincheck runs every interleaving as if memory were \
            sequentially consistent: it switches threads between accesses but never reorders them. \
            A missing fence or a plain store where a release store is needed passes here; \
            reordering bugs remain the jcstress suite's job (`./rclab stress`).
            - **Bounded.** An invocation budget caps the interleavings explored per scheme × \
            scenario; `exhausted` says the checker ran out of interleavings first. Loops are \
            bounded (a thread switch is forced after 10 iterations of one loop, a loop beyond 50 \
            counts as a livelock), so a pass is "no counterexample within these bounds", not a proof.
            - **Real time.** Lincheck has no clock: `System.nanoTime()` and \
            `currentTimeMillis()` return a fixed value in the model, and a park ends only with an \
            unpark (its agent drops a timed park's bound), so a timed wait never times out there. \
            A scenario whose paths need a timeout gives every scheme `timed-waits=expired` \
            (declared by `gil`, `gil-priority` and `fine-grained`): each clock-bounded wait \
            times out as soon as it begins, and the checker chooses how long the \
            other threads run before the waiter's turn. So `checkpoint-handover` explores the GIL's \
            drop request and forced switch, and `lock-handoff` the lock's hand-off to a parked \
            waiter. What stays unexplored: in those cells a waiter never parks on the condition (so \
            a wait ended by a signal before its timeout is not explored there), and in every cell \
            without `expired` a GIL's timed wait never times out (no drop request). A scheme with \
            `switch-interval-ms` that does not declare `timed-waits` still hangs in \
            `checkpoint-handover` for want of a clock: that cell is `undecided`, not a verdict. \
            `fine-grained`'s unlock stores "free" without a CAS and may erase the flag of a waiter \
            that parked meanwhile; its timed park takes that wake-up back. In a cell that does not \
            expire its parks the model can only hang there (`undecided`). `section-exclusion` gives \
            `timed-waits=parks-expire`: every timed park returns at once while the thresholds \
            measured on the clock stay on it (the model's clock never moves: `fine-grained` never \
            hands over, a GIL reads the value as `clock`), so the lock runs its own policy and the \
            checker explores the lost wake-up and the waiter taking it back (`lost-wakeups`); a hang \
            there is a waiter lost for good, an `error`. `lock-handoff` (`expired`) explores the \
            hand-off instead. In both, a `fine-grained` waiter re-reads its status and the lock \
            word in a loop instead of blocking in the park, so a waiter woken by an unpark while \
            blocked is not explored there.
            - **Spinning.** Lincheck cuts a spinning waiter short (it switches to the holder, \
            which unlocks), so a lock that spins before it parks would never park in the model. \
            `section-exclusion` and `lock-handoff` give every scheme `lock-spins=0`: a scheme that \
            declares it (`fine-grained`) parks a contended thread at once; `brc`, whose container \
            locks are `fine-grained`'s but which does not declare the option, still spins. \
            `lock-handoff` applies only to schemes that declare `lock-spins` (`n/a` elsewhere).
            - **Progress.** `checkpoint-handover` checks that a waiter gets in, besides exclusion. \
            Under a lock with no timed wait (the pre-3.2 GIL, `gil-ticks`) the checker can find a \
            schedule in which the holder wins the lock back at every release and the waiter never \
            gets in: such a cell says `starves`, shows the schedule, and is reported as the finding \
            it is, never counted as a broken promise of thread safety.
            - **Small scenarios.** Two or three threads, a few operations each, on objects made \
            fresh in each invocation of one runtime.
            """;

    private CheckReport() {
    }

    /**
     * Writes both files into a directory, creating it.
     *
     * @param dir the directory ({@code results/check})
     * @param budget the budget of the run
     * @param rows every scheme × scenario
     * @param scenarios the scenarios, for their properties
     * @throws IOException if a file cannot be written
     */
    public static void write(final Path dir, final Budget budget, final List<CheckRow> rows,
                             final List<Scenario> scenarios) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown(budget, rows, scenarios), StandardCharsets.UTF_8);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("check.json").toFile(), json(budget, rows));
    }

    static Map<String, Object> json(final Budget budget, final List<CheckRow> rows) {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("budget", budget.word());
        root.put("invocationBudget", budget.invocations());
        root.put("rows", rows);
        return root;
    }

    /**
     * The Markdown report: the table, the properties, each counterexample, the known limits.
     *
     * @param budget the budget of the run
     * @param rows every scheme × scenario
     * @param scenarios the scenarios, for their properties
     * @return the report
     */
    public static String markdown(final Budget budget, final List<CheckRow> rows, final List<Scenario> scenarios) {
        final List<String> schemes = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final Map<String, CheckRow> cell = new LinkedHashMap<>();
        for (final CheckRow r : rows) {
            if (!schemes.contains(r.scheme())) {
                schemes.add(r.scheme());
            }
            if (!names.contains(r.scenario())) {
                names.add(r.scenario());
            }
            cell.put(r.scheme() + "\u0000" + r.scenario(), r);
        }
        final StringBuilder md = new StringBuilder();
        md.append("# Model checking\n\n");
        md.append("Lincheck model checking, budget `").append(budget.word()).append("` (at most ")
                .append(budget.invocations()).append(" interleavings per cell). Each cell: verdict, ")
                .append("interleavings explored (`all` when the checker exhausted them), seconds. ")
                .append("A cell marked ✗ is not what the scheme promises.\n\n");
        md.append("| scenario |");
        schemes.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append("\n|---|");
        schemes.forEach(s -> md.append("---|"));
        md.append('\n');
        for (final String n : names) {
            md.append("| ").append(n).append(" |");
            for (final String s : schemes) {
                final CheckRow r = cell.get(s + "\u0000" + n);
                md.append(' ');
                if (r == null) {
                    md.append('–');
                } else {
                    md.append(r.verdict()).append(r.expected() ? "" : " ✗").append(", ")
                            .append(r.interleavings()).append(r.exhausted() ? " (all)" : "")
                            .append(", ").append(String.format("%.1f s", r.millis() / 1000.0));
                }
                md.append(" |");
            }
            md.append('\n');
        }
        md.append("\n## Properties\n\n");
        for (final Scenario sc : scenarios) {
            if (names.contains(sc.name())) {
                md.append("- `").append(sc.name()).append("`: ").append(sc.property())
                        .append(sc.unsafeMustFail() ? " (`unsafe` must fail)" : "").append('\n');
            }
        }
        md.append("\n## Scheme paths taken\n\nHow much the runtime's metrics moved during each exploration ")
                .append("(the warm-up run excluded): which of a scheme's paths the interleavings took. A path ")
                .append("whose metric is absent was not taken by any explored interleaving.\n\n");
        for (final CheckRow r : rows) {
            if (!r.metrics().isEmpty()) {
                md.append("- ").append(r.scheme()).append(" × ").append(r.scenario()).append(": ");
                md.append(String.join(", ", r.metrics().entrySet().stream()
                        .map(e -> "`" + e.getKey() + "` " + e.getValue()).toList())).append('\n');
            }
        }
        md.append("\n## Counterexamples\n\n");
        boolean any = false;
        for (final CheckRow r : rows) {
            if (r.counterexample() != null) {
                any = true;
                md.append("### ").append(r.scheme()).append(" × ").append(r.scenario()).append("\n\n");
                final String counts = CountView.of(r.counterexample());
                if (counts != null) {
                    md.append("The count's reads (➜) and writes (=), thread by thread (Lincheck's detailed ")
                            .append("trace, filtered):\n\n```\n").append(counts).append("\n```\n\n")
                            .append("Lincheck's interleaving:\n\n");
                }
                md.append("```\n").append(shortTrace(r.counterexample())).append("\n```\n\n");
            }
        }
        if (!any) {
            md.append("None.\n\n");
        }
        md.append(LIMITS);
        return md.toString();
    }

    /**
     * Lincheck's report without its detailed trace (every nested call with its source line),
     * which the JSON keeps: the error and the interleaving table.
     *
     * @param counterexample Lincheck's full report
     * @return the error and the interleaving
     */
    public static String shortTrace(final String counterexample) {
        final int detailed = counterexample.indexOf("\nDetailed trace:");
        return (detailed < 0 ? counterexample : counterexample.substring(0, detailed)).strip();
    }
}
