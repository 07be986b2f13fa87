package org.rclab.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;

class ThreadCountersTest {
    private static final int PER_THREAD = 20_000;

    private static void runThreads(final int count, final Runnable body) throws InterruptedException {
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            threads.add(new Thread(body));
        }
        threads.forEach(Thread::start);
        for (final Thread t : threads) {
            t.join();
        }
    }

    @Test
    void countsFromManyLiveThreadsSumExactlyEvenWhenSlotsAreShared() throws Exception {
        final ThreadCounters counters = new ThreadCounters(2);
        // More threads than slots, all alive at once: some must count in the shared fallback.
        final int threads = 100;
        final CyclicBarrier together = new CyclicBarrier(threads);
        runThreads(threads, () -> {
            try {
                together.await();
            } catch (final Exception e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < PER_THREAD; i++) {
                counters.increment(i & 1);
            }
        });
        assertEquals(threads * PER_THREAD / 2, counters.sum(0));
        assertEquals(threads * PER_THREAD / 2, counters.sum(1));
    }

    @Test
    void aSlotTakenOverFromAnEndedThreadKeepsItsCounts() throws Exception {
        final ThreadCounters counters = new ThreadCounters(1);
        // Threads one after another: each may inherit a slot whose owner has ended.
        for (int round = 0; round < 200; round++) {
            runThreads(1, () -> {
                for (int i = 0; i < 100; i++) {
                    counters.increment(0);
                }
            });
        }
        assertEquals(200 * 100, counters.sum(0));
    }

    @Test
    void aClaimedThreadCountsInItsOwnSlotBeforeItsFirstIncrement() throws Exception {
        final ThreadCounters counters = new ThreadCounters(1);
        final boolean[] owned = new boolean[2];
        runThreads(1, () -> {
            owned[0] = counters.ownsSlot();
            counters.claim();
            owned[1] = counters.ownsSlot();
            counters.increment(0);
        });
        assertEquals(false, owned[0], "no slot before the claim");
        assertEquals(true, owned[1], "the slot is the thread's after the claim");
        assertEquals(1, counters.sum(0));
    }

    @Test
    void anotherThreadCountingBesideTheFirstClaimerLosesNothing() throws Exception {
        // The first claimer's slot is tested before the table (increment's fast path): a thread
        // that took that path without being the slot's owner would add into the same array as
        // the owner, plainly and at the same time, and lose counts.
        final ThreadCounters counters = new ThreadCounters(1);
        final int perThread = 2_000_000;
        final CyclicBarrier together = new CyclicBarrier(2);
        final Runnable body = () -> {
            try {
                together.await();
            } catch (final Exception e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < perThread; i++) {
                counters.increment(0);
            }
        };
        counters.claim();
        final Thread other = new Thread(body);
        other.start();
        body.run();
        other.join();
        assertEquals(2L * perThread, counters.sum(0));
    }
}
