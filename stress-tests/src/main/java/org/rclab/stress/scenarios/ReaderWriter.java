package org.rclab.stress.scenarios;

import java.util.Arrays;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.rclab.heap.MisuseKind;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/*
 * Scenario 8: a reader takes an item out of a list while a writer replaces it.
 *
 * The writer's replace drops the list's reference to the old item, which frees it. A reader that
 * loaded the old item just before must not then add a reference to it: that would resurrect a
 * freed object (use after free). A scheme that reads without the list's lock (biased counting's
 * lock-free reads) needs a try-incref that fails on a dying object and a recheck that the list
 * still holds it. The writer replaces the item over and over; the reader reads it, uses it and
 * drops it over and over.
 */
@JCStressTest
@Scenario("08-read-replace")
@Description("reader takes an item out of a list || writer replaces it: no resurrection, no use after free")
@Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: the reader only ever held live items; every replaced item was freed once")
@Outcome(id = "[1-9][0-9]*, [0-9]+, [0-9]+", expect = Expect.FORBIDDEN,
        desc = "use-after-free: the reader got or used an item the writer had already freed: resurrection (r1 = how many)")
@Outcome(id = "0, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
        desc = "double-free: a replaced item was freed twice (r2 = how many)")
@Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
        desc = "leaks: a replaced item was never freed after the reader let go of it (r3 = how many)")
@State
public class ReaderWriter {
    /** Replacements the writer makes, and reads the reader makes, per sample. */
    static final int ROUNDS = 32;

    private static final ActorRuntime RT = ActorRuntime.checked();

    private final Rendezvous meet = new Rendezvous();
    private RcList list;
    private int useAfterFreeB;
    private int doubleFreeB;

    /**
     * Actor A, the writer: fills slot 0, replaces it {@value #ROUNDS} times, then judges.
     *
     * @param r r1 = uses of freed items, r2 = double frees, r3 = replaced items never freed
     */
    @Actor
    public void writer(final III_Result r) {
        final RcRuntime rt = RT.runtime();
        final RcObject[] items;
        try (ActorRuntime.Turn turn = RT.turn()) {
            list = rt.newList();
            items = Batch.newObjects(rt, ROUNDS + 1);
            list.append(items[0]);
            rt.decref(items[0]);
        }
        meet.meetA(1);
        int useAfterFree = 0;
        int doubleFree = 0;
        try (ActorRuntime.Turn turn = RT.turn()) {
            for (int i = 1; i <= ROUNDS; i++) {
                try {
                    list.set(0, items[i]);
                    // The list now holds the only reference, so the next set frees this item
                    // unless the reader holds it.
                    rt.decref(items[i]);
                } catch (final RefcountMisuseException e) {
                    if (e.kind() == MisuseKind.DOUBLE_FREE) {
                        doubleFree++;
                    } else {
                        useAfterFree++;
                    }
                }
            }
        }
        meet.awaitFinish();
        try (ActorRuntime.Turn turn = RT.turn()) {
            turn.checkpoint();
            r.r1 = useAfterFree + useAfterFreeB;
            r.r2 = doubleFree + doubleFreeB;
            // Items 0..ROUNDS-1 were replaced; the last one is still in the list.
            r.r3 = ROUNDS - Batch.countFreed(Arrays.copyOf(items, ROUNDS));
            ListRace.releaseQuietly(rt, list);
            list = null;
        }
    }

    /** Actor B, the reader: reads slot 0, uses the item, and drops it, {@value #ROUNDS} times. */
    @Actor
    public void reader() {
        meet.meetB(1);
        final RcRuntime rt = RT.runtime();
        int useAfterFree = 0;
        int doubleFree = 0;
        try (ActorRuntime.Turn turn = RT.turn()) {
            for (int i = 0; i < ROUNDS; i++) {
                try {
                    final RcObject item = list.get(0);
                    // Using the item: the runtime refuses a freed one.
                    rt.checkUsable(item);
                    rt.decref(item);
                } catch (final RefcountMisuseException e) {
                    if (e.kind() == MisuseKind.DOUBLE_FREE) {
                        doubleFree++;
                    } else {
                        useAfterFree++;
                    }
                }
            }
        }
        useAfterFreeB = useAfterFree;
        doubleFreeB = doubleFree;
        meet.finish();
    }
}
