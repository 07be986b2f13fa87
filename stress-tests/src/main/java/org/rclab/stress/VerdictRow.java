package org.rclab.stress;

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
 * @param note a short remark for people (errors, why a row does not count); may be empty
 */
public record VerdictRow(String scheme, String scenario, long samples, long forbidden, long interesting,
                         Verdict verdict, boolean demonstration, String note) {
}
