package org.rclab.gilpriority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rclab.gilpriority.PriorityGilTesting.LIVENESS_GUARD;
import static org.rclab.gilpriority.PriorityGilTesting.awaitMetric;
import static org.rclab.gilpriority.PriorityGilTesting.join;
import static org.rclab.gilpriority.PriorityGilTesting.metric;
import static org.rclab.gilpriority.PriorityGilTesting.runtime;
import static org.rclab.gilpriority.PriorityGilTesting.start;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * How the lock moves between threads: a returning thread served at the holder's next
 * checkpoint, CPU-bound threads taking turns per interval, and the starvation guard under a
 * steady stream of returns. Every wait is a latch, a counted loop or a metric reaching a value;
 * {@code assertTimeoutPreemptively} only turns a hang (a broken lock) into a failure.
 */
class PrioritySchedulingTest {
    /** Times each thread must see the others make progress between two of its own steps. */
    private static final int TURNS = 20;
    /** An interval no test waits out: a hand-over seen under it was not the interval rule's. */
    private static final String NEVER = "600000";

    @Test
    void returningThreadIsServedAtTheHoldersNextCheckpoint() {
        try (RcRuntime rt = runtime(NEVER)) {
            final CountDownLatch ioReleased = new CountDownLatch(1);
            final CountDownLatch ioMayReturn = new CountDownLatch(1);
            final CountDownLatch cpuHolding = new CountDownLatch(1);
            final CountDownLatch checkpointNow = new CountDownLatch(1);
            final AtomicBoolean ioServed = new AtomicBoolean();
            final AtomicBoolean servedBeforeCheckpoint = new AtomicBoolean(true);
            final AtomicBoolean servedByOneCheckpoint = new AtomicBoolean();
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                final FutureTask<Void> io = start("io", () -> {
                    try (RuntimeThread self = rt.attach()) {
                        self.callReleased(() -> {
                            ioReleased.countDown();
                            ioMayReturn.await(); // the blocking call
                            return null;
                        });
                        ioServed.set(true); // holding the lock again
                        rt.decref(rt.newStr("reply"));
                    }
                    return null;
                });
                ioReleased.await();
                final FutureTask<Void> cpu = start("cpu", () -> {
                    try (RuntimeThread self = rt.attach()) { // the lock is free: taken the ordinary way
                        cpuHolding.countDown();
                        checkpointNow.await(); // holds the lock, passes no checkpoint until told
                        servedBeforeCheckpoint.set(ioServed.get());
                        self.checkpoint(); // the one checkpoint: hands over, and gets the lock back
                        servedByOneCheckpoint.set(ioServed.get());
                        rt.decref(rt.newStr("after the checkpoint"));
                    }
                    return null;
                });
                cpuHolding.await();
                ioMayReturn.countDown();
                // The returning thread asks at once; wait for its request, not for time.
                awaitMetric(rt, PriorityGilMetrics.DROP_REQUESTS, 1);
                checkpointNow.countDown();
                join(cpu);
                join(io);
            });
            assertFalse(servedBeforeCheckpoint.get(), "the returning thread ran while the holder held the lock");
            assertTrue(servedByOneCheckpoint.get(), "one checkpoint of the holder did not serve the returning thread");
            assertEquals(1, metric(rt, PriorityGilMetrics.PRIORITY_HANDOVERS), rt.metrics().snapshot().toString());
            assertEquals(1, metric(rt, PriorityGilMetrics.FORCED_DROPS), rt.metrics().snapshot().toString());
            assertEquals(1, metric(rt, PriorityGilMetrics.RETURNS));
            final long waited = metric(rt, PriorityGilMetrics.RETURN_WAIT_NANOS);
            assertTrue(waited > 0 && metric(rt, PriorityGilMetrics.MAX_RETURN_WAIT_NANOS) == waited, "wait " + waited);
            rt.heap().assertNoLeaks();
        }
    }

    @Test
    void twoCpuBoundThreadsTakeTurnsPerInterval() {
        try (RcRuntime rt = runtime("1")) {
            final AtomicLongArray steps = new AtomicLongArray(2);
            final AtomicLongArray turnsSeen = new AtomicLongArray(2);
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                final FutureTask<Void> first = start("cpu-0", () -> spinUntilTurnsSeen(rt, 0, steps, turnsSeen, 0));
                final FutureTask<Void> second = start("cpu-1", () -> spinUntilTurnsSeen(rt, 1, steps, turnsSeen, 0));
                join(first);
                join(second);
            });
            assertTrue(turnsSeen.get(0) >= TURNS && turnsSeen.get(1) >= TURNS, "turns seen: " + turnsSeen);
            // Neither thread blocks: every hand-over between them is the interval rule's, forced
            // at a checkpoint, and the priority path never ran.
            final String snapshot = rt.metrics().snapshot().toString();
            assertTrue(metric(rt, PriorityGilMetrics.HANDOVERS) >= 2L * TURNS, snapshot);
            assertTrue(metric(rt, PriorityGilMetrics.FORCED_DROPS) >= TURNS, snapshot);
            assertEquals(0, metric(rt, PriorityGilMetrics.PRIORITY_HANDOVERS), snapshot);
            assertEquals(0, metric(rt, PriorityGilMetrics.GUARD_HANDOVERS), snapshot);
            rt.heap().assertNoLeaks();
        }
    }

    @Test
    void steadyStreamOfReturnsDoesNotStarveACpuBoundThread() {
        try (RcRuntime rt = runtime("1")) {
            // Slots 0 and 1: I/O-bound threads, which release the runtime for an instant and
            // then work a little holding it, so that one is nearly always back and queued when
            // the other lets go: without the starvation guard the lock would pass between them. Slot 2: the CPU-bound thread, which only checkpoints.
            final AtomicLongArray steps = new AtomicLongArray(3);
            final AtomicLongArray turnsSeen = new AtomicLongArray(3);
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                final FutureTask<Void> io0 = start("io-0", () -> streamReturns(rt, 0, steps, turnsSeen));
                final FutureTask<Void> io1 = start("io-1", () -> streamReturns(rt, 1, steps, turnsSeen));
                final FutureTask<Void> cpu = start("cpu", () -> spinUntilTurnsSeen(rt, 2, steps, turnsSeen, 2));
                join(cpu);
                join(io0);
                join(io1);
            });
            final String snapshot = rt.metrics().snapshot().toString();
            assertTrue(turnsSeen.get(2) >= TURNS, "the CPU-bound thread saw " + turnsSeen.get(2) + " turns; " + snapshot);
            // The stream really ran ahead of the CPU thread, and the guard is what let it in.
            assertTrue(metric(rt, PriorityGilMetrics.PRIORITY_HANDOVERS) >= TURNS, snapshot);
            assertTrue(metric(rt, PriorityGilMetrics.GUARD_HANDOVERS) >= 1, snapshot);
            // The bound's counting half: an entitled head is passed over at most once.
            assertTrue(metric(rt, PriorityGilMetrics.MAX_PASSED_WHILE_ENTITLED) <= 1, snapshot);
            rt.heap().assertNoLeaks();
        }
    }

    /**
     * An I/O-bound loop until the CPU-bound thread (slot 2) has seen {@link #TURNS} turns: a
     * blocking call of no length, released, then a short stretch of work.
     */
    private static Void streamReturns(final RcRuntime rt, final int me, final AtomicLongArray steps,
                                      final AtomicLongArray turnsSeen) {
        try (RuntimeThread self = rt.attach()) {
            long i = 0;
            while (turnsSeen.get(2) < TURNS) {
                self.callReleased(() -> null);
                // No checkpoint: a drop request is answered by the next release, so the thread
                // is never demoted to the waiting queue and the stream of returns stays steady.
                for (int k = 0; k < 1_000; k++) {
                    rt.decref(rt.newInt(1_000 + i++));
                }
                steps.incrementAndGet(me);
            }
        }
        return null;
    }

    /**
     * A CPU-bound loop: allocate an int, drop it, pass a checkpoint, as an interpreter loop
     * would. A "turn seen" is a change in the other threads' steps between two of its own:
     * the lock went away from it and came back. Stops once every thread from {@code from} to
     * the last slot has seen {@link #TURNS} turns.
     */
    private static Void spinUntilTurnsSeen(final RcRuntime rt, final int me, final AtomicLongArray steps,
                                           final AtomicLongArray turnsSeen, final int from) {
        try (RuntimeThread self = rt.attach()) {
            long othersSeen = othersSteps(steps, me);
            long i = 0;
            while (!allSawTurns(turnsSeen, from)) {
                rt.decref(rt.newInt(1_000 + i++));
                steps.incrementAndGet(me);
                final long others = othersSteps(steps, me);
                if (others != othersSeen) {
                    othersSeen = others;
                    turnsSeen.incrementAndGet(me);
                }
                self.checkpoint();
            }
        }
        return null;
    }

    private static long othersSteps(final AtomicLongArray steps, final int me) {
        long sum = 0;
        for (int i = 0; i < steps.length(); i++) {
            if (i != me) {
                sum += steps.get(i);
            }
        }
        return sum;
    }

    private static boolean allSawTurns(final AtomicLongArray turnsSeen, final int from) {
        for (int i = from; i < turnsSeen.length(); i++) {
            if (turnsSeen.get(i) < TURNS) {
                return false;
            }
        }
        return true;
    }
}
