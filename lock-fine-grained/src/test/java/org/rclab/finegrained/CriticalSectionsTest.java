package org.rclab.finegrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;

/** One- and two-object critical sections: ordering, borrowing, suspension, misuse. */
class CriticalSectionsTest {
    private static final int ROUNDS = 100_000;

    private RcRuntime rt;
    private RcList a;
    private RcList b;
    /** Plain fields changed only inside sections. */
    private long inA;
    private long inB;

    @BeforeEach
    void openRuntime() {
        rt = RcRuntime.create(FineGrainedScheme.NAME);
        a = rt.newList();
        b = rt.newList();
    }

    @AfterEach
    void closeRuntime() {
        rt.decref(a);
        rt.decref(b);
        rt.heap().assertNoLeaks();
        rt.close();
    }

    @Test
    void twoObjectSectionsInOppositeOrdersFinish() {
        Workers.run(rt, 2, (worker, index) -> {
            for (int i = 0; i < ROUNDS; i++) {
                try (CriticalSection pair = index == 0 ? rt.enter(a, b) : rt.enter(b, a)) {
                    inA++;
                    inB++;
                }
            }
        });
        assertEquals(2L * ROUNDS, inA);
        assertEquals(2L * ROUNDS, inB);
        assertFalse(ObjectLock.isLocked(a) || ObjectLock.isLocked(b));
    }

    @Test
    void nestedSectionsInOppositeOrdersFinishBecauseABlockedThreadSuspendsItsSections() {
        // Ordering cannot help here: each thread holds its outer lock when it asks for the other.
        // Only suspension (let the outer lock go before parking) breaks the cycle.
        Workers.run(rt, 2, (worker, index) -> {
            final RcList first = index == 0 ? a : b;
            final RcList second = index == 0 ? b : a;
            for (int i = 0; i < ROUNDS; i++) {
                try (CriticalSection outer = rt.enter(first)) {
                    try (CriticalSection inner = rt.enter(second)) {
                        inA++;
                        inB++;
                    }
                }
            }
        });
        assertEquals(2L * ROUNDS, inA);
        assertEquals(2L * ROUNDS, inB);
        assertFalse(ObjectLock.isLocked(a) || ObjectLock.isLocked(b));
    }

    @Test
    void aThreadInReleasedWorkInsideASectionDoesNotBlockAnotherThreadNeedingTheObject() {
        final CountDownLatch holderReleased = new CountDownLatch(1);
        final CountDownLatch otherAppended = new CountDownLatch(1);
        Workers.run(rt, 2, (worker, index) -> {
            if (index == 0) {
                try (CriticalSection section = rt.enter(a)) {
                    a.append(rt.none());
                    worker.callReleased(() -> {
                        holderReleased.countDown();
                        // Blocks until the other thread has used the object this section covers.
                        otherAppended.await();
                        return null;
                    });
                    a.append(rt.none());
                }
            } else {
                worker.callReleased(() -> {
                    holderReleased.await();
                    return null;
                });
                a.append(rt.none());
                otherAppended.countDown();
            }
        });
        assertEquals(3, a.size());
        assertTrue(rt.metrics().value("fine-grained.suspensions") >= 1);
    }

    @Test
    void afterReleasedWorkOnlyTheInnermostSectionIsRetakenAndOuterOnesAsInnerOnesEnd() throws Exception {
        try (RuntimeThread self = rt.attach()) {
            try (CriticalSection outer = rt.enter(a)) {
                try (CriticalSection inner = rt.enter(b)) {
                    self.callReleased(() -> {
                        assertFalse(ObjectLock.isLocked(a), "suspended while released");
                        assertFalse(ObjectLock.isLocked(b), "suspended while released");
                        return null;
                    });
                    assertTrue(ObjectLock.isLocked(b), "the innermost is retaken on return");
                    assertFalse(ObjectLock.isLocked(a), "outer sections wait until the inner one ends");
                }
                assertTrue(ObjectLock.isLocked(a), "retaken when the section inside it ended");
            }
        }
        assertFalse(ObjectLock.isLocked(a) || ObjectLock.isLocked(b));
        assertEquals(1, rt.metrics().value("fine-grained.suspensions"));
    }

    @Test
    void aTwoObjectSectionLocksBothAndTheSameObjectTwiceLocksItOnce() {
        try (CriticalSection pair = rt.enter(b, a)) {
            assertTrue(ObjectLock.isLocked(a) && ObjectLock.isLocked(b));
        }
        assertFalse(ObjectLock.isLocked(a) || ObjectLock.isLocked(b));
        try (CriticalSection same = rt.enter(a, a)) {
            assertTrue(ObjectLock.isLocked(a));
        }
        assertFalse(ObjectLock.isLocked(a));
        assertEquals(0, rt.metrics().value("fine-grained.lock-contended"), "no lock was taken twice");
    }

    @Test
    void aNestedSectionOverAnObjectItsThreadHoldsBorrowsTheLock() {
        try (CriticalSection outer = rt.enter(a)) {
            try (CriticalSection again = rt.enter(a)) {
                try (CriticalSection pair = rt.enter(b, a)) {
                    assertTrue(ObjectLock.isLocked(a) && ObjectLock.isLocked(b));
                }
                assertFalse(ObjectLock.isLocked(b));
            }
            assertTrue(ObjectLock.isLocked(a), "the outer section still holds its lock");
        }
        assertFalse(ObjectLock.isLocked(a));
        assertEquals(0, rt.metrics().value("fine-grained.suspensions"));
    }

