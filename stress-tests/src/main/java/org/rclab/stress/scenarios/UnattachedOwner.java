package org.rclab.stress.scenarios;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/*
 * A thread that is not attached makes an object and keeps counting it while an attached thread
 * releases references to it.
 *
 * Under biased reference counting the creator would be the object's owner and count with plain
 * stores on the local count; the releaser, finding no merge queue for an owner that never
 * attached, merges the object itself, reading and zeroing that local count at the same moment:
 * a lost count, then a premature free or an over-release. The rule that makes this impossible:
 * a thread that is not attached owns nothing, so what it makes starts merged and everybody counts
 * it atomically. A scheme may instead refuse such a thread (the GIL does: it must hold the lock
 * to touch counts); that is acceptable too. Actor A never attaches, so it judges without a
 * checkpoint: under either rule nothing waits for one.
 */
@JCStressTest
@Scenario(value = "17-unattached-owner", controlFails = true)
@Description("a thread that is not attached counts its own object || an attached thread releases it: the count stays exact")
@Outcome(id = "0, " + Fate.FREED_AT_LAST, expect = Expect.ACCEPTABLE,
        desc = "exact: the count equals the references; freed when its last reference was released")
@Outcome(id = "0, " + UnattachedOwner.REFUSED, expect = Expect.ACCEPTABLE,
        desc = "refused: the scheme does not let a thread that is not attached make objects")
@Outcome(id = "[1-9][0-9]*, [0-9]", expect = Expect.FORBIDDEN,
        desc = "loses-counts: lost increment (r1 = how many): the count is short, the object is freed while still referenced")
@Outcome(id = "-[0-9]+, [0-9]", expect = Expect.FORBIDDEN,
        desc = "leaks: lost decrement (r1 = -how many): the count stays above zero after every reference is gone")
@Outcome(id = "0, " + Fate.FREED_EARLY, expect = Expect.FORBIDDEN,
        desc = "use-after-free: the count looked exact but the object was freed before its last reference was released")
@Outcome(id = "0, " + Fate.NEVER_FREED, expect = Expect.FORBIDDEN,
        desc = "leaks: the count looked exact but the object was not freed when its last reference was released")
@State
public class UnattachedOwner {
    /** References A hands B, and incref/decref pairs A makes meanwhile, per sample. */
    static final int BURST = 64;
    /** r2 when the scheme refused to let actor A make the object: {@value}. */
    static final int REFUSED = 9;

    private static final ActorRuntime RT = ActorRuntime.checked(UnattachedOwner.class);

    private final Rendezvous meet = new Rendezvous();
    private RcObject shared;
    private volatile int misuseB;

    /**
     * Actor A, never attached: makes the object, hands B a burst of references, counts on it
     * while B releases them, then judges.
     *
     * @param r r1 = references minus count (positive: increments lost, negative: decrements
     *          lost), r2 = the object's {@link Fate} when every reference was released, or
     *          {@link #REFUSED}
     */
    @Actor
    public void unattached(final II_Result r) {
        final RcRuntime rt = RT.runtime();
        if (rt.isAttached()) {
            throw new IllegalStateException("actor A must not be attached: the scenario is about a thread that is not");
        }
        RcObject made = null;
        try {
            made = rt.newStr("made by a thread that is not attached");
            for (int i = 0; i < BURST; i++) {
                rt.incref(made);
            }
        } catch (final IllegalStateException refused) {
            made = null;
        }
        shared = made;
        meet.meetA(1);
        if (made == null) {
            meet.awaitFinish();
            r.r1 = 0;
            r.r2 = REFUSED;
            return;
        }
        try {
            for (int i = 0; i < BURST; i++) {
                rt.incref(made);
                rt.decref(made);
            }
        } catch (final RefcountMisuseException e) {
            r.r1 = 0;
            r.r2 = Fate.FREED_EARLY;
            meet.awaitFinish();
            return;
        }
        meet.awaitFinish();
        // A scheme that applies releases late has applied B's now; one it found over-released
        // freed the object early.
        boolean lateMisuse = false;
        try {
            rt.quiesce();
        } catch (final RefcountMisuseException e) {
            lateMisuse = true;
        }
        r.r1 = (int) (1 - rt.refcount(made));
        r.r2 = lateMisuse || misuseB != 0 || made.isFreed() ? Fate.FREED_EARLY : releaseLast(rt, made);
        shared = null;
    }

    /** A's last reference: with none lost, this release frees the object at once. */
    private static int releaseLast(final RcRuntime rt, final RcObject o) {
        try {
            rt.decref(o);
            rt.quiesce();
        } catch (final RefcountMisuseException e) {
            return Fate.FREED_EARLY;
        }
        return o.isFreed() ? Fate.FREED_AT_LAST : Fate.NEVER_FREED;
    }

    /** Actor B, attached: releases the burst of references A handed it. */
    @Actor
    public void attached() {
        meet.meetB(1);
        final RcObject o = shared;
        if (o != null) {
            final RcRuntime rt = RT.runtime();
            try (ActorRuntime.Turn turn = RT.turn()) {
                for (int i = 0; i < BURST; i++) {
                    rt.decref(o);
                }
            } catch (final RefcountMisuseException e) {
                misuseB = 1;
            }
        }
        meet.finish();
    }
}
