package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RunLogTest {
    @Test
    void aRunLogReadsBackAsWritten() {
        final RunInfo info = new RunInfo("when", "cmd", "settings", 2, "CPython 3.11.7", Map.of("JMH", "1.37"),
                List.of("a note"));
        final List<ForkResult> forks = List.of(new ForkResult(1, 1,
                        Fixtures.measurement("m", "gil", 1.5, Map.of("shape", "1thread")), 0.5, 0.7,
                        Map.of("gil.handovers", 0.25), List.of(1.4, 1.6, 1.5), 2),
                new ForkResult(1, 2, Fixtures.measurement("physical", "", 2.0, Map.of("kind", "plain")), 0.7, 0.8,
                        Map.of()));
        final RunLog log = new RunLog(info, "unsafe", forks);
        final String json = log.toJson();
        assertTrue(json.contains("\"scoreError\": NaN") || json.contains("\"error\": NaN"), json);
        final RunLog back = RunLog.fromJson(json);
        assertEquals(log.control(), back.control());
        assertEquals(log.info(), back.info());
        assertEquals(2, back.forks().size());
        assertEquals(forks.get(0).measurement().params(), back.forks().get(0).measurement().params());
        assertEquals(0.25, back.forks().get(0).metrics().get("gil.handovers"));
        assertEquals(1.5, back.forks().get(0).measurement().score());
        assertTrue(Double.isNaN(back.forks().get(0).measurement().error()));
        assertEquals(List.of(1.4, 1.6, 1.5), back.forks().get(0).turnScores());
        assertEquals(List.of(), back.forks().get(1).turnScores());
    }

    @Test
    void aLogWrittenBeforeForksKeptTheirIterationsReadsBackWithNone() {
        final String json = new RunLog(new RunInfo("when", "cmd", "settings", 1, "", Map.of(), List.of()), null,
                List.of(new ForkResult(1, 1, Fixtures.measurement("m", "gil", 1.5, Map.of()), 0.5, 0.7, Map.of())))
                .toJson().replaceAll(",\\s*\"turnScores\": \\[\\s*\\]", "");
        assertFalse(json.contains("turnScores"), json);
        assertEquals(List.of(), RunLog.fromJson(json).forks().get(0).turnScores());
    }

    @Test
    void somethingElseIsRejectedWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> RunLog.fromJson("[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> RunLog.fromJson("{}"));
    }
}
