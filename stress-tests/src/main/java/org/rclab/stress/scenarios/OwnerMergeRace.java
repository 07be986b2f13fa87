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
 * Scenario 4: the owner drops its last reference while a non-owner drops the other one.
 *
 * A makes the objects (so a biased scheme makes A their owner); B takes its own reference to
 * each (a non-owner's reference, in the shared count). Then both drop theirs at once. Under
 * biased reference counting this races the owner's merge (local count reaches zero: publish it
 * into the shared word, marked merged) against the non-owner's decrement of the shared word:
 * exactly one of them must free the object. For a scheme without owners it is two threads
 * releasing the last two references, as in scenario 2, with the references taken by both. The
 * two walk the batch in opposite directions, so they meet on some object at the same instant.
 */
@JCStressTest
@Scenario(value = "04-owner-merge-race", paths = {"merges-owner-zero", "background-commits"}, controlFails = true)
@Description("owner decref to zero || non-owner decref (biased counting's merge race): each object freed exactly once")
@Outcome(id = "" + OwnerMergeRace.OBJECTS + ", 0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: every object freed exactly once, by whichever release came last")
@Outcome(id = "[0-9]+, [0-9]+, [1-9][0-9]*", expect = Expect.FORBIDDEN,
        desc = "double-free: owner and non-owner both freed an object, or one released it after it was freed (r3 = how many)")
@Outcome(id = "[0-9]+, [1-9][0-9]*, 0", expect = Expect.FORBIDDEN,
        desc = "leaks: an object survived the release of both references: the merge lost a count (r2 = how many)")
@State
public class OwnerMergeRace {
    /** Objects per sample. */
    static final int OBJECTS = 64;

    private static final ActorRuntime RT = ActorRuntime.checked(OwnerMergeRace.class);

    private final Rendezvous meet = new Rendezvous();
    private RcObject[] objects;
    private int misuseB;

    /**
     * Actor A, the owner: makes the objects, drops its reference to each, then judges.
     *
     * @param r r1 = objects freed, r2 = objects never freed, r3 = frees or releases the runtime
     *          refused as misuse
     */
    @Actor
    public void owner(final III_Result r) {
        final RcRuntime rt = RT.runtime();
        try (ActorRuntime.Turn turn = RT.turn()) {
            objects = Batch.newObjects(rt, OBJECTS);
        }
        meet.meetA(1);
        meet.meetA(2);
        final int misuseA;
        try (ActorRuntime.Turn turn = RT.turn()) {
            misuseA = Batch.decrefEach(rt, objects);
        }
        meet.awaitFinish();
        try (ActorRuntime.Turn turn = RT.turn()) {
            turn.settle();
            final int freed = Batch.countFreed(objects);
            r.r1 = freed;
            r.r2 = OBJECTS - freed;
            r.r3 = misuseA + misuseB;
            objects = null;
        }
    }

    /** Actor B, a non-owner: takes its own reference to each object, then drops it. */
    @Actor
    public void other() {
        meet.meetB(1);
        final RcRuntime rt = RT.runtime();
        int misuse;
        try (ActorRuntime.Turn turn = RT.turn()) {
            misuse = Batch.increfEach(rt, objects);
        }
        meet.meetB(2);
        try (ActorRuntime.Turn turn = RT.turn()) {
            misuse += Batch.decrefEachReversed(rt, objects);
        }
        misuseB = misuse;
        meet.finish();
    }
}
