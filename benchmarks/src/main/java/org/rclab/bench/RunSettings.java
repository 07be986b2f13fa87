package org.rclab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.rclab.bench.report.InTurn;
import org.rclab.bench.turns.CellsInTurn;

/**
 * How long the bench command measures: how many paired rounds, and per fork how JMH warms up and
 * measures. Every round gives every scheme one fork (one JVM) of every benchmark, so a ratio can
 * be taken within a round and its spread seen across rounds; the number of rounds, not the length
 * of a fork, is what narrows an interval, since forks of one benchmark differ from each other
 * (each JVM compiles its own way) by more than iterations within a fork do.
 */
enum RunSettings {
    /**
     * The default: five rounds of every fork, then, within 29 minutes in all (estimated on an idle
     * 2-core machine; the run's own fork times decide), more rounds of only the forks whose targets
     * the five left inconclusive ({@link MoreRounds}). The idle run of 2026-12-01 06:01 (six rounds
     * of every fork, 3.6 min a round, then five more of the open targets' forks, 81 s a round) settled
     * the same 19 targets at its first look after four, five or six rounds (`--report` of its first
     * rounds): the sixth round's time buys about 2.5 more rounds of the open ones. Of the idle default run of 2026-11-30 17:57
     * (nine rounds of everything, 29 minutes), 18 targets were settled and 10 were not; the ten read
     * four forks of 39 (the countdown cells, the bare cells and two interpreted forks: about a third
     * of a round's time), and seven of them were 10 to 16 rounds from settling. A fork measures 20
     * iterations of 50 ms (the time 4 × 250 ms took before) so that its
     * {@linkplain org.rclab.bench.report.ForkScore median} can leave out the host's bursts; 20 × 50 ms
     * forks took no longer than 4 × 250 ms ones (3.4–3.6 s against 3.9–4.0 s, JMH alone, load 7–8,
     * 2026-11-30).
     */
    FULL(5, 2, 600, 20, 50, new InTurnFork(3, 400, 12, 150), new TurnsFork(2, 100, 20, 50),
            new TurnsFork(2, 200, 12, 50), new TurnsFork(8, 250, 8, 75), 10_000_000, 200, 3, 12_000,
            new MoreRounds(29 * 60_000L, 30)),
    /**
     * {@code --quick}: three rounds of short forks, under six minutes for the shipped schemes on an
     * idle machine. The warm-up is about what the countdown loop needs to reach C2 code; the
     * measurement is as long as before, in six iterations for the median.
     */
    QUICK(3, 1, 700, 6, 50, new InTurnFork(3, 250, 6, 150), new TurnsFork(2, 100, 6, 50),
            new TurnsFork(2, 150, 2, 150), new TurnsFork(4, 150, 2, 150), 5_000_000, 100, 1, 3_000, MoreRounds.NONE),
    /**
     * {@code --smoke}: two rounds of one short iteration, then one more round of the forks of the
     * targets left inconclusive (nearly all, after two such rounds), to prove the rounds, the choice
     * of more rounds and the report work.
     */
    SMOKE(2, 0, 0, 1, 100, new InTurnFork(0, 0, 6, 100), new TurnsFork(0, 0, 2, 20),
            new TurnsFork(0, 0, 2, 20), new TurnsFork(0, 0, 2, 20), 200_000, 10, 1, 500,
            new MoreRounds(Long.MAX_VALUE, 1));

    /** Heap of each forked JVM: fixed, so that heap sizing does not differ between forks. */
    static final String FORK_HEAP = "2g";

    /**
     * The flags every forked JVM gets: the fixed heap, then the user's own. One call, since JMH's
     * {@code jvmArgsAppend} replaces what an earlier call set; the user's come last so that they win
     * where they set the same thing (a larger heap, say).
     *
     * @param extra the user's flags ({@code --jvm-arg})
     * @return the flags, in order
     */
    static String[] forkFlags(final List<String> extra) {
        final List<String> flags = new ArrayList<>(List.of("-Xms" + FORK_HEAP,
                "-Xmx" + FORK_HEAP));
        flags.addAll(extra);
        return flags.toArray(String[]::new);
    }

