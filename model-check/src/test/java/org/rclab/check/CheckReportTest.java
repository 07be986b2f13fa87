package org.rclab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckReportTest {
    private static final String TRACE = "= Concurrent test failed =\n\njava.lang.AssertionError: lost count\n\n"
            + "The following interleaving leads to the error:\n| table |\n\nDetailed trace:\n| long table |\n";

    private final List<CheckRow> rows = List.of(
            new CheckRow("unsafe", "incref-incref", "fail", 33, false, 1200, true, java.util.Map.of(), TRACE),
            new CheckRow("gil", "incref-incref", "pass", 7, true, 900, true, java.util.Map.of("gil.forced-drops", 3L), null),
            new CheckRow("brc", "incref-incref", "fail", 12, false, 800, false, java.util.Map.of(), TRACE));

    @Test
    void tableHasOneColumnPerSchemeAndMarksBrokenPromises() {
        final String md = CheckReport.markdown(Budget.QUICK, rows, Scenarios.all());
        assertTrue(md.contains("| scenario | unsafe | gil | brc |"), md);
        assertTrue(md.contains("| incref-incref | fail, 33, 1.2 s | pass, 7 (all), 0.9 s | fail ✗, 12, 0.8 s |"), md);
        assertTrue(md.contains("### unsafe × incref-incref"), md);
        assertTrue(md.contains("Sequential consistency"), md);
        assertTrue(md.contains("- gil × incref-incref: `gil.forced-drops` 3"), md);
    }

    @Test
    void reportShowsTheInterleavingWithoutTheDetailedTrace() {
        assertEquals("= Concurrent test failed =\n\njava.lang.AssertionError: lost count\n\n"
                + "The following interleaving leads to the error:\n| table |", CheckReport.shortTrace(TRACE));
        assertFalse(CheckReport.markdown(Budget.QUICK, rows, Scenarios.all()).contains("long table"));
    }

    @Test
    void jsonHasOneObjectPerCellWithTheFullCounterexample(@TempDir final Path dir) throws Exception {
        CheckReport.write(dir, Budget.LONG, rows, Scenarios.all());
        final JsonNode root = new ObjectMapper().readTree(dir.resolve("check.json").toFile());
        assertEquals("long", root.get("budget").asText());
        assertEquals(3, root.get("rows").size());
        final JsonNode first = root.get("rows").get(0);
        assertEquals("unsafe", first.get("scheme").asText());
        assertEquals("incref-incref", first.get("scenario").asText());
        assertEquals("fail", first.get("verdict").asText());
        assertEquals(33, first.get("interleavings").asLong());
        assertEquals(1200, first.get("millis").asLong());
        assertTrue(first.get("counterexample").asText().contains("long table"));
        assertTrue(root.get("rows").get(1).get("counterexample").isNull());
    }
}
