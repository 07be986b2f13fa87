package org.rclab.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictReportTest {
    private static final List<VerdictRow> ROWS = List.of(
            new VerdictRow("gil", "01-incref-incref", 120, 0, 0, Verdict.CLEAN, false, true,
                    Map.of("gil.handovers", 7L), ""),
            new VerdictRow("unsafe", "10-released-touch", 99, 40, 2, Verdict.LOSES_COUNTS, true, false, Map.of(),
                    "a | b"));
    private static final RunInfo INFO = new RunInfo("abc123", "OpenJDK 17", "0.16", "Some CPU, 2 CPUs");

    @TempDir
    Path temp;

    @Test
    void jsonObjectsHaveExactlyTheContractFields() {
        final String json = VerdictReport.json(ROWS);

        final Matcher object = Pattern.compile("\\{(\"scheme[^\\n]*)\\}").matcher(json);
        int objects = 0;
        while (object.find()) {
            objects++;
            final List<String> keys = new ArrayList<>();
            final Matcher key = Pattern.compile("\"(\\w+)\":").matcher(object.group(1));
            while (key.find()) {
                keys.add(key.group(1));
            }
            assertEquals(List.of("scheme", "scenario", "samples", "forbidden", "interesting", "verdict", "exercised",
                    "demonstration"), keys.stream().filter(k -> !k.contains("handovers")).toList());
        }
        assertEquals(2, objects);
        assertTrue(json.contains("\"exercised\": {\"gil.handovers\": 7}, \"demonstration\": false"), json);
        assertTrue(json.contains("\"exercised\": {}, \"demonstration\": true"), json);
        assertTrue(json.contains("\"verdict\": \"loses-counts\""));
        assertTrue(json.contains("\"samples\": 99"));
        assertTrue(json.startsWith("[") && json.trim().endsWith("]"));
    }

    @Test
    void markdownMarksTheDemonstrationAndEscapesPipes() {
        final String table = VerdictReport.markdown(ROWS);

        assertTrue(table.contains("| unsafe | 10-released-touch | 99 | 40 | 2 | loses-counts (demonstration) |  | a \\| b |"));
        assertTrue(table.contains("| gil | 01-incref-incref | 120 | 0 | 0 | clean | gil.handovers 7 |  |"), table);
    }

    @Test
    void writesBothFiles() throws IOException {
        final List<Suite.Entry> suite = List.of(new Suite.Entry("t", "01-incref-incref", false, "incref || incref",
                List.of("handovers"), true));
        VerdictReport.write(temp.resolve("stress"), "heading", INFO, suite, ROWS);

        final String markdown = Files.readString(temp.resolve("stress").resolve(VerdictReport.MARKDOWN));
        assertTrue(markdown.startsWith("heading\n\n- commit: abc123\n- JVM: OpenJDK 17\n- jcstress: 0.16\n- CPU: Some CPU"),
                markdown);
        assertTrue(markdown.contains("| 01-incref-incref | incref \\|\\| incref | handovers | yes |"), markdown);
        assertEquals(VerdictReport.json(ROWS), Files.readString(temp.resolve("stress").resolve(VerdictReport.JSON)));
    }
}