    /**
     * What a fork costs beyond its iterations on an idle machine: JVM start, JMH's hand-shake,
     * set-up and tear-down (0.6 s measured idle on 2026-11-30, 477 forks in 24 minutes).
     */
    static final long FORK_OVERHEAD_MILLIS = 600;

    /**
     * What a fork running shapes in turn adds per iteration: opening and closing the iteration's
     * runtimes and counting threads, the countdown in flight when the time is up, and JMH's own
     * pause between iterations. About 20 ms, measured idle (the default run of 2026-11-30 13:00,
     * load 0.8–1.9): the countdown cells' fork took 26 s for 22 cells of 6 iterations (9 ms an
     * iteration over its iterations and fixed costs), each interpreted fork 8.0 s for 4 cells of 8
     * (19 ms). (It was 60 ms, scaled back from forks at load 13–15.)
     */
    static final long IN_TURN_ITERATION_OVERHEAD_MILLIS = 20;

    /**
     * What each participant of a fork run in turn adds to its fixed cost: loading its own copy of
     * the lab's classes and opening its benchmark (estimate; see benchmarks/README.md).
     */
    static final long PARTICIPANT_SETUP_MILLIS = 100;

    private final int rounds;
    private final int warmupIterations;
    private final int warmupMillis;
    private final int iterations;
    private final int iterationMillis;
    private final InTurnFork inTurn;
    private final TurnsFork turns;
    private final TurnsFork countdownTurns;
    private final TurnsFork interpretedTurns;
    private final long pythonSteps;
    private final int pythonCalls;
    private final int pythonReps;
    private final long pythonRoundMillis;
    private final MoreRounds moreRounds;

    RunSettings(final int rounds, final int warmupIterations, final int warmupMillis, final int iterations,
                final int iterationMillis, final InTurnFork inTurn, final TurnsFork turns, final TurnsFork countdownTurns,
                final TurnsFork interpretedTurns, final long pythonSteps, final int pythonCalls,
                final int pythonReps, final long pythonRoundMillis, final MoreRounds moreRounds) {
        this.rounds = rounds;
        this.moreRounds = moreRounds;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.iterations = iterations;
        this.iterationMillis = iterationMillis;
        this.inTurn = inTurn;
        this.turns = turns;
        this.countdownTurns = countdownTurns;
        this.interpretedTurns = interpretedTurns;
        this.pythonSteps = pythonSteps;
        this.pythonCalls = pythonCalls;
        this.pythonReps = pythonReps;
        this.pythonRoundMillis = pythonRoundMillis;
    }

    /**
     * How many paired rounds of every fork.
     *
     * @return the rounds
     */
    int rounds() {
        return rounds;
    }

    /**
     * What the run does after those rounds.
     *
     * @return its rule for more rounds
     */
    MoreRounds moreRounds() {
        return moreRounds;
    }

    /**
     * More rounds for the targets that the rounds of every fork left inconclusive: after them the
     * run looks at its targets, takes the forks that gave the inconclusive ones their pairs, and runs
     * as many more rounds of only those forks as fit in what is left of its time, at their own
     * measured cost (the median time each took in the rounds before), up to a most. The rule is
     * fixed before the run and does not look again: a run that stopped once its intervals looked
     * settled would bias them. Its two looks at the targets each get half the error of one
     * ({@link org.rclab.bench.report.Estimate#confidenceOf(int)}).
     *
     * @param budgetMillis the whole run's time, the first rounds included
     * @param most the most rounds added; 0 for none
     */
    record MoreRounds(long budgetMillis, int most) {
        /** No more rounds: the run looks at its targets once, at the end. */
        static final MoreRounds NONE = new MoreRounds(0, 0);

