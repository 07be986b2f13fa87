package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MeasurementTest {
    @Test
    void readsEveryResultOfTheFixture() {
        final List<Measurement> all = Fixtures.measurements();
        assertEquals(35, all.size());
        final Measurement first = all.get(0);
        assertEquals("org.rclab.bench.OwnedPair.ownedPair", first.benchmark());
        assertEquals("ownedPair", first.method());
        assertEquals("avgt", first.mode());
        assertEquals("brc", first.scheme());
        assertEquals(1.58, first.score(), 1e-12);
        assertEquals(0.05, first.error(), 1e-12);
        assertEquals("ns/op", first.unit());
    }

    @Test
    void readsNanErrorsWrittenAsStrings() {
        final Measurement batch = Fixtures.measurements().stream()
                .filter(m -> m.method().equals("ownedPairBatch")).findFirst().orElseThrow();
        assertTrue(Double.isNaN(batch.error()));
    }

    @Test
    void keepsThreadsAndParametersApartFromTheScheme() {
        final Measurement shared = Fixtures.measurements().stream()
                .filter(m -> m.benchmark().endsWith("TwoThreadsShared.containerOps")).findFirst().orElseThrow();
        assertEquals(2, shared.threads());
        assertEquals(Map.of("list", "shared"), shared.variant().params());
        assertEquals("containerOps list=shared (2 threads)", shared.variant().label());
    }

    @Test
    void convertsUnitsToSecondsPerOperation() {
        final Measurement ns = new Measurement("b.m", "m", "avgt", 1, Map.of(), 5, 0, "ns/op");
        final Measurement ms = new Measurement("b.m", "m", "avgt", 1, Map.of(), 5, 0, "ms/op");
        final Measurement thrpt = new Measurement("b.m", "m", "thrpt", 1, Map.of(), 200, 0, "ops/us");
        assertEquals(5e-9, ns.secondsPerOp(), 1e-21);
        assertEquals(5e-3, ms.secondsPerOp(), 1e-15);
        assertEquals(5e-9, thrpt.secondsPerOp(), 1e-21);
    }

    @Test
    void totalThroughputCountsEveryThread() {
        final Measurement twoThreads = new Measurement("b.m", "m", "avgt", 2, Map.of(), 10, 0, "ns/op");
        assertEquals(2e8, twoThreads.totalOpsPerSecond(), 1);
    }

    @Test
    void rejectsJsonThatIsNotAnArrayOfResults() {
        assertThrows(IllegalArgumentException.class, () -> Measurement.fromJmhJson("{\"benchmark\": \"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> Measurement.fromJmhJson("[{\"benchmark\": \"x\"}]"));
    }
}
