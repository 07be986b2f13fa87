package org.rclab.gilticks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rclab.object.RcStr;
import org.rclab.runtime.Metrics;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Schemes;

/**
 * How the old GIL moves between threads. What the algorithm guarantees is tested exactly: the
 * holder releases and signals at every check interval and not between, a holder that blocks or
 * releases lets a waiter in, and every tick of every holder counts. What it does not guarantee
 * (that a waiter ever wins the race against a computing holder) is not asserted; the test of the
 * failed wake-up only waits until one has happened. Waits are latches, thread states and counted
 * loops; {@code assertTimeoutPreemptively} only turns a hang into a failure.
 */
class GilTicksSchedulingTest {
    /** Liveness guard for tests that would hang if the lock were broken; never a speed check. */
    private static final Duration LIVENESS_GUARD = Duration.ofSeconds(60);
    private static final int INTERVAL = 10;

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        final Thread t = new Thread(r, "gil-ticks-test");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void holderReleasesAndSignalsAtTheCheckIntervalAndNotBefore() {
        try (RcRuntime rt = runtime(INTERVAL)) {
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                try (RuntimeThread self = rt.attach()) {
                    final AtomicBoolean waiterHeld = new AtomicBoolean();
                    final Thread[] waiterThread = new Thread[1];
                    final CountDownLatch started = new CountDownLatch(1);
                    final Future<?> waiter = threads.submit(() -> {
                        waiterThread[0] = Thread.currentThread();
                        started.countDown();
                        try (RuntimeThread w = rt.attach()) {
                            waiterHeld.set(true);
                        }
                        return null;
                    });
                    started.await();
                    awaitQueued(waiterThread[0]);
                    for (int tick = 1; tick < INTERVAL; tick++) {
                        self.checkpoint();
                        assertEquals(0, metric(rt, GilTicksMetrics.INTERVAL_RELEASES), "released after " + tick + " ticks");
                        assertFalse(waiterHeld.get(), "the waiter ran while this thread held the GIL");
                    }
                    self.checkpoint();
                    assertEquals(1, metric(rt, GilTicksMetrics.INTERVAL_RELEASES));
                    // The release signalled the queued waiter. Either it won the race for the
                    // mutex and ran (and detached) before this thread's retake could succeed, or
                    // this thread took the GIL straight back while it waited: exactly one of the two.
                    assertEquals(waiterHeld.get() ? 0 : 1, metric(rt, GilTicksMetrics.RETAKES), rt.metrics().snapshot().toString());
                    self.callReleased(waiter::get);
                    assertTrue(waiterHeld.get());
                }
            });
        }
    }

    @Test
    void releaseLetsAQueuedWaiterInBeforeTheReleaserTakesItBack() {
        // The bare lock, with no runtime: nothing here misuses it, so it never needs the context
        // its error messages name.
        final BinarySemaphoreGil lock = new BinarySemaphoreGil(null, new GilTicksMetrics(new Metrics()));
        assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
            lock.take();
            final CountDownLatch waiterHolds = new CountDownLatch(1);
            final CountDownLatch started = new CountDownLatch(1);
            final Thread[] waiterThread = new Thread[1];
            final Future<?> waiter = threads.submit(() -> {
                waiterThread[0] = Thread.currentThread();
                started.countDown();
                lock.take();
                waiterHolds.countDown();
                lock.release("test");
                return null;
            });
            started.await();
            awaitQueued(waiterThread[0]);
            // The holder is slow to come back, as when the OS preempts it between the two
            // halves of an interval release: the one signal must be enough for the waiter.
            assertTrue(lock.release("test"), "the release saw the waiter");
            waiterHolds.await();
            assertTrue(lock.take(), "the lock came back from the waiter: a hand-over, not a retake");
            waiter.get();
            lock.release("test");
        });
    }

    @Test
    void intervalReleasesCountTheTicksOfEveryHolder() {
        final int ticksPerThread = 12_345;
        try (RcRuntime rt = runtime(INTERVAL)) {
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                final CountDownLatch go = new CountDownLatch(1);
                final Future<?> first = threads.submit(() -> tick(rt, go, ticksPerThread));
                final Future<?> second = threads.submit(() -> tick(rt, go, ticksPerThread));
                go.countDown();
                first.get();
                second.get();
            });
            // One ticker per lock (CPython's _Py_Ticker): a new holder goes on counting where the
            // last one stopped, so the releases are the total ticks over the interval, exactly.
            assertEquals(2 * ticksPerThread / INTERVAL, metric(rt, GilTicksMetrics.INTERVAL_RELEASES));
            assertTrue(metric(rt, GilTicksMetrics.RETAKES) <= metric(rt, GilTicksMetrics.INTERVAL_RELEASES));
            rt.heap().assertNoLeaks();
        }
    }

    private static Void tick(final RcRuntime rt, final CountDownLatch go, final int ticks) throws InterruptedException {
        go.await();
        try (RuntimeThread self = rt.attach()) {
            for (int i = 0; i < ticks; i++) {
                final RcStr s = rt.newStr("tick");
                rt.decref(s);
                self.checkpoint();
            }
        }
        return null;
    }

    /**
     * Two CPU-bound threads run until the race the old GIL is known for has been seen: a waiter
     * woken by an interval release found the lock taken again, and a release made while a thread
     * waited was taken straight back. Neither is guaranteed to happen at a given release, so
     * this waits for them (guarded against a hang) rather than counting them.
     */
    @Test
    void wokenWaiterCanFindTheLockTakenBackAndCountsAFailedWakeup() {
        try (RcRuntime rt = runtime(INTERVAL)) {
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                final CountDownLatch go = new CountDownLatch(1);
                final Future<?> first = threads.submit(() -> spinUntilThrashSeen(rt, go));
                final Future<?> second = threads.submit(() -> spinUntilThrashSeen(rt, go));
                go.countDown();
                first.get();
                second.get();
            });
            assertTrue(metric(rt, GilTicksMetrics.FAILED_WAKEUPS) > 0, rt.metrics().snapshot().toString());
            assertTrue(metric(rt, GilTicksMetrics.RETAKES) > 0, rt.metrics().snapshot().toString());
            final long waited = metric(rt, GilTicksMetrics.WAIT_NANOS);
            final long longest = metric(rt, GilTicksMetrics.MAX_WAIT_NANOS);
            assertTrue(longest > 0 && longest <= waited, "max wait " + longest + ", total " + waited);
        }
    }

    private static Void spinUntilThrashSeen(final RcRuntime rt, final CountDownLatch go) throws InterruptedException {
        go.await();
        try (RuntimeThread self = rt.attach()) {
            // The holder checks at its own interval releases only; the other thread is waiting
            // meanwhile and leaves when its turn comes and it sees the same figures.
            while (metric(rt, GilTicksMetrics.FAILED_WAKEUPS) == 0 || metric(rt, GilTicksMetrics.RETAKES) == 0) {
                for (int i = 0; i < INTERVAL; i++) {
                    self.checkpoint();
                }
            }
        }
        return null;
    }

    @Test
    void checkpointAndCountChangesWhileReleasedAreRefused() {
        try (RcRuntime rt = runtime(INTERVAL); RuntimeThread self = rt.attach()) {
            final RcStr s = rt.newStr("held");
            self.release();
            final IllegalStateException atCheckpoint = assertThrows(IllegalStateException.class, self::checkpoint);
            assertTrue(atCheckpoint.getMessage().contains("cannot pass a checkpoint"), atCheckpoint.getMessage());
            assertTrue(atCheckpoint.getMessage().contains("has released"), atCheckpoint.getMessage());
            final IllegalStateException atIncref = assertThrows(IllegalStateException.class, () -> rt.incref(s));
            assertTrue(atIncref.getMessage().contains("cannot incref str object"), atIncref.getMessage());
            self.reacquire();
            assertEquals(1, rt.refcount(s));
            rt.decref(s);
            rt.heap().assertNoLeaks();
        }
    }

    /** Waits until a thread is parked: in this lock, that means queued for the GIL. */
    private static void awaitQueued(final Thread thread) {
        while (thread.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    private static RcRuntime runtime(final int interval) {
        return RcRuntime.builder(Schemes.byName(GilTicksScheme.NAME))
                .option(CheckInterval.OPTION, Integer.toString(interval)).build();
    }

    private static long metric(final RcRuntime rt, final String name) {
        return rt.metrics().value(name);
    }
}
