package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;

class InTurnTest {
    private static final String PREFIX = "metric:";

    /** Each shape's true time per step in the synthetic forks: 2threads/1thread = 0.5, 2runtimes/1thread = 0.6. */
    private static final Map<String, Double> TRUE_TIME = Map.of("1thread", 40.0, "2threads", 20.0, "2runtimes", 24.0);

    @Test
    void shapesTakeTurnsInAPalindromeThatRepeats() {
        final List<String> order = new ArrayList<>();
        for (int i = 0; i < 2 * InTurn.period(); i++) {
            order.add(InTurn.shapeOf(i));
        }
        assertEquals(List.of("1thread", "2threads", "2runtimes", "2runtimes", "2threads", "1thread",
                "1thread", "2threads", "2runtimes", "2runtimes", "2threads", "1thread"), order);
        assertThrows(IllegalArgumentException.class, () -> InTurn.shapeOf(-1));
    }

    @Test
    void aForkWithoutDriftGivesEachShapeItsOwnTime() {
        final List<InTurn.Share> shares = InTurn.split(fork(6, i -> TRUE_TIME.get(InTurn.shapeOf(i))), PREFIX);
        assertEquals(InTurn.SHAPES, shares.stream().map(s -> s.measurement().params().get(InTurn.SHAPE)).toList());
        for (final InTurn.Share share : shares) {
            final Measurement m = share.measurement();
            assertEquals(TRUE_TIME.get(m.params().get(InTurn.SHAPE)), m.score(), 1e-9);
            assertEquals("gil", m.scheme(), "the scheme and the other parameters are kept");
            assertEquals("countdown", m.method());
        }
        assertEquals(List.of(1.0, 1.0), InTurn.split(fork(6, i -> i == 5 ? 2.0 : 1.0), PREFIX).get(1).iterations(),
                "2threads ran iterations 1 and 4, in that order");
        assertEquals(List.of(1.0, 2.0), InTurn.split(fork(6, i -> i == 5 ? 2.0 : 1.0), PREFIX).get(0).iterations(),
                "1thread ran iterations 0 and 5");
    }

    @Test
    void aLinearDriftInTheForkCancelsInThePairedRatio() {
        // The machine slows by 10% of the first iteration's speed at every iteration: in a
        // palindrome every shape's iterations have the same mean position, so the ratio of two
        // shapes' means is the true ratio although each mean is 55% slower than the truth.
        final List<InTurn.Share> shares = InTurn.split(fork(12, i -> TRUE_TIME.get(InTurn.shapeOf(i)) * (1 + 0.1 * i)),
                PREFIX);
        final Map<String, Double> means = new java.util.TreeMap<>();
        shares.forEach(s -> means.put(s.measurement().params().get(InTurn.SHAPE), s.measurement().score()));
        assertEquals(0.5, means.get("2threads") / means.get("1thread"), 1e-12);
        assertEquals(0.6, means.get("2runtimes") / means.get("1thread"), 1e-12);
        assertEquals(40 * 1.55, means.get("1thread"), 1e-9);
    }

    @Test
    void eachShapeGetsTheMetricsOfItsOwnIterations() {
        final RunResult result = fork(6, i -> TRUE_TIME.get(InTurn.shapeOf(i)), i -> Map.of(
                "gil.handovers", InTurn.shapeOf(i).equals("2threads") ? 3.0 : 0.0,
                "gil.queue-high-water", (double) i));
        final Map<String, Map<String, Double>> metrics = new java.util.TreeMap<>();
        InTurn.split(result, PREFIX).forEach(s -> metrics.put(s.measurement().params().get(InTurn.SHAPE), s.metrics()));
        assertEquals(3.0, metrics.get("2threads").get("gil.handovers"));
        assertEquals(0.0, metrics.get("1thread").get("gil.handovers"));
        // A maximum is the largest of the shape's iterations (1thread ran iterations 0 and 5).
        assertEquals(5.0, metrics.get("1thread").get("gil.queue-high-water"));
    }

    @Test
    void aForkTooShortForEveryShapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> InTurn.split(fork(2, i -> 1.0), PREFIX));
    }

    @Test
    void onlyTheCountdownShapesRunInTurnAndTheirForksServeEachShape() {
        assertTrue(InTurn.canRunInTurn(Map.of("shape", new String[] {"2runtimes", "1thread", "2threads"})));
        assertFalse(InTurn.canRunInTurn(Map.of("kind", new String[] {"plain"})));
        assertEquals(List.of(Map.of("scheme", "gil", "shape", "1thread"), Map.of("scheme", "gil", "shape", "2threads"),
                        Map.of("scheme", "gil", "shape", "2runtimes")),
                InTurn.measured(Map.of("scheme", "gil", "shape", InTurn.VALUE)));
        assertEquals(List.of(Map.of("scheme", "gil", "shape", "1thread")),
                InTurn.measured(Map.of("scheme", "gil", "shape", "1thread")));
    }

    private static RunResult fork(final int iterations, final IntToDoubleFunction nanos) {
        return fork(iterations, nanos, i -> Map.of());
    }

    /** One fork of {@code countdown} under {@code gil} run in turn, with the given time per step at each iteration. */
    private static RunResult fork(final int iterations, final IntToDoubleFunction nanos,
                                  final IntFunction<Map<String, Double>> metrics) {
        return Fixtures.fork("org.rclab.bench.Countdown.countdown", Map.of("scheme", "gil", "shape", InTurn.VALUE),
                iterations, nanos, i -> {
                    final Map<String, Double> prefixed = new java.util.TreeMap<>();
                    metrics.apply(i).forEach((name, value) -> prefixed.put(PREFIX + name, value));
                    return prefixed;
                });
    }
}
