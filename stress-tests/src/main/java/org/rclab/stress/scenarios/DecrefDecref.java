package org.rclab.stress.scenarios;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/*
 * Scenario 2: two threads drop the last two references to the same objects at the same time.
 *
 * Each object starts with two references, one per actor; both actors release theirs. Exactly
 * one release must see the count reach zero and free the object. With a plain read-modify-write
 * both can read 2 and write 1: a lost decrement, and the object is never freed (a leak). If both
 * saw zero, the object would be freed twice; the runtime catches the second free.
 */
@JCStressTest
@Scenario("02-decref-decref")
@Description("decref || decref down to zero: each object freed exactly once, never twice, never zero times")
@Outcome(id = "" + DecrefDecref.OBJECTS + ", 0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: every object freed exactly once, by the release of its last reference")
@Outcome(id = "[0-9]+, [0-9]+, [1-9][0-9]*", expect = Expect.FORBIDDEN,
        desc = "double-free: both threads saw a count reach zero; an object was freed twice or released after it was freed (r3 = how many)")
@Outcome(id = "[0-9]+, [1-9][0-9]*, 0", expect = Expect.FORBIDDEN,
        desc = "leaks: lost decrement: an object was never freed although both references were released (r2 = how many)")
@State
public class DecrefDecref {
    /** Objects per sample. */
    static final int OBJECTS = 64;

    private static final ActorRuntime RT = ActorRuntime.checked();

    private final Rendezvous meet = new Rendezvous();
    private RcObject[] objects;
    private int misuseB;

    /**
     * Actor A: makes the objects with a reference for each actor, drops its own, then judges.
     *
     * @param r r1 = objects freed, r2 = objects never freed, r3 = frees or releases the runtime
     *          refused as misuse
     */
    @Actor
    public void owner(final III_Result r) {
        final RcRuntime rt = RT.runtime();
        try (ActorRuntime.Turn turn = RT.turn()) {
            objects = Batch.newObjects(rt, OBJECTS);
            Batch.increfEach(rt, objects);
        }
        meet.meetA(1);
        final int misuseA;
        try (ActorRuntime.Turn turn = RT.turn()) {
            misuseA = Batch.decrefEach(rt, objects);
        }
        meet.awaitFinish();
        try (ActorRuntime.Turn turn = RT.turn()) {
            turn.checkpoint();
            final int freed = Batch.countFreed(objects);
            r.r1 = freed;
            r.r2 = OBJECTS - freed;
            r.r3 = misuseA + misuseB;
        }
    }

    /** Actor B: drops its reference to each object. */
    @Actor
    public void other() {
        meet.meetB(1);
        try (ActorRuntime.Turn turn = RT.turn()) {
            misuseB = Batch.decrefEach(RT.runtime(), objects);
        }
        meet.finish();
    }
}