    @Test
    void aSectionThatBorrowedALockAndThenHadToParkStartsAgainInOrder() throws Exception {
        final RcList low = a.id() < b.id() ? a : b;
        final RcList high = low == a ? b : a;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch outerEntered = new CountDownLatch(1);
        final Thread worker;
        try (CriticalSection blocker = rt.enter(high)) {
            worker = new Thread(() -> {
                try (CriticalSection outer = rt.enter(low)) {
                    outerEntered.countDown();
                    // Borrows low from the outer section, then parks on high, held by the test thread.
                    try (CriticalSection pair = rt.enter(low, high)) {
                        assertTrue(ObjectLock.isLocked(low) && ObjectLock.isLocked(high));
                    }
                    assertTrue(ObjectLock.isLocked(low), "the outer section was retaken when the pair ended");
                } catch (final Throwable t) {
                    failure.set(t);
                }
            }, "borrower");
            worker.start();
            assertTimeoutPreemptively(Workers.LIVENESS_GUARD, () -> {
                outerEntered.await();
                // Parked on high, having suspended the outer section: low is free meanwhile.
                Workers.awaitParkedWaiter(high);
                while (ObjectLock.isLocked(low)) {
                    Thread.onSpinWait();
                }
            });
            try (CriticalSection meanwhile = rt.enter(low)) {
                assertTrue(ObjectLock.isLocked(low), "another thread may take the suspended section's object");
            }
        }
        assertTimeoutPreemptively(Workers.LIVENESS_GUARD, () -> worker.join());
        assertEquals(null, failure.get());
        assertFalse(ObjectLock.isLocked(a) || ObjectLock.isLocked(b));
        assertEquals(1, rt.metrics().value("fine-grained.suspensions"));
    }

    @Test
    void detachingInsideAnOpenSectionFails() {
        final RuntimeThread self = rt.attach();
        final CriticalSection section = rt.enter(a);
        final IllegalStateException e = assertThrows(IllegalStateException.class, self::detach);
        assertTrue(e.getMessage().contains("open critical section"), e.getMessage());
        section.close();
        assertFalse(rt.isAttached());
    }

    @Test
    void endingASectionThatIsNotTheInnermostFails() {
        final CriticalSection outer = rt.enter(a);
        final CriticalSection inner = rt.enter(b);
        final IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
        assertTrue(e.getMessage().contains("not the innermost"), e.getMessage());
        assertTrue(ObjectLock.isLocked(a) && ObjectLock.isLocked(b), "a refused end changes nothing");
        inner.close();
        outer.close();
        assertFalse(ObjectLock.isLocked(a) || ObjectLock.isLocked(b));
    }

    /**
     * Entering a section allocates nothing in the steady state: a section at a depth reuses the
     * frame of the last section at that depth. (Against the previous design, which made a new
     * section object per enter, the identity assertions fail.)
     */
    @Test
    void sectionsAtOneDepthReuseOneFrame() {
        final CriticalSection first;
        try (CriticalSection s = rt.enter(a)) {
            first = s;
        }
        try (CriticalSection s = rt.enter(b)) {
            assertSame(first, s, "the frame of depth 0 is reused, for another object too");
            try (CriticalSection inner = rt.enter(a)) {
                assertNotSame(s, inner, "depth 1 has a frame of its own");
            }
        }
        try (CriticalSection pair = rt.enter(a, b)) {
            assertSame(first, pair, "a two-object section uses the same frame");
            assertTrue(ObjectLock.isLocked(a) && ObjectLock.isLocked(b));
        }
        assertFalse(ObjectLock.isLocked(a) || ObjectLock.isLocked(b));
    }

    /** Nesting deeper than the frames a stack starts with grows it, and every level still locks and ends. */
    @Test
    void nestingDeeperThanTheInitialFramesLocksAndEndsEveryLevel() {
        final int depth = 10;
        final RcList[] lists = new RcList[depth];
        final CriticalSection[] sections = new CriticalSection[depth];
        for (int i = 0; i < depth; i++) {
            lists[i] = rt.newList();
        }
        for (int i = 0; i < depth; i++) {
            sections[i] = rt.enter(lists[i]);
        }
        for (int i = 0; i < depth; i++) {
            assertTrue(ObjectLock.isLocked(lists[i]), "level " + i + " holds its lock");
        }
        final IllegalStateException e = assertThrows(IllegalStateException.class, sections[3]::close);
        assertTrue(e.getMessage().contains("not the innermost"), e.getMessage());
        for (int i = depth - 1; i >= 0; i--) {
            sections[i].close();
            assertFalse(ObjectLock.isLocked(lists[i]), "level " + i + " released on close");
        }
        for (final RcList list : lists) {
            rt.decref(list);
        }
    }

    @Test
    void endingASectionTwiceFails() {
        final CriticalSection section = rt.enter(a);
        section.close();
        final IllegalStateException e = assertThrows(IllegalStateException.class, section::close);
        assertTrue(e.getMessage().contains("ended twice"), e.getMessage());
        assertFalse(ObjectLock.isLocked(a));
    }

    @Test
    void endingASectionFromAnotherThreadFails() throws Exception {
        final CriticalSection section = rt.enter(a);
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread other = new Thread(() -> {
            try {
                section.close();
            } catch (final Throwable t) {
                thrown.set(t);
            }
        });
        other.start();
        assertTimeoutPreemptively(Workers.LIVENESS_GUARD, () -> other.join());
        assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
        assertTrue(ObjectLock.isLocked(a));
        section.close();
    }
}
