package org.rclab.finegrained;

import org.agrona.concurrent.IdleStrategy;
import org.rclab.finegrained.events.HandoffEvent;
import org.rclab.finegrained.events.ObjectParkEvent;
import org.rclab.object.Header;
import org.rclab.object.RcObject;

/**
 * The per-object lock, kept in the object header's {@code lockWord}: a Java rendering of
 * CPython's one-byte {@code PyMutex}. Two bits of the word are used:
 *
 * <table>
 *   <caption>Lock-word states</caption>
 *   <tr><th>word</th><th>meaning</th></tr>
 *   <tr><td>{@code 0}</td><td>unlocked, nobody parked (the state of every new object)</td></tr>
 *   <tr><td>{@code LOCKED} (1)</td><td>held, nobody parked: unlock is one CAS back to 0</td></tr>
 *   <tr><td>{@code LOCKED | HAS_PARKED} (3)</td><td>held, and threads may be parked in the
 *       {@link ParkingLot}: unlock must go through the parking lot</td></tr>
 *   <tr><td>{@code HAS_PARKED} (2)</td><td>free, but threads are still parked: an unlock woke one
 *       of them without handing over, and any thread (the woken one or a newcomer) may take it
 *       by setting {@code LOCKED}</td></tr>
 * </table>
 *
 * <p>Acquire: one CAS from 0 to {@code LOCKED}. If that fails, spin and then yield with an Agrona
 * {@link org.agrona.concurrent.BackoffIdleStrategy} a bounded number of times, retrying whenever
 * the word shows the lock free. Then, before parking, release the thread's own critical sections
 * (suspension, see {@link ObjectCriticalSections}), set {@code HAS_PARKED}, and park. Release:
 * one CAS from {@code LOCKED} to 0; if {@code HAS_PARKED} is set, the parking lot wakes the
 * longest waiter and, if it has waited {@link #FAIR_AFTER_NANOS} or longer, hands it the lock
 * directly (the word stays {@code LOCKED}); otherwise the lock is left free and newcomers may
 * barge ahead of the woken thread, which keeps throughput high at the price of fairness for
 * short waits.
 *
 * <p>Memory ordering: every transition is a {@code compareAndSet} or, inside the parking lot, a
 * release store, and every acquisition ends with a successful CAS (volatile) or with reading a
 * waiter status written after the release store. So whatever a holder wrote inside its critical
 * section happens-before whatever the next holder does in its own.
 *
 * <p>The lock is not reentrant: taking it twice deadlocks on its own, which is why
 * {@link ObjectCriticalSections} recognises an object its thread already holds.
 */
final class ObjectLock {
    /** Bit 0: the lock is held. */
    static final int LOCKED = 1;
    /** Bit 1: threads may be parked in the parking lot waiting for this lock. */
    static final int HAS_PARKED = 2;
    /** A waiter parked this long (1 ms, as in CPython) is handed the lock on unlock, by default. */
    static final long FAIR_AFTER_NANOS = 1_000_000L;
    /**
     * Busy spins ({@link Thread#onSpinWait()}) before a contended acquirer starts yielding. With
     * {@link #MAX_YIELDS} this makes 40 retries before parking, CPython's {@code MAX_SPIN_COUNT}.
     */
    static final int MAX_SPINS = 20;
    /** {@link Thread#yield()}s after the spins, before the thread parks. */
    static final int MAX_YIELDS = 20;

    private static final int UNLOCKED = 0;
    private static final ParkingLot PARKING_LOT = new ParkingLot();

    private ObjectLock() {
    }

    /**
     * Takes the lock without waiting, if it is free and has no parked waiters.
     *
     * @param o the object
     * @return whether the calling thread now holds the lock
     */
    static boolean tryLockFast(final RcObject o) {
        // Volatile CAS: acquires everything the previous holder published when it unlocked.
        return Header.compareAndSetLockWord(o, UNLOCKED, LOCKED);
    }

    /**
     * Takes the lock, waiting as long as it takes. A thread about to park first suspends the
     * critical sections it holds.
     *
     * @param o the object
     * @param stack the calling thread's sections, suspended before the thread parks
     * @param metrics where contention is counted
     * @param options how many times to retry before parking
     */
    static void lock(final RcObject o, final SectionStack stack, final LockMetrics metrics, final LockOptions options) {
        if (!tryLockFast(o)) {
            lockContended(o, stack, metrics, options);
        }
    }

