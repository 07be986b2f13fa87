package org.rclab.stress.scenarios;

import java.util.concurrent.TimeUnit;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/*
 * Scenario 6: the thread that made the objects exits while another thread still holds them.
 *
 * Each sample starts a short-lived owner thread: it attaches, makes the objects, gives B a
 * reference to each, drops its own, and detaches (exits). B drops its references meanwhile.
 * Under biased reference counting B's decrement may queue an object on the owner just as the
 * owner drains its queue and unregisters, or find the owner gone and merge the object itself;
 * either way each object must be freed exactly once when its last reference goes. For other
 * schemes it is a thread exit racing a cross-thread release. B walks the batch backwards, so it
 * meets the owner's forward walk on some object at the same instant.
 */
@JCStressTest
@Scenario(value = "06-owner-exit", paths = {"queued", "merges-explicit", "merged-by-non-owner"}, controlFails = true)
@Description("owner thread exits while another thread holds references: each object freed exactly once when the last goes")
@Outcome(id = "" + OwnerExit.OBJECTS + ", 0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: every object freed exactly once, after its owner had exited or while it was exiting")
@Outcome(id = "[0-9]+, [0-9]+, [1-9][0-9]*", expect = Expect.FORBIDDEN,
        desc = "double-free: an object was freed twice, or released after it was freed (r3 = how many)")
@Outcome(id = "[0-9]+, [1-9][0-9]*, 0", expect = Expect.FORBIDDEN,
        desc = "leaks: an object outlived both references: stranded on the exited owner (r2 = how many)")
@State
public class OwnerExit {
    /** Objects per sample. */
    static final int OBJECTS = 32;

    private static final ActorRuntime RT = ActorRuntime.checked(OwnerExit.class);

    private final Rendezvous meet = new Rendezvous();
    private RcObject[] objects;
    private volatile int misuseOwner;
    private volatile Throwable ownerFailure;
    private int misuseB;

    /**
     * Actor A: runs the short-lived owner thread, waits for it to exit and for B, then judges.
     *
     * @param r r1 = objects freed, r2 = objects never freed, r3 = frees or releases the runtime
     *          refused as misuse
     */
    @Actor
    public void starter(final III_Result r) {
        final Thread owner = new Thread(this::ownThenExit, "rclab-exiting-owner");
        owner.start();
        try {
            owner.join(TimeUnit.SECONDS.toMillis(Rendezvous.GIVE_UP_SECONDS));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the owner thread", e);
        }
        if (owner.isAlive()) {
            throw new IllegalStateException("the owner thread did not exit within " + Rendezvous.GIVE_UP_SECONDS + " s");
        }
        if (ownerFailure != null) {
            throw new IllegalStateException("the owner thread failed", ownerFailure);
        }
        meet.awaitFinish();
        try (ActorRuntime.Turn turn = RT.turn()) {
            turn.settle();
            final int freed = Batch.countFreed(objects);
            r.r1 = freed;
            r.r2 = OBJECTS - freed;
            r.r3 = misuseOwner + misuseB;
            objects = null;
        }
    }

    /** The owner thread's whole life: attach, make, share, drop, exit. */
    private void ownThenExit() {
        final RcRuntime rt = RT.runtime();
        try (RuntimeThread self = rt.attach()) {
            objects = Batch.newObjects(rt, OBJECTS);
            Batch.increfEach(rt, objects);
            self.release();
            meet.meetA(1);
            self.reacquire();
            misuseOwner = Batch.decrefEach(rt, objects);
        } catch (final RuntimeException | Error e) {
            // Reported by the actor that started this thread, so the sample fails loudly.
            ownerFailure = e;
        }
    }

    /** Actor B: drops the reference the owner gave it, while the owner exits. */
    @Actor
    public void other() {
        meet.meetB(1);
        try (ActorRuntime.Turn turn = RT.turn()) {
            misuseB = Batch.decrefEachReversed(RT.runtime(), objects);
        }
        meet.finish();
    }
}
