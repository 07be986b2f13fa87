package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void parsesCellsRelationsAndBounds() {
        final List<Target> targets = Target.parse("""
                # a comment

                gil\tcountdown{shape=2threads} / countdown{shape=1thread}\t>=\t0.9\tCPython 0.96
                gil\tioConvoy{neighbour=cpu, interval=5} / ioConvoy{neighbour=none,interval=5}\tin\t3.6..8.1\tx
                brc\townedPair / ownedPair{scheme=@control}\tinfo\t-\tprototype
                """);
        assertEquals(3, targets.size());
        final Target first = targets.get(0);
        assertEquals("gil", first.scheme());
        assertEquals(new Target.Cell("countdown", Map.of("shape", "2threads")), first.numerator());
        assertEquals(Target.Relation.AT_LEAST, first.relation());
        assertEquals("≥ 0.90", first.boundText());
        assertEquals(Map.of("neighbour", "cpu", "interval", "5"), targets.get(1).numerator().params());
        assertEquals("3.60–8.10", targets.get(1).boundText());
        assertEquals("unsafe", targets.get(2).denominator().scheme("brc", "unsafe"));
        assertEquals("brc", targets.get(2).numerator().scheme("brc", "unsafe"));
    }

    @Test
    void judgesEachRelation() {
        final List<Target> targets = Target.parse("""
                s\ta / b\t<=\t1.2\tr
                s\ta / b\tin\t1..2\tr
                s\ta / b\t<\t1\tr
                """);
        assertTrue(targets.get(0).isMetBy(1.2));
        assertFalse(targets.get(0).isMetBy(1.21));
        assertTrue(targets.get(1).isMetBy(1.5));
        assertFalse(targets.get(1).isMetBy(2.5));
        assertFalse(targets.get(2).isMetBy(1.0));
    }

    @Test
    void namesTheBadLine() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Target.parse("s\ta / b\t<=\t1\tr\ns\ta b\t<=\t1\tr\n"));
        assertTrue(e.getMessage().startsWith("targets line 2:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Target.parse("s\ta / b\t~\t1\tr"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("s\ta{x} / b\t<=\t1\tr"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("s\ta / b\t<=\t1"));
    }

    @Test
    void theProjectTargetsLoadAndCoverTheIssueFigures() {
        final List<Target> targets = Target.project();
        assertEquals(19, targets.size());
        assertEquals(14, targets.stream().filter(t -> t.relation() != Target.Relation.INFO).count());
    }

    @Test
    void cellsMatchOnMethodAndNamedParametersOnly() {
        final Target.Cell cell = new Target.Cell("countdown", Map.of("shape", "2threads", "scheme", "gil"));
        assertTrue(cell.matches(new Measurement("x.countdown", "countdown", "avgt", 1,
                Map.of("shape", "2threads", "scheme", "brc"), 1, 0, "ms/op")));
        assertFalse(cell.matches(new Measurement("x.countdown", "countdown", "avgt", 1,
                Map.of("shape", "1thread", "scheme", "gil"), 1, 0, "ms/op")));
    }
}
