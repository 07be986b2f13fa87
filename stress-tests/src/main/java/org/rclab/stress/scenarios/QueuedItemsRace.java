package org.rclab.stress.scenarios;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/*
 * Scenario 16: containers freed at once by two threads, each holding the other's items, so the
 * items land in their owners' merge queues while the owners are freeing and merging themselves.
 *
 * Each actor makes its items and a list, and puts its items into both lists with its own
 * increments (under biased counting they sit in the maker's local count, the shared count zero).
 * Then both free their lists at once. Freeing a list releases every item: an actor's own items
 * lose one local reference; the other's items are released by a non-owner with a shared count of
 * zero, so they are queued to their owner, who is itself freeing and passes checkpoints (merges)
 * until the other is done. Each item must be freed exactly once, when its second list goes.
 */
@JCStressTest
@Scenario(value = "16-free-queued-items", paths = {"queued", "merges-explicit"}, controlFails = true)
@Description("two lists freed at once, each holding both threads' items: items queued to owners that are freeing too; each freed exactly once")
@Outcome(id = "" + (2 * QueuedItemsRace.ITEMS) + ", 0, 0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: every item freed exactly once, after both lists were freed")
@Outcome(id = "[0-9]+, [0-9]+, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
        desc = "double-free: an item was freed twice, or released after it was freed (r3 = how many)")
@Outcome(id = "[0-9]+, [1-9][0-9]*, 0, 0", expect = Expect.FORBIDDEN,
        desc = "leaks: an item outlived both lists: a release was lost or stranded in a queue (r2 = how many)")
@Outcome(id = "[0-9]+, [0-9]+, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
        desc = "loses-counts: the two threads' appends corrupted a list, and an append or the list's free failed (r4 = how many)")
@State
public class QueuedItemsRace {
    /** Items each actor makes per sample. */
    static final int ITEMS = 32;

    private static final ActorRuntime RT = ActorRuntime.checked(QueuedItemsRace.class);
    private static final int RELEASED = 0;
    private static final int MISUSE = 1;
    private static final int BROKEN = 2;

    private final Rendezvous meet = new Rendezvous();
    private RcList listA;
    private RcList listB;
    private RcObject[] itemsA;
    private RcObject[] itemsB;
    private int releasedB;
    private int failedB;

    /**
     * Actor A: makes its items and list, fills both lists, frees its list, merges until B is
     * done, then judges.
     *
     * @param r r1 = items freed, r2 = items never freed, r3 = releases the runtime refused as misuse,
     *          r4 = appends that failed
     */
    @Actor
    public void first(final IIII_Result r) {
        final RcRuntime rt = RT.runtime();
        try (ActorRuntime.Turn turn = RT.turn()) {
            listA = rt.newList();
            itemsA = Batch.newObjects(rt, ITEMS);
        }
        meet.meetA(1);
        final int failed;
        try (ActorRuntime.Turn turn = RT.turn()) {
            failed = fill(itemsA, listA, listB);
        }
        meet.meetA(2);
        final int released;
        try (ActorRuntime.Turn turn = RT.turn()) {
            released = release(rt, listA);
        }
        meet.arriveA(3);
        mergeUntil(() -> meet.hasReachedB(3));
        meet.awaitFinish();
        try (ActorRuntime.Turn turn = RT.turn()) {
            turn.settle();
            final int freed = Batch.countFreed(itemsA) + Batch.countFreed(itemsB);
            r.r1 = freed;
            r.r2 = 2 * ITEMS - freed;
            r.r3 = (released == MISUSE ? 1 : 0) + (releasedB == MISUSE ? 1 : 0);
            r.r4 = failed + failedB + (released == BROKEN ? 1 : 0) + (releasedB == BROKEN ? 1 : 0);
            listA = null;
            listB = null;
            itemsA = null;
            itemsB = null;
        }
    }

    /** Actor B: the same with its own items and list; passes a last checkpoint once A is done freeing. */
    @Actor
    public void second() {
        final RcRuntime rt = RT.runtime();
        try (ActorRuntime.Turn turn = RT.turn()) {
            listB = rt.newList();
            itemsB = Batch.newObjects(rt, ITEMS);
        }
        meet.meetB(1);
        try (ActorRuntime.Turn turn = RT.turn()) {
            failedB = fill(itemsB, listB, listA);
        }
        meet.meetB(2);
        try (ActorRuntime.Turn turn = RT.turn()) {
            releasedB = release(rt, listB);
        }
        meet.arriveB(3);
        mergeUntil(() -> meet.hasReachedA(3));
        // A freed its list before reaching point 3: whatever it queued here is merged now.
        try (ActorRuntime.Turn turn = RT.turn()) {
            turn.checkpoint();
        }
        meet.finish();
    }

    /**
     * Puts the caller's items into its own list and the other's, then drops its own references.
     * The other thread appends to the same lists meanwhile: a scheme without sections can corrupt
     * them, and a failed append is counted rather than thrown (the other actor would wait for
     * this one forever).
     *
     * @return how many appends failed
     */
    private static int fill(final RcObject[] items, final RcList own, final RcList others) {
        final RcRuntime rt = RT.runtime();
        int failed = 0;
        for (final RcObject item : items) {
            try {
                own.append(item);
                others.append(item);
            } catch (final RuntimeException e) {
                failed++;
            }
            ListRace.releaseQuietly(rt, item);
        }
        return failed;
    }

    /** Frees a list; returns {@link #RELEASED}, {@link #MISUSE} or {@link #BROKEN}. */
    private static int release(final RcRuntime rt, final RcList list) {
        try {
            rt.decref(list);
            return RELEASED;
        } catch (final RefcountMisuseException e) {
            return MISUSE;
        } catch (final RuntimeException e) {
            // A list the two threads' appends corrupted cannot be walked to its end.
            return BROKEN;
        }
    }

    /**
     * Passes checkpoints, one turn each, until the condition holds (a biased scheme merges its
     * queue here); gives up like a {@link Rendezvous} wait if the other actor never gets there.
     */
    private static void mergeUntil(final BooleanSupplier done) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Rendezvous.GIVE_UP_SECONDS);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up after " + Rendezvous.GIVE_UP_SECONDS
                        + " s waiting for the other actor to finish freeing");
            }
            try (ActorRuntime.Turn turn = RT.turn()) {
                turn.checkpoint();
            }
            Thread.yield();
        }
    }
}
