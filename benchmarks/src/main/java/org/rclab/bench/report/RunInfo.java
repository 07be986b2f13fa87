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
 * @param looks how many times the run looked at its targets' intervals: 2 when it chose, after its
 *              first rounds, more rounds for the cells of the targets those left inconclusive; else 1
 *              (a log older than that has none, and is read as 1)
 * @param firstLook when the run looked twice, how many rounds its first look read (a target that
 *                  look settled keeps its verdict); 0 when it looked once (a log older than that has
 *                  none: its targets are judged on all their rounds)
 */
public record RunInfo(String when, String command, String settings, int cpus, String python,
                      Map<String, String> reproducibility, List<String> notes, int looks, int firstLook) {
    /** Makes the record; the collections are copied. */
    public RunInfo {
        reproducibility = Collections.unmodifiableMap(new LinkedHashMap<>(reproducibility));
        notes = List.copyOf(notes);
        looks = Math.max(1, looks);
        firstLook = looks > 1 ? Math.max(0, firstLook) : 0;
    }

    /**
     * A run that looked at its targets once.
     *
     * @param when when it started and ended
     * @param command the command that made it
     * @param settings rounds and JMH's settings in words
     * @param cpus the CPU count
     * @param python CPython's version, or why it did not run
     * @param reproducibility label to value
     * @param notes what the reader must know
     */
    public RunInfo(final String when, final String command, final String settings, final int cpus, final String python,
                   final Map<String, String> reproducibility, final List<String> notes) {
        this(when, command, settings, cpus, python, reproducibility, notes, 1, 0);
    }
}
