package org.rclab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.rclab.heap.Heap;
import org.rclab.object.RcInt;
import org.rclab.object.RcObject;
import org.rclab.object.RcType;
import org.rclab.scheme.Schemes;

/**
 * {@link RcRuntime#newInt(long, RuntimeThread)} and {@link RcRuntime#decref(RcObject, RuntimeThread)}:
 * every attached thread counts its allocations and frees into its own slot through its handle,
 * the first attached thread and any later one alike, and the sums stay exact.
 */
class CountingThroughTheHandleTest {
    private static final int EACH = 1_000_000;

    @Test
    void aLaterAttachedThreadCountsExactlyInItsOwnSlotBesideTheFirst() throws Exception {
        // unsafe: each thread touches only its own ints, so the scheme's plain counts do not race;
        // what is shared is the heap's accounting.
        try (RcRuntime rt = RcRuntime.builder(Schemes.byName("unsafe")).strictChecks(false).build()) {
            final CyclicBarrier start = new CyclicBarrier(2);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            try (RuntimeThread first = rt.attach()) {
                final Thread later = new Thread(() -> {
                    try (RuntimeThread self = rt.attach()) {
                        // The later thread holds a slot of its own, so its counts skip the table.
                        assertNotNull(self.counts(), "the later thread has no slot of its own");
                        assertNotSame(first.counts(), self.counts());
                        start.await();
                        countDown(rt, self, 2_000_000_000L);
                    } catch (final Throwable t) {
                        failure.set(t);
                        // A failure before the barrier must not leave the test thread waiting there.
                        start.reset();
                    }
                }, "later");
                later.start();
                assertNotNull(first.counts());
                try {
                    start.await();
                    countDown(rt, first, 1_000_000_000L);
                } catch (final BrokenBarrierException e) {
                    // The later thread failed first; its failure is thrown below.
                }
                later.join();
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            final Heap heap = rt.heap();
            assertEquals(2L * EACH, heap.allocated(RcType.INT), "allocations lost");
            assertEquals(2L * EACH, heap.freed(RcType.INT), "frees lost");
            heap.assertNoLeaks();
        }
    }

    /** Makes and frees EACH ints (above the small-int cache) through the handle. */
    private static void countDown(final RcRuntime rt, final RuntimeThread self, final long base) {
        for (int i = 0; i < EACH; i++) {
            final RcInt n = rt.newInt(base + i, self);
            rt.incref(n);
            rt.decref(n, self);
            rt.decref(n, self);
        }
    }

    @Test
    void withStrictChecksAnotherThreadsHandleIsRefusedAndTheCountsStayExact() throws Exception {
        try (RcRuntime rt = RcRuntime.create("unsafe");
             RuntimeThread self = rt.attach()) {
            final RcInt kept = rt.newInt(100_000, self);
            final RcInt freed = rt.newInt(100_001, self);
            final AtomicReference<Throwable> made = new AtomicReference<>();
            final AtomicReference<Throwable> released = new AtomicReference<>();
            self.callReleased(() -> {
                final Thread intruder = new Thread(() -> {
                    try (RuntimeThread own = rt.attach()) {
                        made.set(assertThrows(IllegalStateException.class, () -> rt.newInt(100_002, self)));
                        // The last reference: the free happens (counted through the table), then
                        // the misuse is reported.
                        released.set(assertThrows(IllegalStateException.class, () -> rt.decref(freed, self)));
                    } catch (final Throwable t) {
                        made.compareAndSet(null, t);
                    }
                }, "intruder");
                intruder.start();
                intruder.join();
                return null;
            });
            assertTrue(made.get() instanceof IllegalStateException, "refused with: " + made.get());
            assertTrue(made.get().getMessage().contains("used only by its own thread"), made.get().getMessage());
            assertTrue(released.get() instanceof IllegalStateException, "refused with: " + released.get());
            assertTrue(released.get().getMessage().contains("count the free"), released.get().getMessage());
            assertEquals(2, rt.heap().allocated(RcType.INT));
            assertEquals(1, rt.heap().freed(RcType.INT));
            assertTrue(freed.isFreed());
            rt.decref(kept, self);
            rt.heap().assertNoLeaks();
        }
    }

    @Test
    void withStrictChecksAHandleOfAnotherRuntimeIsRefused() {
        try (RcRuntime rt = RcRuntime.create("unsafe");
             RcRuntime other = RcRuntime.create("unsafe");
             RuntimeThread self = rt.attach()) {
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.newInt(100_000, self));
            assertTrue(e.getMessage().contains("counts into its own runtime"), e.getMessage());
            assertEquals(0, other.heap().allocated());
            assertEquals(0, rt.heap().allocated());
        }
    }
}
