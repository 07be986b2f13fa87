package org.rclab.stress.scenarios;

import org.openjdk.jcstress.infra.results.II_Result;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/**
 * What became of an object when its known references were released, as the runtime saw it.
 * Scenarios report these codes as outcome values.
 */
public final class Fate {
    /** Freed by the release of its last reference, not before: {@value}. */
    public static final int FREED_AT_LAST = 0;
    /** Freed before its last reference was released (the runtime caught the later release): {@value}. */
    public static final int FREED_EARLY = 1;
    /** Still alive after every reference was released: {@value}. */
    public static final int NEVER_FREED = 2;

    private Fate() {
    }

    /**
     * Releases the references a sample knows an object has, one by one, and says when it was
     * freed. The caller holds a turn, and passes a checkpoint before judging a scheme that may
     * free at the owner's checkpoint; this method does that itself before its last look. A
     * scheme that applies releases late is settled ({@link ActorRuntime.Turn#settle()}) before
     * the last release, so an object it freed early is seen then, and again before the last look.
     *
     * @param turn the caller's turn
     * @param runtime the runtime
     * @param o the object
     * @param references how many references exist, by the sample's own bookkeeping
     * @return {@link #FREED_AT_LAST}, {@link #FREED_EARLY} or {@link #NEVER_FREED}
     */
    public static int release(final ActorRuntime.Turn turn, final RcRuntime runtime, final RcObject o,
                              final long references) {
        try {
            for (long i = 0; i < references; i++) {
                if (i == references - 1) {
                    turn.settle();
                }
                if (o.isFreed()) {
                    return FREED_EARLY;
                }
                runtime.decref(o);
            }
            turn.settle();
        } catch (final RefcountMisuseException e) {
            // A release the runtime refused, or one a deferring scheme found late: the count
            // reached zero before the sample's last reference was released.
            return FREED_EARLY;
        }
        return o.isFreed() ? FREED_AT_LAST : NEVER_FREED;
    }

    /**
     * The judgement of the counting rows: passes a checkpoint, records how far the count is from
     * the references the sample knows exist, then releases them all and records the object's fate.
     *
     * @param turn the judging actor's turn
     * @param runtime the runtime
     * @param o the object
     * @param references how many references exist, by the sample's own bookkeeping
     * @param r r1 = references minus count (positive: increments lost, negative: decrements
     *          lost), r2 = the object's fate ({@link #release})
     */
    public static void judgeCount(final ActorRuntime.Turn turn, final RcRuntime runtime, final RcObject o,
                                  final long references, final II_Result r) {
        turn.settle();
        r.r1 = (int) (references - runtime.refcount(o));
        r.r2 = release(turn, runtime, o, references);
    }
}
