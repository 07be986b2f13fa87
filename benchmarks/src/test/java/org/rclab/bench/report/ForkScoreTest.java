package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class ForkScoreTest {
    /** A bare plain pair's floor on this lab's host (ns), and host bursts as they were measured idle. */
    private static final double FLOOR = 0.79;

    private static final Map<Integer, Double> BURSTS = Map.of(3, 2.9, 7, 11.9, 8, 1.2, 15, 1.6);

    @Test
    void aForkWithBurstsInFewerThanHalfItsIterationsScoresItsFloor() {
        final Measurement m = Measurement.fromRunResult(Fixtures.fork("org.rclab.bench.Physical.physical",
                Map.of("kind", "plain"), 20, i -> BURSTS.getOrDefault(i, FLOOR), i -> Map.of()));
        // JMH's own score, the mean, carries the bursts: 1.512 ns.
        assertEquals(FLOOR, m.score(), 1e-9);
        assertEquals("physical", m.method());
        assertEquals(Map.of("kind", "plain"), m.params());
    }

    @Test
    void anEvenCountScoresTheMeanOfItsMiddleTwo() {
        assertEquals(2.5, ForkScore.of(new double[] {4, 1, 2, 3}), 1e-12);
        assertEquals(3.0, ForkScore.of(new double[] {3}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ForkScore.of(new double[0]));
    }

    @Test
    void burstsInAForkRunInTurnLeaveTheRatioOfItsShapes() {
        // 24 iterations, eight per shape; one burst in a 1thread iteration (0) and one in a 2threads one (4).
        final Map<String, Double> truth = Map.of("1thread", 40.0, "2threads", 20.0, "2runtimes", 24.0);
        final Map<Integer, Double> bursts = Map.of(0, 7.0, 4, 3.0);
        final Map<String, Double> scores = new TreeMap<>();
        InTurn.split(Fixtures.fork("org.rclab.bench.Countdown.countdown", Map.of("scheme", "gil", "shape", InTurn.VALUE),
                        24, i -> truth.get(InTurn.shapeOf(i)) * bursts.getOrDefault(i, 1.0), i -> Map.of()), "metric:")
                .forEach(s -> scores.put(s.measurement().params().get(InTurn.SHAPE), s.measurement().score()));
        assertEquals(List.of(20.0, 24.0, 40.0), List.of(scores.get("2threads"), scores.get("2runtimes"),
                scores.get("1thread")));
        assertEquals(0.5, scores.get("2threads") / scores.get("1thread"), 1e-12);
    }
}
