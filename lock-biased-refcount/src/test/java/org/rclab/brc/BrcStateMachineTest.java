package org.rclab.brc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rclab.heap.MisuseKind;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.heap.Tracking;
import org.rclab.object.Header;
import org.rclab.object.RcInt;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.RefCounter;

/**
 * The {@code brc} state machine, one transition at a time. The test thread is one party ("A"
 * unless said otherwise); {@link Actor}s are the others, each step run to completion before the
 * next, so every header value asserted here is the only one possible.
 */
class BrcStateMachineTest {
    private RcRuntime rt;
    private RuntimeThread self;
    private final List<Actor> actors = new ArrayList<>();

    @BeforeEach
    void openRuntime() {
        rt = RcRuntime.builder(new BrcScheme()).tracking(Tracking.OBJECTS).build();
        self = rt.attach();
    }

    @AfterEach
    void closeRuntime() {
        for (final Actor actor : actors) {
            actor.close();
        }
        if (self.isAttached()) {
            self.detach();
        }
        rt.close();
    }

    private Actor actor(final String name) {
        final Actor actor = new Actor(name, rt);
        actors.add(actor);
        actor.attach();
        return actor;
    }

    private long metric(final String name) {
        return rt.metrics().value(name);
    }

    private static long shared(final RcObject o) {
        return Header.sharedVolatile(o);
    }

    // ------------------------------------------------------------------ owner only

    @Test
    void ownerOnlyLifeStaysInTheLocalCountAndFreesAtZero() {
        final RcStr s = rt.newStr("mine");
        assertSame(Thread.currentThread(), Header.ownerPlain(s));
        assertEquals(1, Header.localOpaque(s));
        assertEquals(SharedWord.DEFAULT, shared(s));

        for (int i = 0; i < 3; i++) {
            rt.incref(s);
        }
        assertEquals(4, Header.localOpaque(s));
        assertEquals(SharedWord.DEFAULT, shared(s), "the owner never touches the shared word");
        for (int i = 0; i < 3; i++) {
            rt.decref(s);
        }
        assertEquals(1, rt.refcount(s));
        rt.decref(s);

        assertTrue(s.isFreed());
        assertEquals(1, rt.heap().freed());
        assertEquals(0, metric(BrcMetrics.MERGES_OWNER_ZERO), "a zero shared word frees at once, no merge");
        assertEquals(0, metric(BrcMetrics.QUEUED));
        rt.heap().assertNoLeaks();
    }

    @Test
    void intMadeThroughTheHandleIsOwnedByItsThreadAndFreedByItsDecref() {
        final RcInt i = self.newInt(100_000);
        assertSame(Thread.currentThread(), Header.ownerPlain(i));
        assertEquals(1, Header.localOpaque(i));
        assertEquals(SharedWord.DEFAULT, shared(i));
        self.decref(i);
        assertTrue(i.isFreed());
        assertEquals(1, rt.heap().freed());
        assertEquals(0, metric(BrcMetrics.MERGES_OWNER_ZERO));
        rt.heap().assertNoLeaks();
    }

    /**
     * Without strict checks nothing stops a thread from using another's handle; the object is
     * then owned by the handle's thread, which is registered, and the misusing thread's counts
     * go to the shared word, so no count is lost (BiasedRefCounter#init(RcObject, RuntimeThread)).
     */
    @Test
    void handleMisusedByAnUnattachedThreadWithoutStrictChecksMakesTheHandlesThreadTheOwner() {
        self.detach();
        try (RcRuntime loose = RcRuntime.builder(new BrcScheme()).strictChecks(false).build()) {
            try (RuntimeThread mine = loose.attach()) {
                final Actor b = new Actor("B", loose);
                actors.add(b);
                final RcInt i = b.call(() -> mine.newInt(100_000));
                assertSame(Thread.currentThread(), Header.ownerPlain(i), "owned by the handle's thread, not by B");
                assertEquals(1, Header.localOpaque(i));
                b.run(() -> loose.decref(i));
                assertEquals(SharedWord.QUEUED, shared(i), "B is not the owner: its release is queued");
                mine.checkpoint();
                assertTrue(i.isFreed());
                loose.heap().assertNoLeaks();
            }
        }
    }

    // ------------------------------------------------------------------ queue path

