package org.rclab.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which cells take turns in one fork: the two sides of every target's ratio as close
 * to each other as the fork's other targets allow.
 *
 * <p>Why: the report pairs two cells of one fork iteration by iteration ({@link BenchReport.Pair#ratio()}),
 * and the k-th iterations of two participants of a palindrome run as many turns apart as their
 * places in the order. A turn is 50–100 ms; the host's slow states last about a second, so two
 * cells next to each other nearly always share one, and two cells ten places apart (gil's and brc's
 * one-thread countdowns in catalog order, 0.7 s) often do not: in the idle run of 2026-11-30 17:57
 * iteration pairing cut the log spread across rounds of gil / unsafe (two places apart) from 0.14
 * to 0.02 but left brc / gil (ten apart) at 0.22.
 *
 * <p>How: minimise the sum, over the targets with a bound, of the distance between their two sides,
 * starting from the catalog's order (each scheme's shapes together) and moving one participant, or a
 * run of neighbouring ones (a scheme's shapes), at a time to the place that shortens the sum most,
 * until no move does. Deterministic, so every round
 * runs the same order, and the plan can be read before the run.
 */
public final class TurnOrder {
    private TurnOrder() {
    }

    /**
     * Orders participants for their targets.
     *
     * @param participants the fork's participants in catalog order
     * @param targets the run's targets; those with a bound whose two sides are both participants count
     * @param control the run's control scheme, or {@code null}
     * @return the same participants, reordered
     */
    public static List<Turns.Participant> of(final List<Turns.Participant> participants, final List<Target> targets,
                                             final String control) {
        final List<int[]> pairs = new ArrayList<>();
        for (final Target t : targets) {
            if (t.relation() == Target.Relation.INFO) {
                continue;
            }
            for (int a = 0; a < participants.size(); a++) {
                for (int b = 0; b < participants.size(); b++) {
                    final Turns.Participant top = participants.get(a);
                    final Turns.Participant bottom = participants.get(b);
                    if (a != b && t.numerator().reads(t.scheme(), control, top.method(), top.params(), 1)
                            && t.denominator().reads(t.scheme(), control, bottom.method(), bottom.params(), 1)) {
                        pairs.add(new int[] {a, b});
                    }
                }
            }
        }
        // order.get(place) is a participant's index in the catalog order.
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < participants.size(); i++) {
            order.add(i);
        }
        while (true) {
            long bestCost = cost(order, pairs);
            List<Integer> best = null;
            for (int from = 0; from < order.size(); from++) {
                for (int length = 1; from + length <= order.size(); length++) {
                    for (int to = 0; to + length <= order.size(); to++) {
                        if (to == from) {
                            continue;
                        }
                        final List<Integer> moved = new ArrayList<>(order);
                        final List<Integer> block = new ArrayList<>(moved.subList(from, from + length));
                        moved.subList(from, from + length).clear();
                        moved.addAll(to, block);
                        final long c = cost(moved, pairs);
                        if (c < bestCost) {
                            bestCost = c;
                            best = moved;
                        }
                    }
                }
            }
            if (best == null) {
                return order.stream().map(participants::get).toList();
            }
            order.clear();
            order.addAll(best);
        }
    }

    /**
     * The sum of the distances, in places, between the two sides of every pair; among orders with
     * the same sum, the one nearer the catalog's order (the sum of how far each participant moved)
     * costs less, so the catalog's order stays where the targets do not care.
     */
    private static long cost(final List<Integer> order, final List<int[]> pairs) {
        long sum = 0;
        long moved = 0;
        final int[] place = new int[order.size()];
        for (int p = 0; p < order.size(); p++) {
            place[order.get(p)] = p;
            moved += Math.abs(p - order.get(p));
        }
        for (final int[] pair : pairs) {
            sum += Math.abs(place[pair[0]] - place[pair[1]]);
        }
        // Moved is below n * n, so the sum of distances always weighs more.
        return sum * order.size() * order.size() + moved;
    }
}
