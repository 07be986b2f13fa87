package org.rclab.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictReportTest {
    private static final List<VerdictRow> ROWS = List.of(
            new VerdictRow("gil", "01-incref-incref", 120, 0, 0, Verdict.CLEAN, false, ""),
            new VerdictRow("unsafe", "10-released-touch", 99, 40, 2, Verdict.LOSES_COUNTS, true, "a | b"));

    @TempDir
    Path temp;

    @Test
    void jsonObjectsHaveExactlyTheContractFields() {
        final String json = VerdictReport.json(ROWS);

        final Matcher object = Pattern.compile("\\{([^}]*)\\}").matcher(json);
        int objects = 0;
        while (object.find()) {
            objects++;
            final List<String> keys = new ArrayList<>();
            final Matcher key = Pattern.compile("\"(\\w+)\":").matcher(object.group(1));
            while (key.find()) {
                keys.add(key.group(1));
            }
            assertEquals(List.of("scheme", "scenario", "samples", "forbidden", "interesting", "verdict"), keys);
        }
        assertEquals(2, objects);
        assertTrue(json.contains("\"verdict\": \"loses-counts\""));
        assertTrue(json.contains("\"samples\": 99"));
        assertTrue(json.startsWith("[") && json.trim().endsWith("]"));
    }

    @Test
    void markdownMarksTheDemonstrationAndEscapesPipes() {
        final String table = VerdictReport.markdown(ROWS);

        assertTrue(table.contains("| unsafe | 10-released-touch | 99 | 40 | 2 | loses-counts (demonstration) | a \\| b |"));
        assertTrue(table.contains("| gil | 01-incref-incref | 120 | 0 | 0 | clean |  |"));
    }

    @Test
    void writesBothFiles() throws IOException {
        VerdictReport.write(temp.resolve("stress"), "heading", ROWS);

        assertTrue(Files.readString(temp.resolve("stress").resolve(VerdictReport.MARKDOWN)).startsWith("heading\n\n|"));
        assertEquals(VerdictReport.json(ROWS), Files.readString(temp.resolve("stress").resolve(VerdictReport.JSON)));
    }
}