    @Test
    void objectMadeByAAndReleasedOnlyByBIsQueuedAndFreedWhenACheckpoints() {
        final Actor b = actor("B");
        final RcStr s = rt.newStr("handed to B");

        b.run(() -> rt.decref(s));
        assertEquals(SharedWord.QUEUED, shared(s), "queued without subtracting: the queue holds the reference");
        assertEquals(1, rt.refcount(s));
        assertFalse(s.isFreed());
        assertEquals(1, metric(BrcMetrics.QUEUED));
        assertEquals(1, metric(BrcMetrics.QUEUE_HIGH_WATER));

        self.checkpoint();
        assertTrue(s.isFreed(), "A's checkpoint merged the queue's reference away");
        assertEquals(1, metric(BrcMetrics.MERGES_EXPLICIT));
        assertEquals(0, metric(BrcMetrics.MERGED_BY_NON_OWNER));
        assertEquals(1, rt.heap().freed());
        rt.heap().assertNoLeaks();
    }

    @Test
    void queuedObjectStillHeldByItsOwnerIsMergedNotFreed() {
        final Actor b = actor("B");
        final RcStr s = rt.newStr("shared");
        rt.incref(s);

        b.run(() -> rt.decref(s));
        self.checkpoint();
        assertFalse(s.isFreed());
        assertNull(Header.ownerPlain(s), "the explicit merge ends ownership");
        assertEquals(0, Header.localOpaque(s));
        assertEquals(SharedWord.of(1, SharedWord.MERGED), shared(s));

        rt.decref(s);
        assertTrue(s.isFreed(), "after the merge the owner's release is an ordinary shared one");
        rt.heap().assertNoLeaks();
    }

    @Test
    void releasesBeyondTheQueuedOneTakeTheSharedCountNegative() {
        final Actor b = actor("B");
        final RcStr s = rt.newStr("three refs");
        rt.incref(s);
        rt.incref(s);

        b.run(() -> {
            rt.decref(s);
            rt.decref(s);
        });
        assertEquals(SharedWord.of(-1, SharedWord.QUEUED), shared(s));
        assertEquals(2, rt.refcount(s), "A's reference and the queue's");

        self.checkpoint();
        assertFalse(s.isFreed());
        assertEquals(1, rt.refcount(s));
        rt.decref(s);
        assertTrue(s.isFreed());
        rt.heap().assertNoLeaks();
    }

    @Test
    void queueHighWaterRecordsTheMostObjectsWaitingAtOnce() {
        final Actor b = actor("B");
        final List<RcStr> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(rt.newStr("s" + i));
        }
        b.run(() -> made.forEach(rt::decref));
        assertEquals(5, metric(BrcMetrics.QUEUED));
        assertEquals(5, metric(BrcMetrics.QUEUE_HIGH_WATER));

