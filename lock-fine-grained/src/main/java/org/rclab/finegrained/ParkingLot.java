package org.rclab.finegrained;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.rclab.finegrained.events.LostWakeupEvent;

import org.rclab.object.Header;
import org.rclab.object.RcObject;

/**
 * Where threads wait for object locks, kept off the objects themselves (CPython's
 * {@code parking_lot.c} plays the same part). The lock word has room only for "someone is
 * parked"; who is parked lives here, in a fixed table of buckets chosen by hashing the object's
 * id. Waiters of different objects may share a bucket; each bucket keeps them in arrival order,
 * so waiters of one object are woken in the order they arrived (barging aside).
 *
 * <p>A bucket's monitor is held only for a few field updates, never while parked. A parker checks
 * under it that the word still says "locked, waiters parked" before it queues, and an unlocker
 * that found the flag rewrites the word under it while it dequeues, so no parker queues after an
 * unlock that went through here. An unlock that saw no flag does not come here: it stores "free"
 * without a compare-and-set ({@link ObjectLock#unlock}), and a waiter that set the flag between
 * that unlock's read and its store is queued with its flag erased, and nobody will wake it. That
 * is why every park here is timed: a waiter whose park expires looks at the word, and if its flag
 * is gone while it is still queued (only such a store removes it: the lot's own rewrite keeps it
 * while anyone of the object is queued) it takes the lost wake-up back, leaving the queue if the
 * lock is free or setting the flag again if it is held. A lost wake-up so costs its waiter at most
 * one timeout, {@link #FIRST_TIMEOUT_NANOS} doubling up to {@link #MAX_TIMEOUT_NANOS} the longer
 * it waits, and never a hang.
 *
 * <p>The lot also counts its <em>announced parkers</em>: threads that may set or rely on a lock
 * word's {@code HAS_PARKED}, from before they do so until they stop waiting. An unlock that reads
 * the count as zero stores "free" without reading its own lock word ({@link ObjectLock#unlock});
 * the count is read-mostly (written twice per parking acquisition), so it stays in every core's
 * cache, where the word just compare-and-set costs a load that waits for that atomic.
 */
final class ParkingLot extends ParkingLotParkers {
    /** {@link #park} did not park: the lock word had changed, so the caller looks at it again. */
    static final int RETRY = -1;
    /** A waiter's status before an unlock wakes it. */
    static final int WAITING = 0;
    /** {@link #park} was woken by an unlock that left the lock free for anyone to take. */
    static final int WOKEN = 1;
    /** {@link #park} was woken by an unlock that handed it the lock: the caller holds it. */
    static final int HANDED_OFF = 2;
    /**
     * {@link #park} left the queue by itself: a timed park expired and found the lock free and the
     * waiter's flag erased (a lost wake-up, taken back), so the caller competes for the lock again.
     */
    static final int RECOVERED = 3;
    /**
     * The first timed park's bound (50 µs): a lost wake-up costs its waiter at most this much while
     * it has waited little. A few times the cost of parking and waking, so that re-checking the word
     * stays rare next to the parks themselves.
     */
    static final long FIRST_TIMEOUT_NANOS = 50_000L;
    /** The longest timed park (800 µs, under CPython's 1 ms fairness limit): the bound for a long waiter. */
    static final long MAX_TIMEOUT_NANOS = 800_000L;

    private static final int BUCKET_BITS = 6;
    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;

    // Padding after the parker count (HotSpot lays a superclass's fields out first).
    @SuppressWarnings("unused")
    private long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    private final Bucket[] buckets = new Bucket[1 << BUCKET_BITS];

