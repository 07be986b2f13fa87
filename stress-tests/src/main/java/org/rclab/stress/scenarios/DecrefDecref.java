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
 * Scenario 2: two threads release references to one object at the same time, down to zero.
 *
 * The object starts with a burst of references for each actor; both release theirs at once.
 * Exactly one release, the last, must see the count reach zero and free the object. With a
 * plain read-modify-write both threads can read the same count and write the same count minus
 * one: a lost decrement, and the count never reaches zero (a leak). If both saw zero, the
 * object would be freed twice; the runtime catches the second free.
 */
@JCStressTest
@Scenario(value = "02-decref-decref", paths = {"queued", "merges-explicit", "handovers", "background-commits"}, controlFails = true)
@Description("decref || decref down to zero: freed exactly once, never twice, never zero times")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: freed exactly once, by the release of its last reference")
@Outcome(id = "-?[0-9]+, [1-9][0-9]*", expect = Expect.FORBIDDEN,
        desc = "double-free: both threads saw the count reach zero; freed twice, or released after it was freed (r2 = how often)")
@Outcome(id = "[1-9][0-9]*, 0", expect = Expect.FORBIDDEN,
        desc = "leaks: lost decrement: every reference was released but the count stayed above zero (r1 = count left), never freed")
@Outcome(id = "-1, 0", expect = Expect.FORBIDDEN,
        desc = "leaks: the count reached zero but the object was never freed")
@State
public class DecrefDecref {
    /** References each actor releases per sample. */
    static final int BURST = 128;

    private static final ActorRuntime RT = ActorRuntime.checked(DecrefDecref.class);

    private final Rendezvous meet = new Rendezvous();
    private RcObject shared;
    private int misuseB;

    /**
     * Actor A: makes the object with a burst of references for each actor, releases its own,
     * then judges.
     *
     * @param r r1 = the count left if the object was not freed (0 if freed, -1 if not freed at
     *          count zero), r2 = frees or releases the runtime refused as misuse
     */
    @Actor
    public void owner(final II_Result r) {
        final RcRuntime rt = RT.runtime();
        try (ActorRuntime.Turn turn = RT.turn()) {
            shared = rt.newStr("shared");
            for (int i = 1; i < 2 * BURST; i++) {
                rt.incref(shared);
            }
        }
        meet.meetA(1);
        final int misuseA;
        try (ActorRuntime.Turn turn = RT.turn()) {
            misuseA = releaseBurst(rt, shared);
        }
        meet.awaitFinish();
        try (ActorRuntime.Turn turn = RT.turn()) {
            turn.settle();
            if (shared.isFreed()) {
                r.r1 = 0;
            } else {
                final long left = rt.refcount(shared);
                r.r1 = left == 0 ? -1 : (int) left;
            }
            r.r2 = misuseA + misuseB;
            shared = null;
        }
    }

    /** Actor B: releases its burst of references. */
    @Actor
    public void other() {
        meet.meetB(1);
        try (ActorRuntime.Turn turn = RT.turn()) {
            misuseB = releaseBurst(RT.runtime(), shared);
        }
        meet.finish();
    }

    private static int releaseBurst(final RcRuntime rt, final RcObject o) {
        int misuse = 0;
        for (int i = 0; i < BURST; i++) {
            try {
                rt.decref(o);
            } catch (final RefcountMisuseException e) {
                misuse++;
            }
        }
        return misuse;
    }
}