        /**
         * The rule in words, to follow "N rounds of every fork".
         *
         * @return e.g. {@code , then more rounds of only ...}; empty for none
         */
        String text() {
            if (most == 0) {
                return "";
            }
            return budgetMillis == Long.MAX_VALUE ? ", then " + most + " more round(s) of the forks of the targets "
                    + "left inconclusive" : ", then more rounds of only the forks of the targets left inconclusive, as "
                    + "many as fit in " + budgetMillis / 60_000 + " min in all (at most " + most + ")";
        }

        /**
         * How many more rounds fit.
         *
         * @param spentMillis the time the run has taken so far
         * @param roundMillis the measured cost of one more round; 0 when no fork needs one
         * @return the rounds, from 0 to {@link #most()}
         */
        int fitting(final long spentMillis, final long roundMillis) {
            if (most == 0 || roundMillis <= 0) {
                return 0;
            }
            final long left = budgetMillis - spentMillis;
            return left <= 0 ? 0 : (int) Math.min(most, left / roundMillis);
        }
    }

    /**
     * The CPython script's arguments for these settings.
     *
     * @return {@code --steps N --calls N --reps N}
     */
    String[] pythonArgs() {
        return new String[] {"--steps", Long.toString(pythonSteps), "--calls", Integer.toString(pythonCalls),
                "--reps", Integer.toString(pythonReps)};
    }

    /**
     * Applies one fork's settings to a JMH options builder.
     *
     * @param options the builder
     * @param shapesInTurn whether the fork runs a countdown's shapes {@linkplain InTurn in turn}
     * @return the builder
     */
    ChainedOptionsBuilder apply(final ChainedOptionsBuilder options, final boolean shapesInTurn) {
        final int warmups = shapesInTurn ? inTurn.warmupIterations() : warmupIterations;
        options.forks(1).warmupIterations(warmups)
                .measurementIterations(shapesInTurn ? inTurn.iterations() : iterations)
                .measurementTime(new TimeValue(shapesInTurn ? inTurn.iterationMillis() : iterationMillis,
                        TimeUnit.MILLISECONDS));
        if (warmups > 0) {
            options.warmupTime(new TimeValue(shapesInTurn ? inTurn.warmupMillis() : warmupMillis,
                    TimeUnit.MILLISECONDS));
        }
        return options;
    }

    /**
     * Applies the settings of a fork whose participants take turns ({@link TurnsFork}).
     *
     * @param options the builder
     * @param method the fork's {@link CellsInTurn} method: bare cells, countdowns or interpreted countdowns
     * @param participants how many take turns
     * @return the builder
     */
    ChainedOptionsBuilder applyTurns(final ChainedOptionsBuilder options, final String method,
                                     final int participants) {
        final TurnsFork turns = turnsOf(method);
        options.forks(1).warmupIterations(turns.warmupTurns() * participants)
                .measurementIterations(turns.iterationsEach() * participants)
                .measurementTime(new TimeValue(turns.iterationMillis(), TimeUnit.MILLISECONDS));
        if (turns.warmupTurns() > 0) {
            options.warmupTime(new TimeValue(turns.warmupMillis(), TimeUnit.MILLISECONDS));
        }
        return options;
    }

    /**
     * How long a fork whose participants take turns takes on an idle machine: its warm-up and
     * measurement, {@link #FORK_OVERHEAD_MILLIS}, {@link #PARTICIPANT_SETUP_MILLIS} per participant,
     * and for countdowns {@link #IN_TURN_ITERATION_OVERHEAD_MILLIS} per iteration.
     *
     * @param method the fork's {@link CellsInTurn} method: bare cells, countdowns or interpreted countdowns
     * @param participants how many take turns
     * @return milliseconds
     */
    long turnsForkMillis(final String method, final int participants) {
        final TurnsFork turns = turnsOf(method);
        // A countdown iteration overruns its time by the countdown in flight, as in a fork of shapes in turn.
        final long overrun = method.equals(CellsInTurn.BARE) ? 0 : IN_TURN_ITERATION_OVERHEAD_MILLIS;
        return FORK_OVERHEAD_MILLIS + participants * (PARTICIPANT_SETUP_MILLIS
                + (long) turns.warmupTurns() * (turns.warmupMillis() + overrun)
                + (long) turns.iterationsEach() * (turns.iterationMillis() + overrun));
    }