    /**
     * Takes the lock after {@link #tryLockFast} failed: spins, yields, then parks. It reads the
     * word before each CAS rather than trying a CAS first (test and test-and-set): a CAS that fails
     * still takes the word's cache line away from the holder, who then waits for it to unlock.
     *
     * @param o the object
     * @param stack the calling thread's sections, suspended before the thread parks
     * @param metrics where contention is counted
     * @param options how many times to retry before parking
     */
    static void lockContended(final RcObject o, final SectionStack stack, final LockMetrics metrics,
                              final LockOptions options) {
        final int maxSpins = options.spins();
        metrics.contended.increment();
        final IdleStrategy idle = stack.idle();
        idle.reset();
        int spins = 0;
        boolean parked = false;
        long since = 0;
        for (;;) {
            final int word = Header.lockWordVolatile(o);
            if ((word & LOCKED) == 0) {
                // Free: take it, keeping HAS_PARKED so that our unlock still wakes a parked thread.
                if (Header.compareAndSetLockWord(o, word, word | LOCKED)) {
                    return;
                }
                continue;
            }
            if (spins < maxSpins) {
                spins++;
                idle.idle();
                continue;
            }
            // About to block: release our own sections first. One of them may hold the lock we
            // want (or one its holder is waiting for), so look at the word again afterwards.
            if (stack.suspendActive(metrics)) {
                continue;
            }
            if ((word & HAS_PARKED) == 0 && !Header.compareAndSetLockWord(o, word, word | HAS_PARKED)) {
                continue;
            }
            if (!parked) {
                parked = true;
                since = System.nanoTime();
            }
            final ObjectParkEvent parkEvent = new ObjectParkEvent();
            parkEvent.begin();
            final int outcome = PARKING_LOT.park(o, LOCKED | HAS_PARKED, since);
            if (outcome != ParkingLot.RETRY) {
                metrics.parks.increment();
                parkEvent.commitFor(o, outcome == ParkingLot.HANDED_OFF);
            }
            if (outcome == ParkingLot.HANDED_OFF) {
                return;
            }
        }
    }

    /**
     * Releases the lock, waking or handing it to a parked waiter if there is one.
     *
     * @param o the object, locked by the calling thread
     * @param metrics where hand-offs are counted
     * @param options how long a parked waiter waits before it is handed the lock
     * @throws IllegalStateException if the lock is not held
     */
    static void unlock(final RcObject o, final LockMetrics metrics, final LockOptions options) {
        // Volatile CAS: publishes the critical section's writes to the next acquirer, and learns
        // in the same atomic step that no waiter set HAS_PARKED. A release store of 0 after
        // reading the word would be cheaper (one atomic per section instead of two) but is the
        // Dekker pattern without its StoreLoad fence: a waiter may set HAS_PARKED after our read
        // and then park, and our store erases its bit, so nobody wakes it; only a timed park would
        // bound that loss, and the model checker, which never times out a park, would report the
        // hang. CPython's PyMutex_Unlock is this same CAS; HotSpot's inflated-monitor exit pays
        // a StoreLoad fence instead. Benchmarks' physical cas-cas-lock shows the host's price.
        if (!Header.compareAndSetLockWord(o, LOCKED, UNLOCKED)) {
            unlockSlow(o, metrics, options.fairAfterNanos());
        }
    }

    private static void unlockSlow(final RcObject o, final LockMetrics metrics, final long fairAfterNanos) {
        for (;;) {
            final int word = Header.lockWordVolatile(o);
            if ((word & LOCKED) == 0) {
                throw new IllegalStateException("unlock of " + o.describe() + ", whose lock is not held");
            }
            if ((word & HAS_PARKED) != 0) {
                if (PARKING_LOT.unparkOne(o, fairAfterNanos)) {
                    metrics.handoffs.increment();
                    HandoffEvent.emit(o);
                }
                return;
            }
            // The word was LOCKED a moment ago, but a waiter may have just set HAS_PARKED.
            if (Header.compareAndSetLockWord(o, word, UNLOCKED)) {
                return;
            }
        }
    }

    /**
     * Whether the lock is held by some thread (for tests and assertions; racy by nature).
     *
     * @param o the object
     * @return {@code true} if the word's locked bit is set
     */
    static boolean isLocked(final RcObject o) {
        return (Header.lockWordVolatile(o) & LOCKED) != 0;
    }
}
