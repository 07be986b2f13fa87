package org.rclab.brc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rclab.heap.Tracking;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * A reader takes item 0 out of a list without the list's lock while a writer keeps replacing it
 * and releasing the old item: the reader must never come back with a freed object (it would see
 * the freed bit, or its release would be an over-release the heap counts).
 *
 * <p>Who made the items decides which try-incref path the reader races on:
 * <ul>
 *   <li>{@code WRITER}: the list's reference is in the writer's local count and the shared word
 *       is zero, so the reader's try-incref refuses and reads under the lock; the writer's
 *       release takes its local count to zero and frees at once or merges;</li>
 *   <li>{@code READER}: the reader owns the items and increments locally; the writer's releases
 *       queue them to the reader, which merges them at its checkpoints;</li>
 *   <li>{@code DEPARTED}: the items' owner has left; the writer holds each item it stored for one
 *       more round, so the shared count is positive while the item is in the list and the
 *       reader's CAS races the writer's releases through zero, through the queued word (the
 *       writer merges the orphan itself, sometimes with the reader's reference in it) and
 *       through "count 0, merged", in which case the reader's own release frees the item.</li>
 * </ul>
 * The queue and merge metrics each variant must end with follow from the state machine whatever
 * the interleaving, so they are asserted exactly.
 */
class LockFreeListReadRaceTest {
    private static final int ROUNDS = 100_000;
    private static final int CHECKPOINT_EVERY = 64;
    private static final long LIVENESS_GUARD_SECONDS = 60;

    /** Which thread made the items the writer stores. */
    enum ItemMaker { WRITER, READER, DEPARTED }

    @ParameterizedTest
    @EnumSource(ItemMaker.class)
    void readerRacingAReplacingWriterNeverGetsAFreedItem(final ItemMaker maker) throws Exception {
        try (RcRuntime rt = RcRuntime.builder(new BrcScheme()).tracking(Tracking.OBJECTS).build()) {
            final RuntimeThread self = rt.attach();
            final RcList list = rt.newList();
            final RcStr first = rt.newStr("made by the test thread");
            list.append(first);
            rt.decref(first);
            final RcList source = rt.newList();

            try (Actor writer = new Actor("writer", rt); Actor reader = new Actor("reader", rt)) {
                writer.attach();
                reader.attach();
                if (maker == ItemMaker.READER) {
                    reader.run(() -> fill(rt, source));
                } else if (maker == ItemMaker.DEPARTED) {
                    try (Actor departed = new Actor("departed maker", rt)) {
                        departed.attach();
                        departed.run(() -> fill(rt, source));
                    }
                }

                final CountDownLatch go = new CountDownLatch(1);
                final Future<?> writing = writer.start(() -> {
                    go.await();
                    if (maker == ItemMaker.WRITER) {
                        replaceWithFreshItems(rt, list, rt.current());
                    } else {
                        replaceWithItemsFrom(rt, source, list, rt.current());
                    }
                });
                final Future<?> reading = reader.start(() -> {
                    go.await();
                    readRepeatedly(rt, list, rt.current());
                });
                go.countDown();
                await(writing);
                await(reading);

                // The writer leaves first, so the list's last item, if the writer made it, is
                // an orphan when the list is released below.
                writer.detach();
                rt.decref(list);
                rt.decref(source);
                self.checkpoint();
                reader.checkpoint();
            }
            self.detach();

            assertEquals(0, rt.heap().misuseCount(), "a freed item was read or released");
            rt.heap().assertNoLeaks();
            final long queued = rt.metrics().value(BrcMetrics.QUEUED);
            final long mergedByNonOwner = rt.metrics().value(BrcMetrics.MERGED_BY_NON_OWNER);
            // The test thread's first item is queued to it once, whoever releases it at zero.
            switch (maker) {
                case WRITER -> {
                    assertEquals(1, queued, "the reader's references are all shared, so it never releases at zero");
                    assertEquals(1, mergedByNonOwner, "the last item, released after its maker left");
                }
                case READER -> {
                    assertEquals(ROUNDS + 1, queued, "every item's locally counted reference is released by another thread");
                    assertEquals(0, mergedByNonOwner);
                }
                case DEPARTED -> {
                    assertEquals(1, queued);
                    assertEquals(ROUNDS, mergedByNonOwner,
                            "every orphan is merged exactly once, by whoever found its shared count at zero");
                }
            }
        }
    }

    /** The maker stores {@link #ROUNDS} items in {@code source}, keeping no reference itself. */
    private static void fill(final RcRuntime rt, final RcList source) {
        for (int i = 0; i < ROUNDS; i++) {
            final RcStr item = rt.newStr("item " + i);
            source.append(item);
            rt.decref(item);
        }
    }

    private static void replaceWithFreshItems(final RcRuntime rt, final RcList list, final RuntimeThread writer) {
        for (int i = 1; i <= ROUNDS; i++) {
            final RcStr next = rt.newStr("fresh " + i);
            list.set(0, next);
            rt.decref(next);
            if (i % CHECKPOINT_EVERY == 0) {
                writer.checkpoint();
            }
        }
    }

    /**
     * Stores each item popped from {@code source} and releases it one round later, so that while
     * an item is in the list its shared count is positive (the list's reference, taken by the
     * writer, a non-owner) and its owner's local count still holds the popped reference.
     */
    private static void replaceWithItemsFrom(final RcRuntime rt, final RcList source, final RcList list,
                                             final RuntimeThread writer) {
        RcObject previous = null;
        for (int i = 1; i <= ROUNDS; i++) {
            final RcObject next = source.pop();
            list.set(0, next);
            if (previous != null) {
                rt.decref(previous);
            }
            previous = next;
            if (i % CHECKPOINT_EVERY == 0) {
                writer.checkpoint();
            }
        }
        rt.decref(previous);
    }

    private static void readRepeatedly(final RcRuntime rt, final RcList list, final RuntimeThread reader) {
        for (int i = 1; i <= ROUNDS; i++) {
            final RcObject seen = list.get(0);
            if (seen.isFreed()) {
                throw new AssertionError("read a freed item: " + seen.describe());
            }
            rt.decref(seen);
            if (i % CHECKPOINT_EVERY == 0) {
                reader.checkpoint();
            }
        }
    }

    private static void await(final Future<?> loop) throws InterruptedException {
        try {
            // A liveness guard only: an honest run takes a fraction of a second.
            loop.get(LIVENESS_GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            throw new AssertionError("a racing thread failed: " + e.getCause(), e.getCause());
        } catch (final java.util.concurrent.TimeoutException e) {
            throw new AssertionError("a racing thread did not finish within " + LIVENESS_GUARD_SECONDS + " s", e);
        }
    }
}
