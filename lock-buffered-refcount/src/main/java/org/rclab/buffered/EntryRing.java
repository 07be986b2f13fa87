package org.rclab.buffered;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.rclab.object.RcObject;

/**
 * One bounded log of count changes of one sign: the objects whose count a thread raised (or
 * lowered), in the order it did so. One producer, the logging thread (or, for the log of threads
 * that are not attached, whoever holds that log's monitor); one consumer at a time, whoever holds
 * the runtime's commit lock.
 *
 * <p>Orderings (names as in {@link org.rclab.object.Header}): the producer stores the entry
 * plainly, then publishes it with a <b>release</b> store of {@code tail}; the consumer reads
 * {@code tail} with <b>acquire</b>, so every entry below it, and everything the producer did
 * before logging it, is visible to the consumer. The consumer clears the entries it applied
 * (so a freed object is not kept reachable) and gives the space back with a <b>release</b> store
 * of {@code head}; the producer reads {@code head} with <b>acquire</b> only when its cached copy
 * says the ring is full, so its next store into a slot follows the consumer's clearing of it.
 * The hot path is a plain load of the cached head, a plain store of the entry and a release store
 * of the tail: no atomic instruction, and no store to a line another thread writes on its own hot
 * path.
 */
final class EntryRing {
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(EntryRing.class, "tail", long.class);
            HEAD = lookup.findVarHandle(EntryRing.class, "head", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RcObject[] entries;
    private final int mask;
    /** Entries ever logged; written by the producer only (release), read by the consumer (acquire). */
    private long tail;
    /** The producer's last look at {@link #head}; producer only, plain. */
    private long headSeen;
    /** Entries ever applied and cleared; written by the consumer only (release), read by the producer (acquire). */
    private long head;

    /**
     * An empty ring.
     *
     * @param capacity entries it holds, a power of two
     */
    EntryRing(final int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.entries = new RcObject[capacity];
        this.mask = capacity - 1;
    }

    /**
     * Logs an object, if there is room. Producer only.
     *
     * @param o the object
     * @return {@code false} if the ring is full (nothing was logged)
     */
    boolean offer(final RcObject o) {
        final long t = tail;
        if (t - headSeen > mask) {
            headSeen = (long) HEAD.getAcquire(this);
            if (t - headSeen > mask) {
                return false;
            }
        }
        entries[(int) t & mask] = o;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /**
     * Where the producer has got to: every entry below it is visible to the caller. Consumer side.
     *
     * @return the tail, with acquire ordering
     */
    long tailAcquire() {
        return (long) TAIL.getAcquire(this);
    }

    /**
     * Where the consumer has got to. Consumer side (plain: only the consumer writes it, under the
     * commit lock, which orders successive consumers).
     *
     * @return the head
     */
    long head() {
        return head;
    }

    /**
     * Takes the entry at an index and clears its slot. Consumer only, for {@code head() <= index <
     * tailAcquire()}, in order.
     *
     * @param index the entry's position
     * @return the logged object
     */
    RcObject take(final long index) {
        final int slot = (int) index & mask;
        final RcObject o = entries[slot];
        entries[slot] = null;
        return o;
    }

    /**
     * Gives the slots below a position back to the producer. Consumer only, after taking them.
     *
     * @param newHead the first entry not yet applied
     */
    void advanceHead(final long newHead) {
        HEAD.setRelease(this, newHead);
    }
}
