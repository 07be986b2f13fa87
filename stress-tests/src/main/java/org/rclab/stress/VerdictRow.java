package org.rclab.stress;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of the verdict table: one scheme, one scenario.
 *
 * @param scheme the scheme's name
 * @param scenario the scenario's name
 * @param samples samples recorded
 * @param forbidden samples with a forbidden outcome
 * @param interesting samples with an acceptable-but-interesting outcome
 * @param verdict the verdict
 * @param demonstration whether the row demonstrates misuse (never counts against the scheme)
 * @param controlFails whether a scheme without thread safety must show a count finding here
 * @param exercised each targeted path the scheme has: its metric's full name and how often it ran
 * @param note a short remark for people (errors, the most frequent forbidden outcome, why a row
 *             does not count); may be empty
 */
public record VerdictRow(String scheme, String scenario, long samples, long forbidden, long interesting,
                         Verdict verdict, boolean demonstration, boolean controlFails, Map<String, Long> exercised,
                         String note) {
    /**
     * Makes the record, copying the map (sorted by metric name).
     */
    public VerdictRow {
        exercised = Collections.unmodifiableMap(new TreeMap<>(exercised));
    }
}