        self.checkpoint();
        assertTrue(made.stream().allMatch(RcObject::isFreed));
        assertEquals(5, metric(BrcMetrics.MERGES_EXPLICIT));
        rt.heap().assertNoLeaks();
    }

    // ------------------------------------------------------------------ owner reaches zero

    @Test
    void ownerReachingZeroWhileAnotherHoldsAReferenceMergesAndTheOtherFrees() {
        final Actor b = actor("B");
        final RcStr s = rt.newStr("outlives its owner's interest");

        b.run(() -> rt.incref(s));
        assertEquals(SharedWord.of(1, SharedWord.DEFAULT), shared(s));

        rt.decref(s);
        assertFalse(s.isFreed());
        assertNull(Header.ownerPlain(s), "the owner field is cleared by the merge");
        assertEquals(SharedWord.of(1, SharedWord.MERGED), shared(s));
        assertEquals(1, metric(BrcMetrics.MERGES_OWNER_ZERO));

        final long freedBefore = rt.heap().freed();
        b.run(() -> rt.decref(s));
        assertTrue(s.isFreed(), "B's release produced exactly 'count 0, merged'");
        assertEquals(freedBefore + 1, rt.heap().freed());
        rt.heap().assertNoLeaks();
        assertEquals(0, rt.heap().misuseCount());
    }

    @Test
    void ownerZeroMergeOfAQueuedObjectLeavesTheQueueReferenceToTheExplicitMerge() {
        final Actor b = actor("B");
        final RcStr s = rt.newStr("queued, then merged by its owner");
        rt.incref(s);
        rt.incref(s);
        // B is given two of A's three references: it releases one (queued: the queue holds it)
        // and takes a shared one, then hands both it holds back to A.
        b.run(() -> {
            rt.decref(s);
            rt.incref(s);
        });
        assertEquals(SharedWord.of(1, SharedWord.QUEUED), shared(s));
        rt.decref(s);
        rt.decref(s);
        rt.decref(s);
        assertEquals(SharedWord.of(1, SharedWord.MERGED), shared(s), "local reached zero: merged, the queue's reference in the count");
        assertFalse(s.isFreed());

        self.checkpoint();
        assertTrue(s.isFreed(), "the explicit merge took the queue's reference, the last one");
        assertEquals(1, metric(BrcMetrics.MERGES_OWNER_ZERO));
        assertEquals(1, metric(BrcMetrics.MERGES_EXPLICIT));
        rt.heap().assertNoLeaks();
    }

    // ------------------------------------------------------------------ owner exit

    @Test
    void ownerExitingWithObjectsInItsQueueMergesThemAll() {
        final Actor a = actor("A");
        final List<RcStr> made = a.call(() -> {
            final List<RcStr> list = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                list.add(rt.newStr("made by A " + i));
            }
            rt.incref(list.get(0));
            return list;
        });
        made.forEach(rt::decref);
        assertEquals(4, metric(BrcMetrics.QUEUED));
        assertEquals(4, rt.heap().live());

        a.detach();
        assertEquals(4, metric(BrcMetrics.MERGES_EXPLICIT));
        assertTrue(made.subList(1, 4).stream().allMatch(RcObject::isFreed));
        final RcStr kept = made.get(0);
        assertFalse(kept.isFreed(), "A still held a reference to the first one");
        assertNull(Header.ownerPlain(kept));
        assertEquals(SharedWord.of(1, SharedWord.MERGED), shared(kept));
        a.attach();
        a.run(() -> rt.decref(kept));
        assertTrue(kept.isFreed());
        rt.heap().assertNoLeaks();
    }

    @Test
    void nonOwnerReleasingAnObjectWhoseOwnerLeftMergesItItself() {
        final Actor a = actor("A");
        final RcStr s = a.call(() -> rt.newStr("orphan"));
        a.detach();

        rt.decref(s);
        assertTrue(s.isFreed(), "nobody is left to drain a queue: the releaser merged and freed");
        assertEquals(1, metric(BrcMetrics.MERGED_BY_NON_OWNER));
        assertEquals(0, metric(BrcMetrics.QUEUED));
        rt.heap().assertNoLeaks();
    }

    @Test
    void orphanStillReferencedAfterTheReleasersMergeLivesOnAsMerged() {
        final Actor a = actor("A");
        final RcList list = a.call(() -> {
            final RcList made = rt.newList();
            final RcStr item = rt.newStr("item of an orphan");
            made.append(item);
            rt.decref(item);
            rt.incref(made);
            return made;
        });
        a.detach();

        rt.decref(list);
        assertFalse(list.isFreed());
        assertNull(Header.ownerPlain(list));
        assertEquals(SharedWord.of(1, SharedWord.MERGED), shared(list));
        rt.decref(list);
        assertTrue(list.isFreed());
        assertEquals(2, metric(BrcMetrics.MERGED_BY_NON_OWNER), "the list, then its item, both orphans");
        rt.heap().assertNoLeaks();
    }

    @Test
    void threadThatAttachesAgainOwnsItsObjectsAgain() {
        final Actor a = actor("A");
        final RcStr s = a.call(() -> {
            final RcStr made = rt.newStr("owned across a detach");
            rt.incref(made);
            return made;
        });
        a.detach();
        a.attach();
        assertSame(a.thread(), Header.ownerPlain(s), "ownership survives leaving and coming back");
        assertEquals(2, Header.localOpaque(s));

        rt.decref(s);
        assertEquals(1, metric(BrcMetrics.QUEUED), "a registered owner gets the object queued");
        assertEquals(0, metric(BrcMetrics.MERGED_BY_NON_OWNER));
        a.run(() -> rt.decref(s));
        assertFalse(s.isFreed(), "the queue's reference keeps it alive");
        a.checkpoint();
        assertTrue(s.isFreed());
        rt.heap().assertNoLeaks();
    }

    /**
     * The registration cache is direct-mapped by thread id (64 slots) and a slot is claimed only
     * when empty, so a thread whose slot the test thread holds is answered by the registry map:
     * it must still own what it makes while attached, and own nothing it makes after detaching.
     */
    @Test
    void threadSharingAnotherThreadsCacheSlotOwnsExactlyWhileAttached() {
        final long mine = Thread.currentThread().getId();
        Actor b;
        do {
            b = new Actor("B", rt);
            actors.add(b);
        } while (Math.floorMod(b.thread().getId() - mine, 64) != 0);
        final Actor sharer = b;
        sharer.attach();
        final RcStr attachedMade = sharer.call(() -> rt.newStr("made attached"));
        assertSame(sharer.thread(), Header.ownerPlain(attachedMade), "an attached thread owns what it makes");
        assertEquals(SharedWord.DEFAULT, shared(attachedMade));
        sharer.run(() -> rt.decref(attachedMade));
        assertTrue(attachedMade.isFreed());

        sharer.detach();
        final RcStr detachedMade = sharer.call(() -> rt.newStr("made detached"));
        assertNull(Header.ownerPlain(detachedMade), "a detached thread owns nothing");
        assertEquals(SharedWord.of(1, SharedWord.MERGED), shared(detachedMade));
        rt.decref(detachedMade);
        assertTrue(detachedMade.isFreed());
        rt.heap().assertNoLeaks();
    }

    @Test
    void objectMergedWhileItsOwnerWasAwayIsCountedAtomicallyAfterItReturns() {
        final Actor a = actor("A");
        final RcStr s = a.call(() -> {
            final RcStr made = rt.newStr("merged behind its owner's back");
            rt.incref(made);
            return made;
        });
        a.detach();
        rt.decref(s);
        assertNull(Header.ownerPlain(s));
        assertEquals(SharedWord.of(1, SharedWord.MERGED), shared(s));

        a.attach();
        a.run(() -> rt.incref(s));
        assertEquals(SharedWord.of(2, SharedWord.MERGED), shared(s), "the returning thread no longer owns it");
        assertEquals(0, Header.localOpaque(s));
        a.run(() -> {
            rt.decref(s);
            rt.decref(s);
        });
        assertTrue(s.isFreed());
        rt.heap().assertNoLeaks();
    }

    @Test
    void detachingInsideAnOpenSectionFailsOnlyAfterSettlingTheQueue() {
        final Actor a = actor("A");
        final RcList list = rt.newList();
        final RcStr s = a.call(() -> rt.newStr("queued to A"));
        rt.decref(s);
        final CriticalSection open = a.call(() -> rt.enter(list));

        final IllegalStateException e = assertThrows(IllegalStateException.class, a::detach);
        assertTrue(e.getMessage().contains("open critical section"), e.getMessage());
        assertTrue(s.isFreed(), "the queue was merged before the check refused");
        final RcStr later = a.call(() -> rt.newStr("made after leaving"));
        assertNull(Header.ownerPlain(later), "A is no longer registered: what it makes is not its own");
        rt.decref(later);
        assertTrue(later.isFreed());
        assertEquals(0, metric(BrcMetrics.MERGED_BY_NON_OWNER), "born merged: nothing to merge");

        a.run(open::close);
        rt.decref(list);
        rt.heap().assertNoLeaks();
    }

    // ------------------------------------------------------------------ try-incref

    @Test
    void tryIncrefRefusesAZeroSharedWordUnlessTheCallerOwnsTheObject() {
        final Actor b = actor("B");
        final RcStr s = rt.newStr("owned by A");
        assertTrue(rt.tryIncref(s), "the owner with a local count above zero keeps it alive itself");
        assertEquals(2, Header.localOpaque(s));
        assertFalse(b.call(() -> rt.tryIncref(s)), "a non-owner cannot tell whether the owner is freeing it");
        assertEquals(2, rt.refcount(s));

        // A hands its second reference to B, which takes one of its own: a positive shared count.
        b.run(() -> rt.incref(s));
        assertTrue(b.call(() -> rt.tryIncref(s)), "a positive shared count proves it alive");
        assertEquals(SharedWord.of(2, SharedWord.DEFAULT), shared(s));
        b.run(() -> {
            rt.decref(s);
            rt.decref(s);
            rt.decref(s);
        });
        rt.decref(s);
        assertFalse(s.isFreed(), "B's last release, of a locally counted reference, is queued");
        self.checkpoint();
        assertTrue(s.isFreed());
        rt.heap().assertNoLeaks();
    }

    @Test
    void tryIncrefAcceptsAQueuedObjectBecauseTheQueueHoldsAReference() {
        final Actor b = actor("B");
        final RcStr s = rt.newStr("queued");
        b.run(() -> rt.decref(s));
        assertEquals(SharedWord.QUEUED, shared(s));

        assertTrue(b.call(() -> rt.tryIncref(s)));
        self.checkpoint();
        assertFalse(s.isFreed());
        assertEquals(SharedWord.of(1, SharedWord.MERGED), shared(s));
        b.run(() -> rt.decref(s));
        assertTrue(s.isFreed());
        rt.heap().assertNoLeaks();
    }

    @Test
    void tryIncrefRefusesDeadWordsEvenPastTheRuntimesFreedCheck() {
        // The runtime checks the freed bit before calling the scheme; a reader can pass that check
        // just before the object dies. These calls go to the scheme directly, as such a reader's
        // would, and must fail on both words a dead object can have.
        final RefCounter counter = rt.schemeInstance().refCounter();
        final Actor b = actor("B");

        final RcStr freedAtOnce = rt.newStr("owner freed it with a zero shared word");
        rt.decref(freedAtOnce);
        assertEquals(SharedWord.DEFAULT, shared(freedAtOnce));
        assertFalse(b.call(() -> counter.tryIncref(freedAtOnce)));

        final RcStr freedMerged = rt.newStr("freed after a merge");
        b.run(() -> rt.incref(freedMerged));
        rt.decref(freedMerged);
        b.run(() -> rt.decref(freedMerged));
        assertTrue(freedMerged.isFreed());
        assertEquals(SharedWord.MERGED, shared(freedMerged));
        assertFalse(b.call(() -> counter.tryIncref(freedMerged)));
        assertFalse(counter.tryIncref(freedMerged), "its former owner is no longer its owner");
        assertEquals(SharedWord.MERGED, shared(freedMerged), "a refused try-incref writes nothing");
    }

    @Test
    void lockFreeGetDoesNotWaitForTheListsLockWhenTheItemIsProvablyAlive() {
        final Actor holder = actor("lock holder");
        final Actor owner = actor("owner");
        final Actor other = actor("other");
        final RcList list = rt.newList();
        final RcStr item = owner.call(() -> {
            final RcStr made = rt.newStr("item");
            list.append(made);
            return made;
        });
        // The owner's own reference goes to `other`, which takes a second, shared one: the
        // item's shared count is now positive, which proves it alive to a non-owner.
        other.run(() -> rt.incref(item));

        // If either read fell back to the locked path it would wait for the holder, and the
        // actor's liveness guard would fail the test.
        final CriticalSection held = holder.call(() -> rt.enter(list));
        final RcObject byOwner;
        final RcObject byOther;
        try {
            byOwner = owner.call(() -> list.get(0));
            byOther = other.call(() -> list.get(0));
        } finally {
            holder.run(held::close);
        }
        assertSame(item, byOwner);
        assertSame(item, byOther);
        assertEquals(3, Header.localOpaque(item), "the owner's read counted locally");
        assertEquals(SharedWord.of(2, SharedWord.DEFAULT), shared(item), "the other's read counted on the shared word");

        owner.run(() -> rt.decref(byOwner));
        other.run(() -> {
            rt.decref(byOther);
            rt.decref(item);
            rt.decref(item);
        });
        rt.decref(list);
        owner.checkpoint();
        assertTrue(item.isFreed());
        rt.heap().assertNoLeaks();
        assertEquals(0, rt.heap().misuseCount());
    }

    // ------------------------------------------------------------------ misuse

    @Test
    void overReleaseAcrossThreadsIsReportedByTheMergeThatFindsIt() {
        final Actor b = actor("B");
        final RcStr s = rt.newStr("released twice, referenced once");
        b.run(() -> {
            rt.decref(s);
            rt.decref(s);
        });
        final RefcountMisuseException e = assertThrows(RefcountMisuseException.class, self::checkpoint);
        assertEquals(MisuseKind.OVER_RELEASE, e.kind());
        assertTrue(e.getMessage().contains(s.describe()), e.getMessage());
        assertEquals(1, rt.heap().misuseCount(MisuseKind.OVER_RELEASE));
        assertFalse(s.isFreed(), "a count below zero is reported, never freed");
    }

    @Test
    void aCheckpointMergeThatFindsAnOverReleaseLeavesTheRestOfTheQueueToTheNextCheckpoint() {
        final Actor b = actor("B");
        final RcStr bad = rt.newStr("released twice, referenced once");
        final RcStr good = rt.newStr("released once");
        b.run(() -> {
            rt.decref(bad);
            rt.decref(bad);
            rt.decref(good);
        });
        assertThrows(RefcountMisuseException.class, self::checkpoint);
        assertFalse(good.isFreed(), "the drain stopped at the misuse, before the second object");

        self.checkpoint();
        assertTrue(good.isFreed(), "the failed drain asked again for a merge, and this checkpoint made it");
    }

    // ------------------------------------------------------------------ owners that are gone or never came

    /** Runs work on a new thread that ends when the work does, and waits for it to end. */
    private static <T> T onThreadThatEnds(final Callable<T> work) throws Exception {
        final AtomicReference<T> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread = new Thread(() -> {
            try {
                result.set(work.call());
            } catch (final Throwable t) {
                failure.set(t);
            }
        }, "ends-without-detaching");
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the thread failed: " + failure.get(), failure.get());
        }
        return result.get();
    }

    /**
     * The interleaving of the review: T attaches, makes s, appends it to L, drops its own
     * reference and ends without detaching; the test thread pops s and releases it. T is still
     * registered, but dead: the release must merge s at once instead of queueing it to a queue
     * nobody will ever drain.
     */
    @Test
    void releaseOfAnObjectWhoseOwnerEndedWithoutDetachingMergesItAtOnce() throws Exception {
        final RcList list = rt.newList();
        final RcStr s = onThreadThatEnds(() -> {
            rt.attach(); // never detached
            final RcStr made = rt.newStr("owned by a thread that died attached");
            list.append(made);
            rt.decref(made);
            return made;
        });
        final RcObject popped = list.pop();
        assertSame(s, popped);
        rt.decref(popped);
        assertTrue(s.isFreed(), "the owner is dead: the releaser merged and freed");
        assertEquals(0, metric(BrcMetrics.QUEUED));
        assertEquals(1, metric(BrcMetrics.MERGED_BY_NON_OWNER));
        rt.decref(list);
        rt.heap().assertNoLeaks();
    }

    /**
     * Objects queued to an owner that then ends without detaching: the next release that finds
     * the owner dead merges its own object and drains the rest of the dead owner's queue.
     */
    @Test
    void releaseThatFindsItsOwnerDeadAlsoDrainsWhatWasQueuedToIt() throws Exception {
        final CountDownLatch made = new CountDownLatch(1);
        final CountDownLatch queued = new CountDownLatch(1);
        final AtomicReference<RcStr[]> objects = new AtomicReference<>();
        final Thread owner = new Thread(() -> {
            rt.attach(); // never detached
            final RcStr first = rt.newStr("queued while the owner lived");
            final RcStr second = rt.newStr("released after it died");
            objects.set(new RcStr[] {first, second});
            made.countDown();
            try {
                queued.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "owner-dies-attached");
        owner.start();
        made.await();
        final RcStr first = objects.get()[0];
        final RcStr second = objects.get()[1];
        rt.decref(first);
        assertEquals(1, metric(BrcMetrics.QUEUED), "the owner was alive: queued to it");
        assertFalse(first.isFreed());
        queued.countDown();
        owner.join();

        rt.decref(second);
        assertTrue(second.isFreed());
        assertTrue(first.isFreed(), "the dead owner's queue was drained by the releaser that found it dead");
        assertEquals(2, metric(BrcMetrics.MERGED_BY_NON_OWNER));
        rt.heap().assertNoLeaks();
    }

    /** What a dead owner's queue still holds when nobody releases anything else of it: close settles it. */
    @Test
    void closeMergesWhatADeadOwnersQueueStillHolds() throws Exception {
        final CountDownLatch made = new CountDownLatch(1);
        final CountDownLatch queued = new CountDownLatch(1);
        final AtomicReference<RcStr> object = new AtomicReference<>();
        final Thread owner = new Thread(() -> {
            rt.attach(); // never detached
            object.set(rt.newStr("queued to an owner that then died"));
            made.countDown();
            try {
                queued.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "owner-dies-attached");
        owner.start();
        made.await();
        final RcStr s = object.get();
        rt.decref(s);
        queued.countDown();
        owner.join();
        assertFalse(s.isFreed(), "queued to a dead owner, not yet settled");

        self.detach();
        rt.close();
        assertTrue(s.isFreed(), "close drained the dead owner's queue");
        assertEquals(1, metric(BrcMetrics.MERGED_BY_NON_OWNER));
        rt.heap().assertNoLeaks();
    }

    /**
     * The rule for a thread that is not attached (never was, or has detached): it owns nothing.
     * What it makes starts merged, counted on the shared word alone with atomic updates, so no
     * release by another thread ever merges behind its back while it writes a local count. The
     * rule is the same with the scheme's strict checks on and off.
     */
    @Test
    void objectMadeByAThreadThatIsNotAttachedStartsMergedWithOrWithoutStrictChecks() throws Exception {
        for (final boolean strict : new boolean[] {true, false}) {
            try (RcRuntime runtime = RcRuntime.builder(new BrcScheme()).strictChecks(strict).build()) {
                final RcStr s = onThreadThatEnds(() -> {
                    final RcStr made = runtime.newStr("made unattached");
                    assertNull(Header.ownerPlain(made));
                    assertEquals(0, Header.localOpaque(made));
                    assertEquals(SharedWord.of(1, SharedWord.MERGED), shared(made));
                    runtime.incref(made);
                    assertEquals(SharedWord.of(2, SharedWord.MERGED), shared(made), "counted atomically");
                    return made;
                });
                assertEquals(2, runtime.refcount(s));
                onThreadThatEnds(() -> {
                    try (RuntimeThread attached = runtime.attach()) {
                        runtime.decref(s);
                        runtime.decref(s);
                    }
                    return null;
                });
                assertTrue(s.isFreed());
                assertEquals(0, runtime.metrics().value(BrcMetrics.QUEUED), "strictChecks=" + strict);
                assertEquals(0, runtime.metrics().value(BrcMetrics.MERGED_BY_NON_OWNER), "strictChecks=" + strict);
                runtime.heap().assertNoLeaks();
            }
        }
    }

    @Test
    void objectMadeAfterItsThreadDetachedStartsMerged() {
        final Actor a = actor("A");
        a.detach();
        final RcStr s = a.call(() -> rt.newStr("made after detaching"));
        assertNull(Header.ownerPlain(s));
        assertEquals(SharedWord.of(1, SharedWord.MERGED), shared(s));
        rt.decref(s);
        assertTrue(s.isFreed());
        assertEquals(0, metric(BrcMetrics.MERGED_BY_NON_OWNER));
        rt.heap().assertNoLeaks();
    }

    /**
     * An owner's local count at its largest value (2<sup>31</sup> - 1 references: the test sets
     * the header there rather than spend seconds of CI counting up); one more incref would wrap
     * it negative. As in CPython, the count saturates instead: the object becomes immortal, and
     * every later incref and decref is ignored (it is never freed: it leaks, by design).
     */
    @Test
    void ownersLocalCountSaturatesIntoImmortalityInsteadOfWrapping() {
        final RcStr s = rt.newStr("referenced two billion times");
        Header.setLocalPlain(s, Integer.MAX_VALUE - 1);
        rt.incref(s);
        assertEquals(Integer.MAX_VALUE, rt.refcount(s));
        assertFalse(s.isImmortal());
        rt.incref(s);
        assertTrue(s.isImmortal(), "saturated");
        assertEquals(Integer.MAX_VALUE, Header.localOpaque(s), "the local count did not wrap");
        assertEquals(Long.MAX_VALUE, rt.refcount(s));
        rt.decref(s);
        rt.decref(s);
        assertFalse(s.isFreed());
        assertEquals(0, rt.heap().misuseCount());
    }

    /**
     * With strict checks (the default), a thread that detached and still counts an object it
     * owns is refused before it writes the local count that a releaser may be merging.
     */
    @Test
    void detachedOwnerCountingItsObjectIsRefusedUnderStrictChecks() {
        final Actor a = actor("A");
        final RcStr s = a.call(() -> rt.newStr("owned, then its owner left"));
        a.detach();
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.run(() -> rt.incref(s)));
        assertTrue(e.getMessage().contains("not attached"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> a.run(() -> rt.decref(s)));
        assertEquals(1, Header.localOpaque(s), "nothing was written");
        rt.decref(s);
        assertTrue(s.isFreed());
        rt.heap().assertNoLeaks();
    }
}
