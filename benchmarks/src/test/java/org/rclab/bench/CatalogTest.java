package org.rclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Catalog catalog = Catalog.load();

    @Test
    void listsTheContractBenchmarkMethods() {
        assertEquals(List.of("containerOps", "countdown", "foreignPair", "ioConvoy", "ownedPair", "ownedPairBatch",
                "sharedPair"), catalog.methods());
    }

    @Test
    void marksOnlyTheBenchmarksThatShareObjectsAcrossThreads() {
        assertEquals(List.of("org.rclab.bench.ContainerOps.TwoThreadsShared.containerOps",
                        "org.rclab.bench.SharedPair.sharedPair"),
                catalog.entries().stream().filter(Catalog.Entry::threadSafeOnly).map(Catalog.Entry::benchmark).toList());
    }

    @Test
    void countsOneRunPerSchemeAndParameterValue() {
        final Catalog.Entry countdown = entry("countdown");
        assertEquals(3 * 4, countdown.runs(4));
        assertEquals(2 * 2 * 3, entry("ioConvoy").runs(3));
        assertEquals(2, entry("ownedPair").runs(2));
    }

    @Test
    void includePatternMatchesExactlyOneBenchmark() {
        final String pattern = entry("ownedPair").includePattern();
        assertEquals(1, catalog.entries().stream().filter(e -> e.benchmark().matches(pattern)).count());
    }

    private Catalog.Entry entry(final String method) {
        return catalog.entries().stream().filter(e -> e.method().equals(method)).findFirst().orElseThrow();
    }
}
