package org.rclab.finegrained;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.rclab.object.Header;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/** Runs attached worker threads for the module's concurrency tests. */
final class Workers {
    /** A liveness guard only: far above any honest run, it turns a hang into a failure. */
    static final Duration LIVENESS_GUARD = Duration.ofSeconds(60);

    /** Work one attached worker does; {@code index} numbers the workers from 0. */
    @FunctionalInterface
    interface Body {
        void run(RuntimeThread worker, int index) throws Exception;
    }

    private Workers() {
    }

    /**
     * Waits (unbounded: wrap it in a guard) until an object's lock word says "locked, waiters
     * parked" and a waiter is queued for it in the parking lot.
     */
    static void awaitParkedWaiter(final RcObject o) {
        while (Header.lockWordVolatile(o) != (ObjectLock.LOCKED | ObjectLock.HAS_PARKED)
                || !ObjectLock.hasParkedWaiter(o)) {
            Thread.onSpinWait();
        }
    }

    /**
     * Starts {@code count} threads attached to {@code rt} together, waits for all of them under
     * the liveness guard, and rethrows the first failure.
     */
    static void run(final RcRuntime rt, final int count, final Body body) {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final int index = i;
            threads.add(new Thread(() -> {
                try (RuntimeThread worker = rt.attach()) {
                    start.await();
                    body.run(worker, index);
                } catch (final Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "fine-grained-test-worker-" + i));
        }
        threads.forEach(Thread::start);
        assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
            start.countDown();
            for (final Thread t : threads) {
                t.join();
            }
        }, "workers did not finish: deadlock or lost wake-up");
        if (failure.get() != null) {
            throw new AssertionError("a worker failed: " + failure.get(), failure.get());
        }
    }
}
