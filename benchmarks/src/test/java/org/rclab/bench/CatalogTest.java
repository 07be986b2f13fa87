package org.rclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Catalog catalog = Catalog.load();

    @Test
    void listsTheContractBenchmarkMethods() {
        assertEquals(List.of("containerOps", "countdown", "foreignPair", "interpreted", "ioConvoy", "ownedPair",
                "ownedPairBatch", "physical", "sectionPair", "sharedPair"), catalog.methods());
    }

    @Test
    void marksOnlyTheBenchmarksThatShareObjectsAcrossThreads() {
        assertEquals(List.of("org.rclab.bench.ContainerOps.TwoThreadsShared.containerOps",
                        "org.rclab.bench.SharedPair.sharedPair"),
                catalog.entries().stream().filter(Catalog.Entry::threadSafeOnly).map(Catalog.Entry::benchmark).toList());
    }

    @Test
    void knowsEachBenchmarksParameterValues() {
        assertEquals(List.of("1thread", "2threads", "2runtimes"), List.of(entry("countdown").params().get("shape")));
        assertEquals(List.of("1thread", "2threads", "2runtimes"), List.of(entry("interpreted").params().get("shape")));
        assertEquals(List.of("5", "1"), List.of(entry("ioConvoy").params().get("interval")));
        assertTrue(entry("ownedPair").params().containsKey("scheme"));
        assertFalse(entry("physical").params().containsKey("scheme"));
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
