package org.rclab.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run was made, for the report's header: a reader must be able to repeat it and to judge
 * how noisy it was.
 *
 * @param when when the run started and ended, e.g. {@code 2026-11-29 23:40–23:46 UTC}
 * @param command the command that made it
 * @param settings rounds and JMH's iteration settings in words
 * @param cpus the machine's CPU count (forks under a load above it are flagged)
 * @param python CPython's version, or why it did not run
 * @param reproducibility label to value: commit, CPU, JVM and flags, JMH, seed, times
 * @param notes anything else the reader must know (benchmarks skipped for a scheme, failures)
 */
public record RunInfo(String when, String command, String settings, int cpus, String python,
                      Map<String, String> reproducibility, List<String> notes) {
    /** Makes the record; the collections are copied. */
    public RunInfo {
        reproducibility = Collections.unmodifiableMap(new LinkedHashMap<>(reproducibility));
        notes = List.copyOf(notes);
    }
}
