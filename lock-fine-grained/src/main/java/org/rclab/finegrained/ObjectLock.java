package org.rclab.finegrained;

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
 * <p>Acquire: one CAS from 0 to {@code LOCKED}. If that fails, back off and retry a bounded
 * number of times, reading the word only between runs of {@link Thread#onSpinWait()} that start
 * at about a microsecond and grow (so the holder keeps the word's and its object's cache lines,
 * and runs a batch of sections, while it works) and then between
 * {@link Thread#yield()}s, taking the lock whenever the word shows it free. Then, before parking,
 * release the thread's own critical sections (suspension, see {@link ObjectCriticalSections}), set
 * {@code HAS_PARKED}, and park, timed ({@link ParkingLot}); a thread announces itself to the
 * parking lot before it sets or trusts the flag. Release: if no thread is announced, store 0 (a
 * release store, no atomic instruction, not even a read of the word); else read the word; if it is
 * {@code LOCKED} alone, store 0 likewise; if {@code HAS_PARKED} is
 * set, the parking lot wakes the longest waiter and, if it has waited {@link #FAIR_AFTER_NANOS} or
 * longer, hands it the lock directly (the word stays {@code LOCKED}); otherwise the lock is left
 * free and newcomers may barge ahead of the woken thread, which keeps throughput high at the price
 * of fairness for short waits.
 *
 * <p>Memory ordering: every acquisition ends with a successful CAS (volatile) or with reading a
 * waiter status written after a release store, and every release is a release store of the word
 * (in {@link #unlock} or inside the parking lot) that the next acquirer's CAS reads. So whatever a
 * holder wrote inside its critical section happens-before whatever the next holder does in its
 * own. The one thing the release store does not give is the unlock's own read of the word being
 * current when it stores: see {@link #unlock} for the flag it may erase and what bounds the cost.
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
     * Backed-off retries before a contended acquirer starts yielding. With {@link #MAX_YIELDS} this
     * makes 40 retries before parking, CPython's {@code MAX_SPIN_COUNT}.
     */
    static final int MAX_SPINS = 20;
    /**
     * The run of {@link Thread#onSpinWait()} before a contended acquirer's first re-read of the
     * word: the n-th backed-off retry waits {@code min(FIRST_BACKOFF << n, MAX_BACKOFF)}
     * spin-waits. Why a long first wait: an acquirer that finds the lock taken and re-reads within
     * a few spin-waits takes it the moment its holder leaves the section, so two threads working
     * on one object alternate section by section, and every section then begins by pulling the
     * word's, the object's and its items' lines from the other core (five or six transfers of
     * 30-50 ns per list append/pop cycle on the project's Xeon). Waiting about a microsecond (32
     * spin-waits of ~30 ns there) lets the holder run a batch of operations on lines it keeps; the
     * waiter then takes the lock in a gap between the holder's sections, and the former holder,
     * finding it taken, waits in turn. CPython's {@code PyMutex} paces its spinning the same way,
     * a {@code sched_yield} between reads. Two threads on one list, outside JMH, while both ran:
     * 0.42-0.67 of the time per cycle with a first wait of one spin-wait, and 0.11-0.42 as many
     * contended acquisitions ({@code lock-fine-grained/docs/contended-ab/}).
     */
    static final int FIRST_BACKOFF = 32;
    /**
     * The longest run of {@link Thread#onSpinWait()} between two reads of a taken lock's word. Each
     * read pulls the word's line to the waiter in shared state and the holder's next write pays for
     * taking it back, so a waiter that reads less lets the holder run at its uncontended speed; 64
     * spin-waits are a few microseconds on hosts whose pause is slow, below a context switch.
     */
    static final int MAX_BACKOFF = 64;
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
     * Takes the lock after {@link #tryLockFast} failed: backs off, yields, then parks. It reads the
     * word before each CAS rather than trying a CAS first (test and test-and-set): a CAS that fails
     * still takes the word's cache line away from the holder, who then waits for it to unlock.
     *
     * @param o the object
     * @param stack the calling thread's sections, suspended before the thread parks
     * @param metrics where contention is counted
     * @param options how many times to retry before parking, and the parks' timing
     */
    static void lockContended(final RcObject o, final SectionStack stack, final LockMetrics metrics,
                              final LockOptions options) {
        metrics.contended.increment();
        if (takeWhileBackingOff(o, options.spins())) {
            return;
        }
        // Before this thread sets HAS_PARKED, or trusts one already set (the parking lot checks
        // the word again after this): an unlock that reads no parkers does not read the word.
        PARKING_LOT.announceParker();
        try {
            takeOrPark(o, stack, metrics, options);
        } finally {
            PARKING_LOT.withdrawParker();
        }
    }

    /** Reads the word between growing back-offs, taking the lock when it is free; whether it did. */
    private static boolean takeWhileBackingOff(final RcObject o, final int maxSpins) {
        int spins = 0;
        while (spins < maxSpins) {
            final int word = Header.lockWordVolatile(o);
            if ((word & LOCKED) == 0) {
                // Free: take it, keeping HAS_PARKED so that our unlock still wakes a parked thread.
                if (Header.compareAndSetLockWord(o, word, word | LOCKED)) {
                    return true;
                }
                continue;
            }
            backOff(spins++);
        }
        return false;
    }

    /** Takes the lock, parking (after suspending the thread's sections) while it is held. */
    private static void takeOrPark(final RcObject o, final SectionStack stack, final LockMetrics metrics,
                                   final LockOptions options) {
        boolean parked = false;
        long since = 0;
        for (;;) {
            final int word = Header.lockWordVolatile(o);
            if ((word & LOCKED) == 0) {
                // As above, keeping HAS_PARKED for the threads still parked.
                if (Header.compareAndSetLockWord(o, word, word | LOCKED)) {
                    return;
                }
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
            final int outcome = PARKING_LOT.park(o, LOCKED | HAS_PARKED, since, options.firstParkNanos(),
                    metrics.lostWakeups);
            if (outcome != ParkingLot.RETRY) {
                metrics.parks.increment();
                parkEvent.commitFor(o, outcome == ParkingLot.HANDED_OFF);
            }
            if (outcome == ParkingLot.HANDED_OFF) {
                return;
            }
        }
    }

    /** The wait before the retry numbered {@code retry} (from 0): growing spin-waits, then a yield. */
    private static void backOff(final int retry) {
        if (retry >= MAX_SPINS) {
            Thread.yield();
            return;
        }
        for (int i = spinWaitsBefore(retry); i > 0; i--) {
            Thread.onSpinWait();
        }
    }

    /**
     * How many spin-waits the backed-off retry numbered {@code retry} (0 to {@link #MAX_SPINS} - 1)
     * waits before it reads the word: {@link #FIRST_BACKOFF}, doubling up to {@link #MAX_BACKOFF}.
     */
    static int spinWaitsBefore(final int retry) {
        // retry < MAX_SPINS (20), so the shift cannot overflow.
        return Math.min(FIRST_BACKOFF << retry, MAX_BACKOFF);
    }

    /**
     * Releases the lock, waking or handing it to a parked waiter if there is one.
     *
     * @param o the object, locked by the calling thread
     * @param metrics where hand-offs are counted
     * @param options how long a parked waiter waits before it is handed the lock
     * @throws IllegalStateException if the lock is not held and some thread is announced as a
     *         parker (with none, an unheld lock is caught only by an assertion)
     */
    static void unlock(final RcObject o, final LockMetrics metrics, final LockOptions options) {
        if (PARKING_LOT.noParkers()) {
            // No thread in the JVM had announced itself a parker when we read the count, so none
            // had set or trusted a HAS_PARKED that this store could erase: a parker announces
            // itself (a volatile read-modify-write) before either. Release store of 0: it
            // publishes the critical section's writes to whoever next takes the lock by CAS, and
            // costs no atomic instruction (a CAS here made a section two atomics; CPython's
            // PyMutex_Unlock is that CAS, HotSpot's monitor exit a StoreLoad fence). Nor does it
            // read the word: a load of the word this thread has just compare-and-set waits for
            // that atomic (3.5 ns of a 15 ns section, measured here), a load of the count does not.
            // Without a CAS or a fence this is Dekker's pattern with its fence missing: a parker
            // may announce itself after our read, set HAS_PARKED, queue and park, and this store
            // erases its flag, so no unlock will wake it. The parking lot bounds that loss instead
            // of preventing it: every park is timed, and a waiter whose park expires and finds
            // its flag erased takes the wake-up back (counted as lost-wakeups). The window is the
            // few instructions between the read and the store, against a waiter that spun and
            // yielded 40 times before parking. Unlocking a lock that is not held is not detected
            // here (its callers, the sections, unlock only what they took); assertions check it.
            assert isLocked(o) : "unlock of " + o.describe() + ", whose lock is not held";
            Header.setLockWordRelease(o, UNLOCKED);
            return;
        }
        // Only the holder clears HAS_PARKED (here or in the parking lot); waiters only set bits.
        // So a word read as LOCKED | HAS_PARKED stays so, and the slow path below may trust it.
        final int word = Header.lockWordVolatile(o);
        if (word == LOCKED) {
            // No waiter had parked on this lock when we read: as above, a release store, with
            // the same window between this read and the store.
            Header.setLockWordRelease(o, UNLOCKED);
            return;
        }
        if ((word & LOCKED) == 0) {
            throw new IllegalStateException("unlock of " + o.describe() + ", whose lock is not held");
        }
        if (PARKING_LOT.unparkOne(o, options.fairAfterNanos())) {
            metrics.handoffs.increment();
            HandoffEvent.emit(o);
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

    /**
     * Whether no thread is announced as a parker, so that unlocks skip the word (for tests; racy
     * by nature): a contended acquisition that forgot to withdraw would slow every unlock.
     *
     * @return {@code true} if the parking lot's count of announced parkers is zero
     */
    static boolean noAnnouncedParkers() {
        return PARKING_LOT.noParkers();
    }

    /**
     * Whether a thread is queued in the parking lot for the lock (for tests; racy by nature). A
     * queued waiter may be parked, or busy-waiting when its timed parks expire at once.
     *
     * @param o the object
     * @return {@code true} if a waiter is queued
     */
    static boolean hasParkedWaiter(final RcObject o) {
        return PARKING_LOT.hasWaiter(o);
    }
}
