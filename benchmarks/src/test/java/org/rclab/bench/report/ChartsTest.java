package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void writesTheScoreScalingAndTargetCharts(@TempDir final Path dir) throws IOException {
        final List<MarkdownReport.Chart> charts = Charts.write(Fixtures.report(), dir);
        assertEquals(List.of("scores.png", "countdown-shape.png", "ioConvoy-neighbour.png", "targets.png"),
                charts.stream().map(MarkdownReport.Chart::fileName).toList());
        for (final MarkdownReport.Chart chart : charts) {
            final byte[] bytes = Files.readAllBytes(dir.resolve(chart.fileName()));
            assertTrue(bytes.length > 1000, chart.fileName() + " is only " + bytes.length + " bytes");
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), chart.fileName());
        }
    }

    @Test
    void writesNothingForAnEmptyRun(@TempDir final Path dir) throws IOException {
        assertTrue(Charts.write(new BenchReport(List.of(), null, List.of()), dir).isEmpty());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
