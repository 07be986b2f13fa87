package org.rclab.check;

import java.util.Map;

/**
 * One scheme × scenario of a check run, as the report and the JSON give it.
 *
 * @param scheme the scheme's name
 * @param scenario the scenario's name
 * @param verdict {@code pass} (no explored interleaving broke the property), {@code fail} (one
 *                did: {@code counterexample} shows it) or {@code error} (the check itself failed,
 *                or an invocation hit Lincheck's wall-clock timeout without an interleaving) or
 *                {@code undecided} (a hang that only a timed wait's timeout could end, which
 *                Lincheck does not model: see {@link Scenario#progressNeedsTimeout()}) or
 *                {@code starves} (a progress scenario under a scheme with no timed wait: the checker
 *                found a schedule in which the waiter never gets in, as the pre-3.2 GIL allows;
 *                reported with that schedule, never counted against the scheme's counts) or
 *                {@code n/a} (the scenario is there for a kind of lock this scheme does not declare:
 *                see {@link Scenario#appliesTo})
 * @param interleavings invocations the model checker ran (interleavings explored)
 * @param exhausted whether every interleaving within the checker's bounds was explored
 * @param millis wall-clock time of the exploration
 * @param expected whether the verdict is what the scheme promises: {@code pass} for a thread-safe
 *                 scheme, {@code fail} for one that is not where the scenario demands it
 * @param metrics how much the runtime's metrics moved during the exploration (the warm-up run
 *                excluded), non-zero ones only: which of the scheme's paths the interleavings
 *                took, e.g. {@code gil.forced-drops} or {@code brc.queued}. A metric Lincheck's
 *                memory snapshot rolls back between invocations counts less than every one.
 * @param counterexample the losing interleaving as Lincheck printed it, or {@code null}
 */
public record CheckRow(String scheme, String scenario, String verdict, long interleavings,
                       boolean exhausted, long millis, boolean expected, Map<String, Long> metrics,
                       String counterexample) {
}
