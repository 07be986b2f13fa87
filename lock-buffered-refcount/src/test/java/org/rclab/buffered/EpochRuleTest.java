package org.rclab.buffered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The epoch rule, stepped: two attached threads log an increment and a decrement of one object in
 * an order the test fixes, and the test runs the commit's cuts and applies by hand (the runtime has
 * no commit thread), checking after every step that the object is alive while a reference to it
 * exists. The decrement is always logged after the increment it follows (each step returns before
 * the next starts), as the rule's argument assumes.
 */
class EpochRuleTest {
    private RcRuntime rt;
    private Committer committer;
    private AttachedWorker a;
    private AttachedWorker b;

    @BeforeEach
    void open() {
        rt = RcRuntime.builder(new BufferedScheme()).option(BufferedScheme.COMMIT_THREAD, "off").build();
        committer = ((BufferedScheme.Instance) rt.schemeInstance()).committer();
        a = new AttachedWorker(rt, "A");
        b = new AttachedWorker(rt, "B");
    }

    @AfterEach
    void close() throws InterruptedException {
        a.close();
        b.close();
        rt.close();
        rt.heap().assertNoLeaks();
    }

    private RcObject make(final AttachedWorker maker) throws Exception {
        final RcObject[] made = new RcObject[1];
        maker.step(self -> made[0] = rt.newStr("x"));
        return made[0];
    }

    private ThreadLog log(final AttachedWorker worker) throws Exception {
        return (ThreadLog) worker.handle().schemeState();
    }

    @Test
    void increfAndDecrefInOneBatchLeaveTheObjectAlive() throws Exception {
        final RcObject o = make(b);                    // B's reference: count 1
        a.step(self -> rt.incref(o));                  // A takes a reference from B's
        b.step(self -> rt.decref(o));                  // then B drops its own
        committer.commitRound(false);                  // batch 1: A's increment applied, B's decrement waits
        assertFalse(o.isFreed());
        assertEquals(2, rt.refcount(o), "the increment is applied in its own round");
        committer.commitRound(false);                  // batch 1's decrement
        assertFalse(o.isFreed(), "A still holds a reference");
        assertEquals(1, rt.refcount(o));
        a.step(self -> rt.decref(o));
        committer.commitRound(false);
        assertFalse(o.isFreed(), "a decrement is applied one round after its cut, never in it");
        committer.commitRound(false);
        assertTrue(o.isFreed(), "freed once the last decrement is applied");
    }

    @Test
    void incrementCutInTheNextBatchStillPrecedesTheDecrement() throws Exception {
        final RcObject o = make(b);
        // One round whose cut reads A's log before A logs its increment, and B's log after B
        // logged the decrement that follows it: the increment falls in the next batch.
        committer.cut(log(a));
        a.step(self -> rt.incref(o));
        b.step(self -> rt.decref(o));
        committer.cut(log(b));
        committer.apply();
        assertFalse(o.isFreed(), "the decrement was applied before the increment that happened before it");
        assertEquals(1, rt.refcount(o), "neither change is applied: the increment is in the next batch");
        committer.commitRound(false);                  // A's increment, then B's decrement
        assertFalse(o.isFreed(), "A still holds a reference");
        assertEquals(1, rt.refcount(o));
        a.step(self -> rt.decref(o));
        rt.quiesce();
        assertTrue(o.isFreed());
    }

    @Test
    void itemReadUnderTheListLockOutlivesTheListsRelease() throws Exception {
        // B owns a list holding o; A reads o out under the list's lock (its increment), then B
        // removes it and drops the list. Every cut falls between two of these steps in turn.
        final RcList[] list = new RcList[1];
        final RcObject o = make(b);
        b.step(self -> {
            list[0] = rt.newList();
            list[0].append(o);
            rt.decref(o);
        });
        committer.commitRound(false);
        final RcObject[] read = new RcObject[1];
        committer.cut(log(a));
        a.step(self -> read[0] = list[0].get(0));
        b.step(self -> {
            list[0].clear();
            rt.decref(list[0]);
        });
        committer.cut(log(b));
        committer.apply();
        committer.commitRound(false);
        committer.commitRound(false);
        assertTrue(list[0].isFreed(), "the list is freed");
        assertFalse(o.isFreed(), "A's reference keeps the item alive");
        assertEquals(1, rt.refcount(o));
        a.step(self -> rt.decref(read[0]));
        rt.quiesce();
        assertTrue(o.isFreed());
    }

    @Test
    void freeingAContainerOnTheCommittingThreadAppliesItsItemsAtOnce() throws Exception {
        final RcObject[] made = new RcObject[2];
        b.step(self -> {
            final RcList list = rt.newList();
            final RcObject item = rt.newStr("item");
            list.append(item);
            rt.decref(item);
            rt.decref(list);
            made[0] = list;
            made[1] = item;
        });
        rt.quiesce();
        assertTrue(made[0].isFreed());
        assertTrue(made[1].isFreed(), "the list's release of its item is applied by the round that freed the list");
    }

    @Test
    void logOfAThreadThatEndedWithoutDetachingIsApplied() throws Exception {
        final RcObject o = make(a);
        a.step(self -> {
            rt.incref(o);
            rt.decref(o);
            rt.decref(o);
        });
        final RuntimeThread handle = a.handle();
        a.endWithoutDetaching();
        assertTrue(handle.isAttached(), "the worker ended still attached");
        rt.quiesce();
        assertTrue(o.isFreed(), "the dead thread's decrements were applied");
    }
}
