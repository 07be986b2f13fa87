package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

class TurnsTest {
    private static final String IN_TURN = "org.rclab.bench.turns.CellsInTurn.bareCells";
    private static final Turns.Participant UNSAFE = new Turns.Participant("org.rclab.bench.OwnedPair.ownedPairBatch",
            Map.of("scheme", "unsafe"));
    private static final Turns.Participant BRC = new Turns.Participant("org.rclab.bench.OwnedPair.ownedPairBatch",
            Map.of("scheme", "brc"));
    private static final Turns.Participant PLAIN = new Turns.Participant("org.rclab.bench.Physical.physical",
            Map.of("kind", "plain"));
    private static final List<Turns.Participant> THREE = List.of(UNSAFE, BRC, PLAIN);

    /** True time per pair of each participant: brc/unsafe = 1.2, unsafe/plain = 2. */
    private static final double[] TRUE_TIME = {2.0, 2.4, 1.0};

    private static final Target BRC_TO_CONTROL = Target.parse(
            "brc\townedPairBatch / ownedPairBatch{scheme=@control}\t<=\t1.25\tr\n").get(0);

    @Test
    void eachParticipantGetsTheMedianOfItsOwnIterationsUnderItsOwnCell() {
        // Participant 1 (brc) runs iterations 1, 4, 7, 10 of a 3-way palindrome; one burst at 4.
        final List<Measurement> split = measurements(fork(12, i -> i == 4 ? 50.0 : TRUE_TIME[InTurn.turn(i, 3)]));
        assertEquals(List.of("unsafe", "brc", ""), split.stream().map(Measurement::scheme).toList());
        assertEquals(2.4, split.get(1).score(), 1e-9, "the median leaves the burst out");
        assertEquals("ownedPairBatch", split.get(1).method());
        assertEquals("org.rclab.bench.OwnedPair.ownedPairBatch", split.get(1).benchmark());
        assertEquals(Map.of("kind", "plain"), split.get(2).params());
        assertEquals("ownedPairBatch{scheme=unsafe};ownedPairBatch{scheme=brc};physical{kind=plain}", Turns.param(THREE));
        assertEquals(List.of(2.4, 50.0, 2.4, 2.4), Turns.split(fork(12, i -> i == 4 ? 50.0 : TRUE_TIME[InTurn.turn(i, 3)]),
                THREE).get(1).iterations(), "its own iterations, in the order they ran, for pairing with another's");
    }

    @Test
    void aLinearDriftInTheForkCancelsInTheRatioOfTwoParticipants() {
        final List<Measurement> split = measurements(fork(12, i -> TRUE_TIME[InTurn.turn(i, 3)] * (1 + 0.1 * i)));
        assertEquals(1.2, split.get(1).score() / split.get(0).score(), 1e-12);
        assertEquals(2.0, split.get(0).score() / split.get(2).score(), 1e-12);
    }

    @Test
    void aRatioOfTwoParticipantsIsFormedInsideEachFork() {
        // Each round's fork runs at a speed of its own (the host's slow state: 1.8× in round 2),
        // which every participant of the fork shares. Paired within the fork, the ratio is exact.
        final double[] hostFactor = {1.0, 1.8, 1.3, 1.0, 1.7};
        final List<ForkResult> inTurn = new ArrayList<>();
        final List<ForkResult> apart = new ArrayList<>();
        for (int round = 1; round <= hostFactor.length; round++) {
            final double f = hostFactor[round - 1];
            for (final Measurement m : measurements(fork(12, i -> TRUE_TIME[InTurn.turn(i, 3)] * f))) {
                inTurn.add(new ForkResult(round, 1, m, 0.5, 0.5, Map.of()));
            }
            // The old way: each cell a fork of its own, with a host speed of its own (here the
            // next round's for the control), as two forks of one round draw independently.
            final double g = hostFactor[round % hostFactor.length];
            apart.add(Fixtures.fork(round, 1, Fixtures.measurement("ownedPairBatch", "brc", TRUE_TIME[1] * f, Map.of()), 0.5));
            apart.add(Fixtures.fork(round, 2, Fixtures.measurement("ownedPairBatch", "unsafe", TRUE_TIME[0] * g, Map.of()),
                    0.5));
        }
        final TargetCheck paired = new BenchReport(inTurn, "unsafe", List.of(BRC_TO_CONTROL)).targetChecks().get(0);
        assertEquals(1.2, paired.estimate().value(), 1e-9);
        assertEquals(1.2, paired.estimate().high(), 1e-9, "no spread left: the fork's speed cancelled");
        assertEquals(TargetCheck.Verdict.PASS, paired.verdict());
        final TargetCheck separate = new BenchReport(apart, "unsafe", List.of(BRC_TO_CONTROL)).targetChecks().get(0);
        assertEquals(TargetCheck.Verdict.INCONCLUSIVE, separate.verdict(),
                "two forks' speeds do not cancel: " + separate.estimate());
    }

    @Test
    void aCPythonParticipantGetsTheShareOfItsTurnsItsCountingThreadHeldACpu() {
        final Turns.Participant cpython = new Turns.Participant("org.rclab.bench.InterpretedCountdown.interpreted",
                Map.of("scheme", "cpython", "shape", "1thread"));
        final List<Turns.Participant> two = List.of(BRC, cpython);
        // CPython runs iterations 1, 2, 5, 6, 9 of a 2-way palindrome; in 5 it held a CPU for half its turn.
        final List<InTurn.Share> split = Turns.split(Fixtures.fork(IN_TURN, Map.of(Turns.PARAM, Turns.param(two)), 10,
                i -> 30.0, i -> InTurn.turn(i, 2) == 0 ? Map.of(Turns.TURN_WALL, 0.0, Turns.TURN_CPU, 0.0)
                        : Map.of(Turns.TURN_WALL, 1000.0, Turns.TURN_CPU, i == 5 ? 500.0 : 990.0 - i)), two);
        assertEquals(Map.of(), split.get(0).metrics(), "a Java participant's iterations carry no CPython time");
        assertEquals(0.984, split.get(1).metrics().get(Turns.CPU_SHARE), 1e-9, "the median of 0.5, 0.981, 0.984, 0.988, 0.989");
        assertEquals(0.5, split.get(1).metrics().get(Turns.CPU_SHARE_LOWEST), 1e-9);
    }

    @Test
    void aForkTooShortForEveryParticipantIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Turns.split(fork(2, i -> 1.0), THREE));
        assertThrows(IllegalArgumentException.class, () -> new Turns.Participant("x.m", Map.of()));
        assertEquals("countdown{scheme=gil,shape=1thread}", new Turns.Participant("x.countdown",
                Map.of("shape", "1thread", "scheme", "gil")).code(), "parameters in name order, as targets.tsv writes a cell");
    }

    private static List<Measurement> measurements(final org.openjdk.jmh.results.RunResult fork) {
        return Turns.split(fork, THREE).stream().map(InTurn.Share::measurement).toList();
    }

    /** One fork of the in-turn benchmark over {@link #THREE}, with the given time per pair at each iteration. */
    private static org.openjdk.jmh.results.RunResult fork(final int iterations, final IntToDoubleFunction nanos) {
        return Fixtures.fork(IN_TURN, Map.of(Turns.PARAM, Turns.param(THREE)), iterations, nanos, i -> Map.of());
    }
}
