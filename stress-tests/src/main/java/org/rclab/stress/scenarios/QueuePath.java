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
 * Scenario 5: objects made by one thread are released only by another.
 *
 * A makes the objects and hands its only reference to each to B; B releases them. Under biased
 * reference counting B is a non-owner whose decrement would push the shared count below zero,
 * so it queues the object on A's merge queue instead, and A frees it when it merges at a
 * checkpoint. A keeps running and passing checkpoints while B releases, so the merges race the
 * queueing. Every object must end freed, once. For a scheme without owners B's release simply
 * frees the object.
 */
@JCStressTest
@Scenario(value = "05-queue-path", paths = {"queued", "merges-explicit"})
@Description("objects created by A, released only by B (biased counting's queue path): freed, not leaked")
@Outcome(id = "" + QueuePath.OBJECTS + ", 0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: every object freed exactly once after its only reference moved threads and was released")
@Outcome(id = "[0-9]+, [0-9]+, [1-9][0-9]*", expect = Expect.FORBIDDEN,
        desc = "double-free: an object was freed twice, or released after it was freed (r3 = how many)")
@Outcome(id = "[0-9]+, [1-9][0-9]*, 0", expect = Expect.FORBIDDEN,
        desc = "leaks: an object released by another thread was never freed: lost on the way to its owner (r2 = how many)")
@State
public class QueuePath {
    /** Objects per sample. */
    static final int OBJECTS = 64;

    private static final ActorRuntime RT = ActorRuntime.checked(QueuePath.class);

    private final Rendezvous meet = new Rendezvous();
    private RcObject[] objects;
    private int misuseB;

    /**
     * Actor A, the creator: makes the objects, then passes checkpoints until B is done, then
     * judges.
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
        // One turn per round, as an interpreter loop would: each ends at a checkpoint and lets
        // a GIL pass to B; the yield gives B the CPU it may be waiting for on a small machine.
        while (!meet.isFinished()) {
            try (ActorRuntime.Turn turn = RT.turn()) {
                turn.checkpoint();
            }
            Thread.yield();
        }
        try (ActorRuntime.Turn turn = RT.turn()) {
            turn.settle();
            final int freed = Batch.countFreed(objects);
            r.r1 = freed;
            r.r2 = OBJECTS - freed;
            r.r3 = misuseB;
            objects = null;
        }
    }

    /** Actor B: releases the only reference to each object. */
    @Actor
    public void other() {
        meet.meetB(1);
        try (ActorRuntime.Turn turn = RT.turn()) {
            misuseB = Batch.decrefEach(RT.runtime(), objects);
        }
        meet.finish();
    }
}