    /**
     * The turns of a fork of cells. The countdown cells measure many short iterations (12 × 50 ms,
     * interpreted 8 × 75 ms) rather than a few long ones (4 × 150 ms before): in the idle run of
     * 2026-11-30 13:00 about 40% of their 150 ms iterations ran more than 1.2 × the cell's best in
     * the fork (CPython's as well: the host's, not the JVM's), so a median of four was often a
     * disturbed one, and the ratio of two cells' per-fork medians varied by 10–20% (sd of the log)
     * whether the cells were next to each other in the order or ten places apart; for the bare
     * cells, ratios of medians of all 20 iterations varied 3–66% less (median 38%, six ratios in the
     * 12:29 and 13:00 runs) than ratios of medians of every fifth iteration. The
     * measured time per cell is the same; the extra iterations cost about 20 ms each (see
     * {@link #IN_TURN_ITERATION_OVERHEAD_MILLIS}). The interpreted countdown's cells warm up longer than the Java
     * countdown's: its dispatch loop is compiled, deoptimised and compiled again before it settles,
     * and with 2 × 200 ms of warm-up the first measured iteration of every Java interpreted cell
     * took 1.4–2.0 × its later ones (median over the 36 forks of the 12:29 run, 2026-11-30; the
     * Java countdown's cells 0.8–1.3, CPython's 1.0), which made a cell's median depend on its
     * fork's luck. With 4 × 250 ms, in the idle run of 2026-12-01 05:29, the first measured
     * iteration of a cell still ran over twice its later ones (the dispatch loop not yet compiled
     * by C2: 120–250 ns a step) in 21 of the 72 Java cells of the first rounds' 24 interpreted
     * forks, the second in 7; the default run warms each interpreted cell 8 × 250 ms.
     */
    private TurnsFork turnsOf(final String method) {
        return switch (method) {
            case CellsInTurn.BARE -> turns;
            case CellsInTurn.COUNTDOWNS -> countdownTurns;
            case CellsInTurn.INTERPRETEDS -> interpretedTurns;
            default -> throw new IllegalArgumentException("not a fork of cells in turn: " + method);
        };
    }

    /**
     * How long one fork takes on an idle machine: its warm-up and measurement, plus
     * {@link #FORK_OVERHEAD_MILLIS}.
     *
     * @param shapesInTurn whether the fork runs a countdown's shapes in turn
     * @return milliseconds
     */
    long forkMillis(final boolean shapesInTurn) {
        if (shapesInTurn) {
            return FORK_OVERHEAD_MILLIS
                    + (long) inTurn.warmupIterations() * (inTurn.warmupMillis() + IN_TURN_ITERATION_OVERHEAD_MILLIS)
                    + (long) inTurn.iterations() * (inTurn.iterationMillis() + IN_TURN_ITERATION_OVERHEAD_MILLIS);
        }
        return FORK_OVERHEAD_MILLIS + (long) warmupIterations * warmupMillis + (long) iterations * iterationMillis;
    }

    /**
     * How long CPython's seeds take in a round on an idle machine (full: 12 s measured idle on
     * 2026-11-30; quick: 3.4 s and full 14.6 s measured together at load 2.2–3.7, so about 2.8 s idle).
     *
     * @return milliseconds
     */
    long pythonMillis() {
        return pythonRoundMillis;
    }

