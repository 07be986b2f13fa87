package org.rclab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rclab.gil.GilTesting.LIVENESS_GUARD;
import static org.rclab.gil.GilTesting.gil;
import static org.rclab.gil.GilTesting.metric;
import static org.rclab.gil.GilTesting.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.rclab.object.RcInt;
import org.rclab.object.RcList;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * How the GIL moves between threads: hand-overs on request, forced switching, released blocking
 * work, threads that fail while holding it, and one GIL per runtime. Every wait is bounded by a
 * latch, a barrier or a counted loop; {@code assertTimeoutPreemptively} only turns a hang (a
 * broken lock) into a failure.
 */
class GilSchedulingTest {
    /** Times each thread must see the other make progress between two of its own steps. */
    private static final int TURNS = 20;
    /** Forced drops, each to a new waiter, in the forced-switching test. */
    private static final int FORCED_ROUNDS = 100;

    @Test
    void twoCpuBoundThreadsHandOverRepeatedlyAndBothProgress() {
        try (RcRuntime rt = runtime("1")) {
            final AtomicLongArray steps = new AtomicLongArray(2);
            final AtomicLongArray turnsSeen = new AtomicLongArray(2);
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                final TestThread first = TestThread.start("cpu-0", () -> spinUntilBothSawTurns(rt, 0, steps, turnsSeen));
                final TestThread second = TestThread.start("cpu-1", () -> spinUntilBothSawTurns(rt, 1, steps, turnsSeen));
                first.joinAndRethrow();
                second.joinAndRethrow();
            });
            // Each turn a thread saw is one hand-over to the other thread and one back, in
            // disjoint stretches of its own run.
            assertTrue(turnsSeen.get(0) >= TURNS && turnsSeen.get(1) >= TURNS, "turns seen: " + turnsSeen);
            assertTrue(steps.get(0) > TURNS && steps.get(1) > TURNS, "steps: " + steps);
            final long handovers = metric(rt, GilMetrics.HANDOVERS);
            assertTrue(handovers >= 2L * TURNS, "handovers " + handovers);
            // Neither thread ever blocks, so every hand-over between them was asked for and forced.
            assertTrue(metric(rt, GilMetrics.DROP_REQUESTS) >= TURNS, rt.metrics().snapshot().toString());
            assertTrue(metric(rt, GilMetrics.FORCED_DROPS) >= TURNS, rt.metrics().snapshot().toString());
            final long waited = metric(rt, GilMetrics.WAIT_NANOS);
            final long longest = metric(rt, GilMetrics.MAX_WAIT_NANOS);
            assertTrue(longest > 0 && longest <= waited, "max wait " + longest + ", total " + waited);
            rt.heap().assertNoLeaks();
        }
    }

    /**
     * A CPU-bound loop: allocate an int, drop it, pass a checkpoint, as an interpreter loop
     * would. Stops once both threads have seen the other run {@link #TURNS} times.
     */
    private static void spinUntilBothSawTurns(final RcRuntime rt, final int me, final AtomicLongArray steps,
                                              final AtomicLongArray turnsSeen) {
        final int other = 1 - me;
        try (RuntimeThread self = rt.attach()) {
            long otherSteps = steps.get(other);
            long i = 0;
            while (turnsSeen.get(me) < TURNS || turnsSeen.get(other) < TURNS) {
                final RcInt value = rt.newInt(1_000 + i++);
                rt.decref(value);
                steps.incrementAndGet(me);
                final long seen = steps.get(other);
                if (seen != otherSteps) {
                    otherSteps = seen;
                    turnsSeen.incrementAndGet(me);
                }
                self.checkpoint();
            }
        }
    }

    @Test
    void forcedDropIsFollowedByADifferentHolder() {
        try (RcRuntime rt = runtime("1")) {
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                try (RuntimeThread self = rt.attach()) {
                    final long handoversBefore = metric(rt, GilMetrics.HANDOVERS);
                    // Many rounds, each with a fresh waiter: without forced switching the
                    // dropping thread wins the race to take the GIL back in some rounds (how
                    // many depends on how busy the machine is), so one round proves little.
                    for (int round = 1; round <= FORCED_ROUNDS; round++) {
                        final AtomicBoolean otherHeld = new AtomicBoolean();
                        final TestThread other = TestThread.start("waiter-" + round, () -> {
                            try (RuntimeThread waiter = rt.attach()) {
                                otherHeld.set(true);
                            }
                        });
                        // Spin at checkpoints until the waiter's request makes us drop; the
                        // waiter cannot run before that: we hold the GIL and never block.
                        while (metric(rt, GilMetrics.FORCED_DROPS) < round) {
                            assertFalse(otherHeld.get(), "the waiter ran while this thread held the GIL");
                            self.checkpoint();
                        }
                        // The drop waited for the waiter to take the GIL, so it ran (and
                        // detached) before our own take could succeed.
                        assertTrue(otherHeld.get(), "round " + round + ": the GIL came straight back after a forced drop");
                        other.joinAndRethrow();
                    }
                    // At least one request per round; a waiter may also have timed out behind a
                    // slow waiter that was about to detach, so not exactly one.
                    assertTrue(metric(rt, GilMetrics.DROP_REQUESTS) >= FORCED_ROUNDS, rt.metrics().snapshot().toString());
                    assertTrue(metric(rt, GilMetrics.HANDOVERS) >= handoversBefore + 2L * FORCED_ROUNDS,
                            rt.metrics().snapshot().toString());
                }
            });
        }
    }

    @Test
    void threadInReleasedBlockingWorkDoesNotStopAnother() {
        try (RcRuntime rt = runtime("5")) {
            final CountDownLatch blocking = new CountDownLatch(1);
            final CountDownLatch otherDone = new CountDownLatch(1);
            final AtomicBoolean otherHeldWhileReleased = new AtomicBoolean();
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                final TestThread io = TestThread.start("io", () -> {
                    try (RuntimeThread self = rt.attach()) {
                        final RcList list = rt.newList();
                        self.callReleased(() -> {
                            blocking.countDown();
                            otherDone.await(); // the "blocking call": returns only after the other thread ran
                            return null;
                        });
                        rt.decref(list);
                    }
                });
                blocking.await();
                try (RuntimeThread self = rt.attach()) {
                    otherHeldWhileReleased.set(gil(rt).isHeldByCurrentThread());
                    final RcStr s = rt.newStr("runs while the other thread blocks");
                    rt.decref(s);
                }
                otherDone.countDown();
                io.joinAndRethrow();
            });
            assertTrue(otherHeldWhileReleased.get());
            rt.heap().assertNoLeaks();
        }
    }

    /**
     * A thread that throws while holding the GIL, with another thread already waiting for it,
     * hands the lock over as it unwinds. The interval is far beyond the liveness guard and the
     * thrower stays alive until the waiter holds the lock, so neither a drop request nor a
     * dead-holder reclaim can rescue the waiter: only the detach on the exception's way out,
     * dropping and waking it, lets it in. (Breaking the wake-up in {@code drop} hangs this test
     * until the guard fails it.)
     */
    @Test
    void threadThatThrowsWhileHoldingWakesTheWaiterAsItUnwinds() {
        try (RcRuntime rt = runtime("600000")) {
            final AtomicReference<Thread> waiterThread = new AtomicReference<>();
            final AtomicReference<TestThread> waiter = new AtomicReference<>();
            final CountDownLatch waiterHolds = new CountDownLatch(1);
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                final IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
                    try (RuntimeThread self = rt.attach()) {
                        final RcStr s = rt.newStr("dropped by the failure");
                        waiter.set(TestThread.start("waiter", () -> {
                            waiterThread.set(Thread.currentThread());
                            try (RuntimeThread next = rt.attach()) {
                                assertTrue(gil(rt).isHeldByCurrentThread());
                                waiterHolds.countDown();
                                rt.decref(rt.newStr("next thread runs"));
                            }
                        }));
                        // The waiter is parked in its timed wait for the lock this thread holds.
                        while (waiterThread.get() == null || waiterThread.get().getState() != Thread.State.TIMED_WAITING) {
                            Thread.onSpinWait();
                        }
                        rt.decref(s);
                        throw new IllegalStateException("boom while holding the GIL");
                    }
                });
                assertEquals("boom while holding the GIL", thrown.getMessage());
                waiterHolds.await();
                waiter.get().joinAndRethrow();
            });
            assertEquals(0, metric(rt, GilMetrics.DROP_REQUESTS));
            assertEquals(0, metric(rt, GilMetrics.DEAD_HOLDER_RECLAIMS));
            assertEquals(0, rt.attachedCount());
            rt.heap().assertNoLeaks();
        }
    }

    @Test
    void threadThatEndsWithoutDetachingHasItsGilReclaimed() {
        // Not closed: the dead thread stays attached to this runtime, which is the misuse shown.
        final RcRuntime rt = runtime("1");
        assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
            final TestThread leaver = TestThread.start("leaver", () -> {
                rt.attach(); // never detached: the thread ends holding the GIL
            });
            leaver.joinAndRethrow();
            try (RuntimeThread self = rt.attach()) {
                assertTrue(gil(rt).isHeldByCurrentThread());
                rt.decref(rt.newStr("after reclaim"));
            }
        });
        assertEquals(1, metric(rt, GilMetrics.DEAD_HOLDER_RECLAIMS));
    }

    @Test
    void twoRuntimesThreadsHoldTheirGilsAtTheSameTime() {
        try (RcRuntime left = runtime("5"); RcRuntime right = runtime("5")) {
            // Both threads must be inside their runtimes at once to pass the barrier; with one
            // lock shared between the runtimes the second attach would block and the barrier
            // would never open.
            final CyclicBarrier bothHolding = new CyclicBarrier(2);
            final AtomicLong heldAtBarrier = new AtomicLong();
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                final TestThread l = TestThread.start("left", () -> holdAtBarrier(left, bothHolding, heldAtBarrier));
                final TestThread r = TestThread.start("right", () -> holdAtBarrier(right, bothHolding, heldAtBarrier));
                l.joinAndRethrow();
                r.joinAndRethrow();
            });
            assertEquals(2, heldAtBarrier.get());
            left.heap().assertNoLeaks();
            right.heap().assertNoLeaks();
        }
    }

    private static void holdAtBarrier(final RcRuntime rt, final CyclicBarrier bothHolding, final AtomicLong heldAtBarrier)
            throws Exception {
        try (RuntimeThread self = rt.attach()) {
            final RcStr mine = rt.newStr("made while the other runtime's thread also holds its GIL");
            bothHolding.await();
            if (gil(rt).isHeldByCurrentThread()) {
                heldAtBarrier.incrementAndGet();
            }
            // A second meeting, still holding: neither GIL was dropped to let the other pass.
            bothHolding.await();
            rt.decref(mine);
        }
    }
}