    ParkingLot() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new Bucket();
        }
    }

    /**
     * Counts the calling thread as a parker, before it sets or trusts any lock word's
     * {@code HAS_PARKED}; it must {@link #withdrawParker} when it stops waiting. A volatile
     * read-modify-write, so the announcement comes before the flag in the synchronization order.
     */
    void announceParker() {
        PARKERS.getAndAdd(this, 1);
    }

    /** Undoes {@link #announceParker}: the calling thread has left the queue and waits no more. */
    void withdrawParker() {
        PARKERS.getAndAdd(this, -1);
    }

    /**
     * Whether no thread is announced as a parker: then no lock word's {@code HAS_PARKED} can be
     * in use except by a parker whose announcement this volatile read came too early to see.
     *
     * @return {@code true} if the count read zero
     */
    boolean noParkers() {
        return parkers == 0;
    }

    /**
     * Parks the calling thread on an object until an unlock wakes it, provided the object's lock
     * word still holds {@code expected} once the bucket is locked. The park is timed (see the class
     * comment): each expiry looks for the waiter's flag, erased by an unlock that raced with it.
     *
     * @param o the object whose lock the thread waits for
     * @param expected the lock word that justifies waiting
     * @param since when the thread first parked for this acquisition ({@link System#nanoTime()})
     * @param firstTimeoutNanos the first timed park's bound, doubling up to {@link #MAX_TIMEOUT_NANOS};
     *        0 makes every timed park expire at once (a busy wait, for a model checker, which has no clock)
     * @param lostWakeups where erased flags found by an expired park are counted
     * @return {@link #HANDED_OFF} if the unlocker handed the lock to this thread, which now holds
     *         it; {@link #WOKEN} if it was woken to compete for the lock again; {@link #RECOVERED}
     *         if it left the queue after finding the lock free and its flag erased; {@link #RETRY}
     *         without parking if the word no longer held {@code expected}
     */
    int park(final RcObject o, final int expected, final long since, final long firstTimeoutNanos,
             final LongAdder lostWakeups) {
        final Waiter waiter = new Waiter(o, Thread.currentThread(), since);
        final Bucket bucket = bucketOf(o);
        synchronized (bucket) {
            if (Header.lockWordVolatile(o) != expected) {
                return RETRY;
            }
            bucket.enqueue(waiter);
        }
        boolean interrupted = false;
        long timeout = firstTimeoutNanos;
        long deadline = System.nanoTime() + timeout;
        // The volatile read of status pairs with the waker's volatile write: once WAITING is gone,
        // everything the unlocker did in its critical section is visible here.
        while (waiter.status == WAITING) {
            final long left = deadline - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(this, left);
                // An interrupt would make park return at once forever; note it, clear it, and
                // restore it when the wait is over, as java.util.concurrent locks do.
                if (Thread.interrupted()) {
                    interrupted = true;
                }
                continue;
            }
            final int word = Header.lockWordVolatile(o);
            if ((word & ObjectLock.HAS_PARKED) == 0) {
                if ((word & ObjectLock.LOCKED) == 0) {
                    if (withdraw(bucket, waiter)) {
                        lostWakeups.increment();
                        LostWakeupEvent.emit(o, System.nanoTime() - since);
                        break;
                    }
                    continue;
                }
                // Held, and its holder will unlock without waking anyone: raise the flag again.
                // If that fails the word changed or an unlock dequeued us; look again.
                if (!raiseErasedFlag(bucket, waiter, word)) {
                    continue;
                }
                lostWakeups.increment();
                LostWakeupEvent.emit(o, System.nanoTime() - since);
            }
            timeout = Math.min(timeout * 2, MAX_TIMEOUT_NANOS);
            deadline = System.nanoTime() + timeout;
            if (timeout == 0) {
                Thread.onSpinWait();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return waiter.status == WAITING ? RECOVERED : waiter.status;
    }

    /**
     * Sets the flag again on a held lock whose word lost it, if the waiter is still queued. Under
     * the bucket's monitor, as the parking lot's own rewrite of the word is: an unlock that has
     * just dequeued this waiter (and stored a word without the flag, maybe handing it the lock)
     * is not taken for an erasing store.
     */
    private static boolean raiseErasedFlag(final Bucket bucket, final Waiter waiter, final int word) {
        synchronized (bucket) {
            return bucket.holds(waiter)
                    && Header.compareAndSetLockWord(waiter.object, word, word | ObjectLock.HAS_PARKED);
        }
    }

    /** Takes a waiter out of its queue unless an unlock already woke it; whether it did. */
    private static boolean withdraw(final Bucket bucket, final Waiter waiter) {
        synchronized (bucket) {
            // Still queued means no unlock dequeued it, so its status is still WAITING.
            return bucket.remove(waiter);
        }
    }

    /**
     * Unlocks an object whose lock word says waiters may be parked: wakes the longest waiter of
     * the object, if any, handing it the lock if it has waited {@code fairAfterNanos} or longer
     * (so always, for zero: "at least" is what lets a limit of zero mean every time, whatever the
     * clock says, including a model checker's clock that never moves).
     * The caller holds the lock.
     *
     * @param o the object to unlock
     * @param fairAfterNanos how long a waiter may wait before the lock is handed to it
     * @return {@code true} if the lock was handed off (it stays locked, now by the waiter)
     */
    boolean unparkOne(final RcObject o, final long fairAfterNanos) {
        final Bucket bucket = bucketOf(o);
        final Waiter waiter;
        final boolean handoff;
        synchronized (bucket) {
            waiter = bucket.dequeueFirst(o);
            final int stillParked = bucket.contains(o) ? ObjectLock.HAS_PARKED : 0;
            handoff = waiter != null && System.nanoTime() - waiter.since >= fairAfterNanos;
            // Rewritten under the bucket monitor so that no parker validates against a stale word.
            // A plain release store suffices: only this thread can change the word now (it holds
            // the lock, and with HAS_PARKED already set no other thread has a reason to CAS it).
            // Release publishes this thread's critical section to the next thread that takes the
            // lock by CAS. A handed-off lock stays LOCKED, so no barging thread can slip in; the
            // waiter learns it owns the lock from its status, written after this store.
            Header.setLockWordRelease(o, (handoff ? ObjectLock.LOCKED : 0) | stillParked);
        }
        if (waiter != null) {
            waiter.wake(handoff ? HANDED_OFF : WOKEN);
        }
        return handoff;
    }

    /**
     * Whether a thread is queued waiting for an object's lock (for tests; a snapshot).
     *
     * @param o the object
     * @return {@code true} if a waiter of {@code o} is queued
     */
    boolean hasWaiter(final RcObject o) {
        final Bucket bucket = bucketOf(o);
        synchronized (bucket) {
            return bucket.contains(o);
        }
    }

    private Bucket bucketOf(final RcObject o) {
        return buckets[(int) ((o.id() * HASH_MULTIPLIER) >>> (Long.SIZE - BUCKET_BITS))];
    }

    /** A thread parked on one object. */
    private static final class Waiter {
        final RcObject object;
        final Thread thread;
        final long since;
        Waiter next;
        volatile int status = WAITING;

        Waiter(final RcObject object, final Thread thread, final long since) {
            this.object = object;
            this.thread = thread;
            this.since = since;
        }

        void wake(final int outcome) {
            status = outcome;
            LockSupport.unpark(thread);
        }
    }

    /** A FIFO of waiters, guarded by the bucket's own monitor. */
    private static final class Bucket {
        private Waiter head;
        private Waiter tail;

        void enqueue(final Waiter waiter) {
            if (tail == null) {
                head = waiter;
            } else {
                tail.next = waiter;
            }
            tail = waiter;
        }

        Waiter dequeueFirst(final RcObject o) {
            Waiter previous = null;
            for (Waiter w = head; w != null; previous = w, w = w.next) {
                if (w.object == o) {
                    unlink(previous, w);
                    return w;
                }
            }
            return null;
        }

        private void unlink(final Waiter previous, final Waiter w) {
            if (previous == null) {
                head = w.next;
            } else {
                previous.next = w.next;
            }
            if (tail == w) {
                tail = previous;
            }
            w.next = null;
        }

        boolean holds(final Waiter waiter) {
            for (Waiter w = head; w != null; w = w.next) {
                if (w == waiter) {
                    return true;
                }
            }
            return false;
        }

        boolean remove(final Waiter waiter) {
            Waiter previous = null;
            for (Waiter w = head; w != null; previous = w, w = w.next) {
                if (w == waiter) {
                    unlink(previous, w);
                    return true;
                }
            }
            return false;
        }

        boolean contains(final RcObject o) {
            for (Waiter w = head; w != null; w = w.next) {
                if (w.object == o) {
                    return true;
                }
            }
            return false;
        }
    }
}

/** 128 bytes before the parker count: the buckets and their monitors live next to the lot. */
abstract class ParkingLotPad {
    // The header is 12 bytes (compressed class pointers) and the first long starts at 16: since
    // JDK 15 HotSpot would put a subclass's 4-byte field (an int, a compressed reference) into
    // bytes 12-15, next to the object before, outside the padding. This int takes the gap.
    @SuppressWarnings("unused")
    private int headerGap;
    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

/**
 * The parking lot's count of announced parkers, read by every uncontended unlock and written only
 * when a thread starts or stops parking: kept on cache lines of its own (padding before here and
 * after, in {@link ParkingLot}) so that the unlocks' reads hit their core's cache.
 */
abstract class ParkingLotParkers extends ParkingLotPad {
    static final VarHandle PARKERS;

    static {
        try {
            PARKERS = MethodHandles.lookup().findVarHandle(ParkingLotParkers.class, "parkers", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Threads between {@link ParkingLot#announceParker} and {@link ParkingLot#withdrawParker}. */
    volatile int parkers;
}
