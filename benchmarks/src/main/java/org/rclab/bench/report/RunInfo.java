package org.rclab.bench.report;

import java.util.List;

/**
 * How a run was made, for the report's header: a reader must be able to repeat it and to judge
 * how noisy it was.
 *
 * @param when when the run started, e.g. {@code 2025-11-21 23:40 UTC}
 * @param command the command that made it
 * @param settings JMH's iteration settings in words
 * @param machine CPUs, JVM
 * @param load the system load average at the start and end of the run
 * @param notes anything else the reader must know (benchmarks skipped for a scheme, failures)
 */
public record RunInfo(String when, String command, String settings, String machine, String load, List<String> notes) {
    /** Makes the record; the notes are copied. */
    public RunInfo {
        notes = List.copyOf(notes);
    }
}