    /**
     * The warm-up and measurement of a fork that runs a countdown's shapes in turn. The warm-up
     * gives every shape at least one iteration when it has any; the measurement gives every shape
     * the same number of iterations in whole palindromes ({@link InTurn#period()}).
     *
     * @param warmupIterations warm-up iterations, 0 or at least one per shape
     * @param warmupMillis each warm-up iteration's length
     * @param iterations measured iterations, a multiple of {@link InTurn#period()}
     * @param iterationMillis each measured iteration's length
     */
    record InTurnFork(int warmupIterations, int warmupMillis, int iterations, int iterationMillis) {
        InTurnFork {
            if (warmupIterations != 0 && warmupIterations < InTurn.SHAPES.size()
                    || iterations % InTurn.period() != 0 || iterations == 0) {
                throw new IllegalArgumentException("shapes in turn need a warm-up of 0 or at least "
                        + InTurn.SHAPES.size() + " iterations and a multiple of " + InTurn.period() + " measured");
            }
        }
    }

    /**
     * The warm-up and measurement of a fork whose participants (schemes' bare paths and physical
     * floors; or the countdown's cells) take turns, per participant: the fork runs {@code participants ×} these iterations,
     * in the palindromic order of {@link InTurn#turn}, so every participant gets the same number
     * of warm-up and measured iterations.
     *
     * @param warmupTurns warm-up iterations per participant: 0, or an even number (whole palindromes)
     * @param warmupMillis each warm-up iteration's length
     * @param iterationsEach measured iterations per participant, even and positive (whole palindromes)
     * @param iterationMillis each measured iteration's length
     */
    record TurnsFork(int warmupTurns, int warmupMillis, int iterationsEach, int iterationMillis) {
        TurnsFork {
            if (warmupTurns % 2 != 0 || iterationsEach % 2 != 0 || iterationsEach <= 0) {
                throw new IllegalArgumentException("turns need an even warm-up and an even, positive measurement "
                        + "per participant (whole palindromes)");
            }
        }
    }

    /**
     * The settings in words, for the report.
     *
     * @return e.g. {@code quick: 3 rounds; per fork warm-up 1 × 700 ms, measurement 6 × 50 ms, ...}
     */
    String describe() {
        return String.format(Locale.ROOT, "%s: %d rounds of one fork per benchmark and scheme%s; per fork warm-up %s, "
                        + "measurement %d × %d ms; countdown shapes in turn in one fork: warm-up %s, measurement %d × %d ms; "
                        + "bare single-thread cells in turn in one fork: per cell warm-up %s, measurement %d × %d ms; "
                        + "countdown cells of every scheme and shape in turn in one fork (with a python3: CPython's "
                        + "one-thread step too): per cell warm-up %s, measurement %d × %d ms; "
                        + "each scheme's interpreted shapes in turn in one fork per scheme (with a python3: CPython's "
                        + "one-thread step too): per cell warm-up %s, measurement %d × %d ms; "
                        + "a fork's score: the median of its measured iterations (of each shape's or cell's, in turn); "
                        + "CPython: countdown of %,d steps, %d calls, median of %d",
                name().toLowerCase(Locale.ROOT), rounds, moreRounds.text(),
                warmupIterations == 0 ? "none" : warmupIterations + " × " + warmupMillis + " ms",
                iterations, iterationMillis,
                inTurn.warmupIterations() == 0 ? "none" : inTurn.warmupIterations() + " × " + inTurn.warmupMillis() + " ms",
                inTurn.iterations(), inTurn.iterationMillis(),
                turns.warmupTurns() == 0 ? "none" : turns.warmupTurns() + " × " + turns.warmupMillis() + " ms",
                turns.iterationsEach(), turns.iterationMillis(),
                countdownTurns.warmupTurns() == 0 ? "none"
                        : countdownTurns.warmupTurns() + " × " + countdownTurns.warmupMillis() + " ms",
                countdownTurns.iterationsEach(), countdownTurns.iterationMillis(),
                interpretedTurns.warmupTurns() == 0 ? "none"
                        : interpretedTurns.warmupTurns() + " × " + interpretedTurns.warmupMillis() + " ms",
                interpretedTurns.iterationsEach(), interpretedTurns.iterationMillis(), pythonSteps, pythonCalls, pythonReps);
    }
}
