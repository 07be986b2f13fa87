package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static final RunInfo RUN = new RunInfo("2025-01-01 00:00 UTC", "./rclab bench --quick",
            "JMH 1.37, quick settings", "2 CPUs", "1.0 at the start, 1.0 at the end",
            List.of("sharedPair: not run for unsafe (not thread-safe)"));

    private final MarkdownReport markdown = new MarkdownReport(Fixtures.report(), RUN);

    @Test
    void summaryHasARowPerVariantWithScoresAndRatios() {
        final String summary = markdown.summary();
        assertTrue(summary.contains("| benchmark | unit | brc | fine-grained | gil | unsafe |"), summary);
        assertTrue(summary.contains("| ownedPair | ns/op | 1.58 (1.05×) | 5.10 (3.40×) | 1.60 (1.07×) | 1.50 |"), summary);
        assertTrue(summary.contains("| sharedPair (2 threads) | ns/op | 40.0 | 38.0 | 12.0 | not run |"), summary);
        assertTrue(summary.contains("`./rclab bench --quick`"), summary);
    }

    @Test
    void summaryJudgesTargetsHonestly() {
        final String summary = markdown.summary();
        assertTrue(summary.contains("| fine-grained | `ownedPair / ownedPair{scheme=@control}` | 3.40 | ≤ 4.00 | pass |"),
                summary);
        assertTrue(summary.contains("| gil | `countdown{shape=2threads} / countdown{shape=1thread}` | 0.96 | ≥ 0.90 | pass |"),
                summary);
        assertTrue(summary.contains("| gil | `ioConvoy{interval=5,neighbour=cpu} / ioConvoy{interval=5,neighbour=none}` | 5.58 | 3.60–8.10 | pass |"),
                summary);
        assertTrue(summary.contains("| not run |"), summary);
        assertTrue(summary.matches("(?s).*\\d+ pass, \\d+ miss, \\d+ not run\\..*"), summary);
    }

    @Test
    void fullReportHasTheCountdownRatiosPerScheme() {
        final String full = markdown.full(List.of());
        assertTrue(full.contains("## countdown: shape against shape=1thread"), full);
        assertTrue(full.contains("| scheme | 1thread (ms/op) | 2threads (ms/op) | 2runtimes (ms/op) | 2threads / 1thread | 2runtimes / 1thread |"), full);
        assertTrue(full.contains("| gil | 50.0 ± 1.00 | 48.0 ± 1.00 | 27.0 ± 1.00 | 0.96 | 0.54 |"), full);
        assertTrue(full.contains("| brc | 54.0 ± 1.00 | 29.0 ± 1.00 | 28.0 ± 1.00 | 0.54 | 0.52 |"), full);
    }

    @Test
    void fullReportStatesTheRunTheNotesAndTheControl() {
        final String full = markdown.full(List.of());
        assertTrue(full.contains("| run | 2025-01-01 00:00 UTC, `./rclab bench --quick` |"), full);
        assertTrue(full.contains("- sharedPair: not run for unsafe (not thread-safe)"), full);
        assertTrue(full.contains("`unsafe`, the scheme that is not thread-safe"), full);
        assertTrue(full.contains("### ownedPairBatch"), full);
        assertTrue(full.contains("| brc | 2.31 | — | ns/op | 1.70× |"), full);
    }

    @Test
    void fullReportLinksTheCharts() {
        final String full = markdown.full(List.of(new MarkdownReport.Chart("throughput.png", "Throughput")));
        assertTrue(full.contains("![Throughput](throughput.png)"), full);
        assertFalse(markdown.full(List.of()).contains("## Charts"));
    }
}
