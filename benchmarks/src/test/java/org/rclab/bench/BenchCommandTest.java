package org.rclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rclab.bench.report.Target;
import org.rclab.bench.report.Turns;
import org.rclab.bench.turns.CellsInTurn;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.unsafe.UnsafeScheme;

class BenchCommandTest {
    /** Figures for the scheme {@code figured} only; the other test schemes have none. */
    private static final List<Target> TARGETS = Target.parse(String.join("\n",
            "figured\townedPairBatch / ownedPairBatch{scheme=@control}\t<=\t1.1\tcount cost",
            "figured\tcountdown{shape=2threads} / countdown{shape=1thread}\t<=\t0.6\tparallel",
            "figured\townedPairBatch / physical{kind=plain}\tinfo\t-\tthe floor",
            "figured\tcontainerOps{list=shared} / containerOps{list=shared,scheme=other}\tinfo\t-\tto another scheme",
            "absent\townedPair / ownedPair{scheme=@control}\t<=\t1.1\ta scheme not selected"));

    private final Catalog catalog = Catalog.load();

    @TempDir
    Path results;

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        final Outcome outcome = run("--fast");
        assertEquals(BenchCommand.USAGE, outcome.status);
        assertEquals("rclab bench: unknown option '--fast' (see --help)\n", outcome.err);
    }

    @Test
    void unknownSchemeIsAUsageErrorNamingTheKnownOnes() {
        final Outcome outcome = run("--scheme", "no-such-scheme");
        assertEquals(BenchCommand.USAGE, outcome.status);
        assertTrue(outcome.err.startsWith("rclab bench: unknown scheme 'no-such-scheme'; known schemes: "), outcome.err);
        assertTrue(outcome.err.contains(UnsafeScheme.NAME), outcome.err);
        assertEquals(1, outcome.err.lines().count());
    }

    @Test
    void unknownBenchmarkIsAUsageErrorNamingTheKnownOnes() {
        final Outcome outcome = run("--only", "fastPair");
        assertEquals(BenchCommand.USAGE, outcome.status);
        assertTrue(outcome.err.contains("unknown benchmark 'fastPair'; benchmarks: containerOps, countdown"), outcome.err);
    }

    @Test
    void unknownProfilerIsAUsageError() {
        final Outcome outcome = run("--prof", "no-such-profiler");
        assertEquals(BenchCommand.USAGE, outcome.status);
        assertTrue(outcome.err.startsWith("rclab bench: profiler 'no-such-profiler' is unknown"), outcome.err);
        assertEquals(1, outcome.err.lines().count());
    }

    @Test
    void optionWithoutValueAndConflictingSettingsAreUsageErrors() {
        assertEquals(BenchCommand.USAGE, run("--scheme").status);
        assertEquals(BenchCommand.USAGE, run("--only", "--quick").status);
        assertEquals(BenchCommand.USAGE, run("--quick", "--smoke").status);
    }

    @Test
    void jvmArgsReachEveryForkAfterTheFixedHeapSoThatTheUsersWin() {
        final BenchCommand.Request request = BenchCommand.Request.parse(
                new String[] {"--jvm-arg", "-XX:+PrintCompilation", "--quick", "--jvm-arg", "-Xmx4g"}, catalog,
                List.of(scheme("a", true, Map.of())));
        assertEquals(List.of("-XX:+PrintCompilation", "-Xmx4g"), request.jvmArgs());
        assertEquals(List.of("-Xms2g", "-Xmx2g", "-XX:+PrintCompilation", "-Xmx4g"),
                List.of(RunSettings.forkFlags(request.jvmArgs())));
        assertEquals(BenchCommand.USAGE, run("--jvm-arg").status);
        assertEquals(BenchCommand.USAGE, run("--jvm-arg", " ").status);
    }

    @Test
    void aThreadSafeOnlyBenchmarkWithOnlyTheControlHasNothingToRun() {
        final Outcome outcome = run("--scheme", UnsafeScheme.NAME, "--only", "sharedPair");
        assertEquals(BenchCommand.USAGE, outcome.status);
        assertTrue(outcome.err.contains("nothing to run"), outcome.err);
        assertFalse(Files.exists(results.resolve("bench")), "no results directory for a run that did not start");
    }

    @Test
    void helpListsTheBenchmarks() {
        final Outcome outcome = run("--help");
        assertEquals(BenchCommand.OK, outcome.status);
        assertTrue(outcome.out.contains("--only BENCHMARK"), outcome.out);
        assertTrue(outcome.out.contains("ownedPair, ownedPairBatch"), outcome.out);
    }

    @Test
    void smokeDefaultsToOneBenchmarkAndShortSettings() {
        final BenchCommand.Request request = BenchCommand.Request.parse(new String[] {"--smoke"}, catalog,
                List.of(scheme("a", true, Map.of())));
        assertEquals(RunSettings.SMOKE, request.settings());
        assertEquals(Set.of(BenchCommand.SMOKE_BENCHMARK), request.only());
        assertEquals("./rclab bench --smoke", request.commandLine());
        assertTrue(RunSettings.SMOKE.rounds() >= 2, "a smoke run still has an interval to compute");
    }

    @Test
    void planRunsSharedBenchmarksOnlyWithThreadSafeSchemesAndSaysSo() {
        final List<Scheme> schemes = List.of(scheme("careful", true, Map.of()), scheme("reckless", false, Map.of()));
        final BenchCommand.Plan plan = BenchCommand.Plan.make(catalog, TARGETS, BenchCommand.Request.parse(
                new String[] {"--only", "sharedPair", "--only", "ownedPair"}, catalog, schemes));
        assertEquals(List.of("ownedPair careful", "ownedPair reckless", "sharedPair careful"),
                plan.forks().stream().map(f -> f.entry().method() + " " + f.params().get("scheme")).toList());
        assertEquals(1, plan.notes().size());
        assertTrue(plan.notes().get(0).startsWith("SharedPair.sharedPair: not run for reckless"), plan.notes().get(0));
        assertEquals("reckless", plan.control());
    }

    @Test
    void everyRoundRunsEveryForkOnceInAnOrderOfItsOwn() {
        final List<Scheme> schemes = List.of(scheme("a", true, Map.of()), scheme("b", false, Map.of()));
        final BenchCommand.Plan plan = BenchCommand.Plan.make(catalog, TARGETS,
                BenchCommand.Request.parse(new String[0], catalog, schemes));
        final List<List<BenchCommand.Plan.Fork>> rounds = new ArrayList<>();
        for (int round = 1; round <= 4; round++) {
            final List<BenchCommand.Plan.Fork> order = plan.round(round, 42, true);
            assertEquals(plan.forks().size() + 1, order.size());
            assertEquals(new HashSet<>(order).size(), order.size(), "no fork twice in a round");
            assertTrue(order.containsAll(plan.forks()) && order.contains(BenchCommand.Plan.Fork.CPYTHON));
            rounds.add(order);
        }
        assertEquals(4, new HashSet<>(rounds).size(), "each round has its own order");
        assertEquals(rounds.get(2), plan.round(3, 42, true), "the seed repeats an order");
        assertNotEquals(rounds.get(2), plan.round(3, 43, true));
    }

    @Test
    void theSwitchIntervalVariesOnlyForSchemesThatDeclareIt() {
        final List<Scheme> schemes = List.of(scheme("with-interval", true, Map.of("switch-interval-ms", "the interval")),
                scheme("without", true, Map.of()));
        final BenchCommand.Plan plan = BenchCommand.Plan.make(catalog, TARGETS,
                BenchCommand.Request.parse(new String[] {"--only", "ioConvoy"}, catalog, schemes));
        final List<String> forks = plan.forks().stream()
                .map(f -> f.params().get("scheme") + " " + f.params().get("neighbour") + " " + f.params().get("interval"))
                .sorted().toList();
        assertEquals(List.of("with-interval cpu 1", "with-interval cpu 5", "with-interval none 1",
                "with-interval none 5", "without cpu none", "without none none"), forks);
    }

    @Test
    void thePhysicalFloorRunsOncePerKindWithoutAScheme() {
        final BenchCommand.Plan plan = BenchCommand.Plan.make(catalog, TARGETS, BenchCommand.Request.parse(
                new String[] {"--only", "physical", "--separate-schemes"}, catalog,
                List.of(scheme("a", true, Map.of()), scheme("b", true, Map.of()))));
        assertEquals(List.of("atomic", "cas-cas-lock", "cas-lock", "owner-check", "plain"),
                plan.forks().stream().map(f -> f.params().get("kind")).sorted().toList());
        assertTrue(plan.forks().stream().noneMatch(f -> f.params().containsKey("scheme")));
    }

    @Test
    void aDefaultRunMeasuresTheCellsItsFiguresReadAndTheControlsTwins() {
        final List<Scheme> schemes = List.of(scheme("figured", true, Map.of()), scheme("other", true, Map.of()),
                scheme("control", false, Map.of()));
        final BenchCommand.Plan plan = BenchCommand.Plan.make(catalog, TARGETS,
                BenchCommand.Request.parse(new String[] {"--scheme", "figured", "--scheme", "control"}, catalog, schemes));
        assertEquals(List.of("bareCells - turns=ownedPairBatch{scheme=figured};ownedPairBatch{scheme=control};"
                        + "physical{kind=plain}", "containerOps figured list=shared threads=2",
                        "countdowns - turns=countdown{scheme=figured,shape=1thread};countdown{scheme=figured,shape=2threads};"
                        + "countdown{scheme=figured,shape=2runtimes};countdown{scheme=control,shape=1thread};"
                        + "countdown{scheme=control,shape=2threads};countdown{scheme=control,shape=2runtimes}"),
                describe(plan));
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("the cells targets.tsv's figures read: 6 of ")),
                plan.notes().toString());
        final BenchCommand.Plan apart = BenchCommand.Plan.make(catalog, TARGETS, BenchCommand.Request.parse(
                new String[] {"--scheme", "figured", "--scheme", "control", "--separate-schemes"}, catalog, schemes));
        assertEquals(List.of("containerOps figured list=shared threads=2",
                        "countdown control shape=alternating", "countdown figured shape=alternating",
                        "ownedPairBatch control", "ownedPairBatch figured", "physical - kind=plain"),
                describe(apart), "with --separate-schemes each bare cell is a fork of its own");
        final BenchCommand.Plan separate = BenchCommand.Plan.make(catalog, TARGETS, BenchCommand.Request.parse(
                new String[] {"--scheme", "figured", "--scheme", "control", "--separate-shapes"}, catalog, schemes));
        assertEquals(List.of("countdown control shape=1thread", "countdown control shape=2threads",
                        "countdown figured shape=1thread", "countdown figured shape=2threads"),
                describe(separate).stream().filter(f -> f.startsWith("countdown")).toList(),
                "with --separate-shapes each shape a figure reads is a fork of its own");

        final BenchCommand.Plan withOther = BenchCommand.Plan.make(catalog, TARGETS,
                BenchCommand.Request.parse(new String[0], catalog, schemes));
        final List<String> forks = describe(withOther);
        assertTrue(forks.contains("containerOps figured list=shared threads=2"), forks.toString());
        assertTrue(forks.contains("containerOps other list=shared threads=2"), "a scheme a figure names is read");
        assertTrue(forks.contains("foreignPair other"), "a scheme without figures is measured everywhere");
        assertTrue(forks.contains("foreignPair control"), "and the control beside it");
        assertFalse(forks.contains("foreignPair figured"), "no figure of 'figured' reads foreignPair");
    }

    @Test
    void allAndOnlyRunTheWholeMatrixOfWhatTheyName() {
        final List<Scheme> schemes = List.of(scheme("figured", true, Map.of()), scheme("control", false, Map.of()));
        final BenchCommand.Plan all = BenchCommand.Plan.make(catalog, TARGETS,
                BenchCommand.Request.parse(new String[] {"--all"}, catalog, schemes));
        assertTrue(describe(all).containsAll(List.of("foreignPair figured", "foreignPair control",
                "interpreted control shape=alternating")), describe(all).toString());
        assertEquals(List.of("ownedPairBatch{scheme=figured}", "ownedPairBatch{scheme=control}", "physical{kind=plain}",
                        "physical{kind=atomic}", "physical{kind=cas-lock}", "physical{kind=cas-cas-lock}",
                        "physical{kind=owner-check}", "sectionPair{scheme=figured}", "sectionPair{scheme=control}"),
                all.forks().stream().filter(f -> !f.takesCountdownTurns()).flatMap(f -> f.turns().stream())
                        .map(Turns.Participant::code).toList(),
                "every bare cell of the matrix takes turns in the one fork");
        final BenchCommand.Plan only = BenchCommand.Plan.make(catalog, TARGETS,
                BenchCommand.Request.parse(new String[] {"--only", "countdown"}, catalog, schemes));
        assertEquals(1, only.forks().size(), describe(only).toString());
        assertEquals(6, only.forks().get(0).turns().size(), "every scheme's three shapes take turns in the one fork");
        final BenchCommand.Plan separate = BenchCommand.Plan.make(catalog, TARGETS,
                BenchCommand.Request.parse(new String[] {"--only", "countdown", "--separate-shapes"}, catalog, schemes));
        assertEquals(6, separate.forks().size(), describe(separate).toString());
    }

    @Test
    void theShippedSchemesDefaultAndQuickPlansFitTheirBudgets() {
        // The seven schemes of this repository as the plan sees them: names, thread safety, and
        // the switch interval of the two GILs that have one.
        final Map<String, String> interval = Map.of(IoConvoy.SWITCH_INTERVAL_OPTION, "the interval");
        final List<Scheme> shipped = List.of(scheme(UnsafeScheme.NAME, false, Map.of()), scheme("gil", true, interval),
                scheme("gil-ticks", true, Map.of()), scheme("gil-priority", true, interval),
                scheme("fine-grained", true, Map.of()), scheme("brc", true, Map.of()), scheme("buffered", true, Map.of()));
        final BenchCommand.Plan full = BenchCommand.Plan.make(catalog, Target.project(),
                BenchCommand.Request.parse(new String[0], catalog, shipped), true);
        final BenchCommand.Plan quick = BenchCommand.Plan.make(catalog, Target.project(),
                BenchCommand.Request.parse(new String[] {"--quick"}, catalog, shipped), true);
        assertTrue(full.estimate(RunSettings.FULL, true).compareTo(java.time.Duration.ofMinutes(30)) <= 0,
                full.describeCost(RunSettings.FULL, true));
        assertTrue(quick.estimate(RunSettings.QUICK, true).compareTo(java.time.Duration.ofMinutes(6)) <= 0,
                quick.describeCost(RunSettings.QUICK, true));
        final long roundMillis = RunSettings.FULL.pythonMillis() + full.forks().stream()
                .mapToLong(f -> f.takesTurns() ? RunSettings.FULL.turnsForkMillis(f.entry().method(), f.turns().size())
                        : RunSettings.FULL.forkMillis(f.params().containsValue("alternating"))).sum();
        // The bare cells, the countdown cells, and the interpreted shapes of the four schemes targets.tsv reads them for.
        assertEquals(6, full.forks().stream().filter(BenchCommand.Plan.Fork::takesTurns).count());
        assertEquals(roundMillis * RunSettings.FULL.rounds(), full.estimate(RunSettings.FULL, true).toMillis());
    }

    @Test
    void theBareCellsTakeTurnsInOneForkThatNamesEachCellUnlessSeparate() {
        final List<Scheme> schemes = List.of(scheme("a", true, Map.of()), scheme("b", false, Map.of()));
        final BenchCommand.Plan plan = BenchCommand.Plan.make(catalog, TARGETS, BenchCommand.Request.parse(
                new String[] {"--only", "ownedPairBatch", "--only", "sectionPair", "--only", "countdown"}, catalog, schemes));
        final List<BenchCommand.Plan.Fork> turns = plan.forks().stream().filter(BenchCommand.Plan.Fork::takesTurns).toList();
        assertEquals(2, turns.size(), describe(plan).toString());
        final BenchCommand.Plan.Fork fork = turns.stream().filter(f -> !f.takesCountdownTurns()).findFirst().orElseThrow();
        assertEquals("org.rclab.bench.turns.CellsInTurn.bareCells", fork.entry().benchmark());
        assertEquals(Map.of(Turns.PARAM, "ownedPairBatch{scheme=a};ownedPairBatch{scheme=b};sectionPair{scheme=a};"
                + "sectionPair{scheme=b}"), fork.params());
        assertEquals("org.rclab.bench.SectionPair.sectionPair", fork.turns().get(2).benchmark(),
                "each participant keeps its own cell's name, which the report files its measurement under");
        assertEquals(2, plan.forks().size(), describe(plan).toString());
        final BenchCommand.Plan.Fork countdowns = turns.stream().filter(BenchCommand.Plan.Fork::takesCountdownTurns)
                .findFirst().orElseThrow();
        assertEquals("org.rclab.bench.turns.CellsInTurn.countdowns", countdowns.entry().benchmark());
        assertEquals(List.of("countdown{scheme=a,shape=1thread}", "countdown{scheme=a,shape=2threads}",
                        "countdown{scheme=a,shape=2runtimes}", "countdown{scheme=b,shape=1thread}",
                        "countdown{scheme=b,shape=2threads}", "countdown{scheme=b,shape=2runtimes}"),
                countdowns.turns().stream().map(Turns.Participant::code).toList(),
                "each scheme's shapes side by side, so a scheme's shapes take neighbouring turns");
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("4 bare single-thread cells")), plan.notes().toString());
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("6 countdown cells")), plan.notes().toString());
        final BenchCommand.Plan apart = BenchCommand.Plan.make(catalog, TARGETS, BenchCommand.Request.parse(
                new String[] {"--only", "countdown", "--separate-schemes"}, catalog, schemes));
        assertEquals(List.of("countdown a shape=alternating", "countdown b shape=alternating"), describe(apart),
                "--separate-schemes: one fork per scheme, its shapes in turn, as before");

        final BenchCommand.Plan one = BenchCommand.Plan.make(catalog, TARGETS, BenchCommand.Request.parse(
                new String[] {"--only", "ownedPairBatch", "--scheme", "a"}, catalog, schemes));
        assertEquals(List.of("ownedPairBatch a"), describe(one), "a single cell has nothing to take turns with");
        assertFalse(catalog.methods().contains(CellsInTurn.BARE) || catalog.methods().contains(CellsInTurn.COUNTDOWNS),
                "the in-turn benchmarks are not cells of their own");
    }

    @Test
    void withCPythonItTakesTurnsInTheCountdownCellsForkAndInEachSchemesInterpretedFork() {
        final List<Scheme> schemes = List.of(scheme("a", true, Map.of()), scheme("b", false, Map.of()));
        final String[] args = {"--only", "countdown", "--only", "interpreted"};
        final BenchCommand.Plan plan = BenchCommand.Plan.make(catalog, TARGETS,
                BenchCommand.Request.parse(args, catalog, schemes), true);
        assertEquals(List.of("countdowns - turns=countdown{scheme=a,shape=1thread};countdown{scheme=a,shape=2threads};"
                        + "countdown{scheme=a,shape=2runtimes};countdown{scheme=b,shape=1thread};countdown{scheme=b,"
                        + "shape=2threads};countdown{scheme=b,shape=2runtimes};interpreted{scheme=cpython,shape=1thread}",
                "interpreteds - turns=interpreted{scheme=a,shape=1thread};interpreted{scheme=a,shape=2threads};"
                        + "interpreted{scheme=a,shape=2runtimes};interpreted{scheme=cpython,shape=1thread}",
                "interpreteds - turns=interpreted{scheme=b,shape=1thread};interpreted{scheme=b,shape=2threads};"
                        + "interpreted{scheme=b,shape=2runtimes};interpreted{scheme=cpython,shape=1thread}"),
                describe(plan));
        assertTrue(plan.forks().stream().filter(BenchCommand.Plan.Fork::takesTurns)
                .allMatch(BenchCommand.Plan.Fork::takesCountdownTurns), "both are countdowns, not bare cells");
        assertTrue(RunSettings.FULL.turnsForkMillis(CellsInTurn.INTERPRETEDS, 4)
                        > RunSettings.FULL.turnsForkMillis(CellsInTurn.COUNTDOWNS, 4),
                "the interpreted cells warm up longer: their dispatch loop settles later");
        assertEquals("cpython.interpreted", BenchCommand.Plan.CPYTHON_IN_TURN.benchmark(),
                "named as the seeds run names CPython's figure for the same function");
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("interpreted: each scheme's shapes and CPython's")),
                plan.notes().toString());

        assertEquals(List.of("countdowns - turns=countdown{scheme=a,shape=1thread};countdown{scheme=a,shape=2threads};"
                        + "countdown{scheme=a,shape=2runtimes};countdown{scheme=b,shape=1thread};countdown{scheme=b,"
                        + "shape=2threads};countdown{scheme=b,shape=2runtimes}",
                "interpreted a shape=alternating", "interpreted b shape=alternating"),
                describe(BenchCommand.Plan.make(catalog, TARGETS, BenchCommand.Request.parse(args, catalog, schemes), false)),
                "without python3: no CPython participant, and each interpreted fork its shapes in turn as before");
        final List<Target> overCPython = new java.util.ArrayList<>(TARGETS);
        overCPython.addAll(Target.parse(
                "b\tcountdown{shape=1thread} / interpreted{shape=1thread,scheme=cpython}\t<=\t0.5\tissue 13\n"));
        assertEquals(List.of("countdown{scheme=a,shape=1thread}", "countdown{scheme=a,shape=2threads}",
                        "countdown{scheme=a,shape=2runtimes}", "countdown{scheme=b,shape=2threads}",
                        "countdown{scheme=b,shape=2runtimes}", "countdown{scheme=b,shape=1thread}",
                        "interpreted{scheme=cpython,shape=1thread}"),
                BenchCommand.Plan.make(catalog, overCPython, BenchCommand.Request.parse(args, catalog, schemes), true)
                        .forks().stream().filter(BenchCommand.Plan.Fork::takesTurns).findFirst().orElseThrow().turns()
                        .stream().map(Turns.Participant::code).toList(),
                "CPython's turns neighbour those of the cell a target divides by it, and b's shapes stay together");
        final String[] apart = {"--only", "countdown", "--only", "interpreted", "--separate-schemes"};
        assertEquals(List.of("countdown a shape=alternating", "countdown b shape=alternating",
                        "interpreted a shape=alternating", "interpreted b shape=alternating"),
                describe(BenchCommand.Plan.make(catalog, TARGETS, BenchCommand.Request.parse(apart, catalog, schemes), true)),
                "--separate-schemes: the old forks, CPython from its seeds run only");
    }

    @Test
    void shapesInTurnNeedAWarmUpOfEveryShapeAndWholePalindromes() {
        assertThrows(IllegalArgumentException.class, () -> new RunSettings.InTurnFork(2, 100, 6, 100));
        assertThrows(IllegalArgumentException.class, () -> new RunSettings.InTurnFork(3, 100, 4, 100));
        assertEquals(12, new RunSettings.InTurnFork(3, 100, 12, 100).iterations());
    }

    @Test
    void controlIsTheCoreControlAmongSeveralSchemesThatAreNotThreadSafe() {
        final List<Scheme> schemes = List.of(scheme("another-unsafe", false, Map.of()),
                scheme(UnsafeScheme.NAME, false, Map.of()), scheme("safe", true, Map.of()));
        final BenchCommand.Plan plan = BenchCommand.Plan.make(catalog, TARGETS,
                BenchCommand.Request.parse(new String[0], catalog, schemes));
        assertEquals(UnsafeScheme.NAME, plan.control());
        final BenchCommand.Plan onlySafe = BenchCommand.Plan.make(catalog, TARGETS,
                BenchCommand.Request.parse(new String[] {"--scheme", "safe"}, catalog, schemes));
        assertNull(onlySafe.control());
    }

    /** Each fork as {@code method scheme params…}, sorted; {@code -} for a benchmark without a scheme. */
    private static List<String> describe(final BenchCommand.Plan plan) {
        return plan.forks().stream().map(f -> {
            final StringBuilder text = new StringBuilder(f.entry().method()).append(' ')
                    .append(f.params().getOrDefault("scheme", "-"));
            new TreeMap<>(f.params()).forEach((k, v) -> {
                if (!k.equals("scheme")) {
                    text.append(' ').append(k).append('=').append(v);
                }
            });
            if (f.entry().threads() > 1) {
                text.append(" threads=").append(f.entry().threads());
            }
            return text.toString();
        }).sorted().toList();
    }

    private Outcome run(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), results);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Outcome(int status, String out, String err) {
    }

    private static Scheme scheme(final String name, final boolean threadSafe, final Map<String, String> options) {
        return new Scheme() {
            @Override
            public Map<String, String> options() {
                return options;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test scheme";
            }

            @Override
            public boolean threadSafe() {
                return threadSafe;
            }

            @Override
            public SchemeInstance open(final SchemeContext context) {
                throw new UnsupportedOperationException("the plan never opens a scheme");
            }
        };
    }
}
