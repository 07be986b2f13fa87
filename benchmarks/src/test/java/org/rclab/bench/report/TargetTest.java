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
                brc\tcontainerOps / containerOps{scheme=gil}\t<=\t10\tx\tlock-parks, handoffs
                """);
        assertEquals(4, targets.size());
        assertEquals(List.of(), targets.get(0).metrics());
        assertEquals(List.of("lock-parks", "handoffs"), targets.get(3).metrics());
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
    void namesTheBadLine() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Target.parse("s\ta / b\t<=\t1\tr\ns\ta b\t<=\t1\tr\n"));
        assertTrue(e.getMessage().startsWith("targets line 2:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Target.parse("s\ta / b\t~\t1\tr"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("s\ta{x} / b\t<=\t1\tr"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("s\ta / b\t<=\t1"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("s\ta / b\t<=\t1\tr\tParks!"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("s\ta / b + 0*c\t<=\t1\tr"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("s\ta / b + x*c\t<=\t1\tr"));
    }

    @Test
    void theProjectTargetsLoadAndCarryTheIssueFigures() {
        final List<Target> targets = Target.project();
        final List<String> judged = targets.stream().filter(t -> t.relation() != Target.Relation.INFO)
                .map(t -> t.scheme() + " " + t.ratioText() + " " + t.boundText()).toList();
        assertTrue(judged.contains("brc ownedPairBatch / ownedPairBatch{scheme=@control} ≤ 1.25"), judged.toString());
        assertTrue(judged.contains("gil ownedPairBatch / ownedPairBatch{scheme=@control} ≤ 1.10"), judged.toString());
        assertTrue(judged.stream().noneMatch(t -> t.contains("ownedPair / ")), "ownedPair is reference only");
        assertTrue(judged.contains("gil countdown{shape=2runtimes} / countdown{shape=1thread} ≤ 0.60"), judged.toString());
        assertTrue(judged.contains("gil interpreted{shape=1thread} / interpreted{scheme=cpython,shape=1thread} ≤ 1.00"),
                judged.toString());
        assertTrue(judged.contains("brc interpreted{shape=2threads} / interpreted{shape=1thread} ≤ 0.60"), judged.toString());
        assertTrue(judged.contains("gil countdown{shape=1thread} / interpreted{scheme=cpython,shape=1thread} ≤ 0.50"),
                judged.toString());
        assertTrue(judged.contains("fine-grained containerOps{list=private,threads=1} / (containerOps{list=private,"
                + "scheme=@control,threads=1} + 2 × physical{kind=cas-lock}) ≤ 1.00"), judged.toString());
        // The shipped four schemes' judged figures; a new scheme's own lines do not change this count.
        assertEquals(23, judged.stream().filter(t -> t.matches("^(unsafe|gil|brc|fine-grained) .*")).count());
    }

    @Test
    void cellsMatchOnMethodAndNamedParametersOnly() {
        final Target.Cell cell = new Target.Cell("countdown", Map.of("shape", "2threads", "scheme", "gil"));
        assertTrue(cell.matches(new Measurement("x.countdown", "countdown", "avgt", 1,
                Map.of("shape", "2threads", "scheme", "brc"), 1, 0, "ms/op")));
        assertFalse(cell.matches(new Measurement("x.countdown", "countdown", "avgt", 1,
                Map.of("shape", "1thread", "scheme", "gil"), 1, 0, "ms/op")));
    }

    @Test
    void aThreadsCellMatchesTheJmhThreadCount() {
        final Target.Cell oneThread = Target.Cell.parse("containerOps{list=private,threads=1}");
        assertTrue(oneThread.matches(new Measurement("x.containerOps", "containerOps", "avgt", 1,
                Map.of("list", "private"), 1, 0, "ns/op")));
        assertFalse(oneThread.matches(new Measurement("x.containerOps", "containerOps", "avgt", 2,
                Map.of("list", "private"), 1, 0, "ns/op")));
    }
}
