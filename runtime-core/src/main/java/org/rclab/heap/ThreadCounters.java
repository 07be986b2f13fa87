package org.rclab.heap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed set of event counters, each thread counting in its own slot with plain adds; a read
 * sums the slots.
 *
 * <p>Why not one {@link LongAdder} per counter: every add of a {@code LongAdder} is an atomic
 * read-modify-write, a full fence on x86. On the allocation path that fence waits for the stores
 * that initialised the new object, and with two threads allocating in one runtime the
 * benchmarks spent most of their time there (countdown did not scale to two threads, whatever the
 * scheme). Here the common path is a few loads and a plain store to a line only the counting
 * thread writes.
 *
 * <p>A thread finds its slot by its id (a direct-mapped table, no hashing of a
 * {@code ThreadLocal}); the first thread to claim a slot finds its own without the table (a field
 * tested first, see {@code first}). It claims an empty slot with a CAS, or the slot of a thread that has
 * ended: {@link Thread#isAlive()} returning {@code false} orders every write of the ended thread
 * before the takeover, so its counts carry on exactly. A thread whose slot is held by a live
 * thread counts in shared {@code LongAdder}s instead: slower, never lost.
 *
 * <p>Slots are written by their owner with plain stores and read with opaque loads. A sum taken
 * after the counting threads were joined (or reached any other happens-before edge) is exact; a
 * sum taken while they count is an estimate, read without ordering (the Java memory model allows
 * even a torn {@code long} there; HotSpot on 64-bit platforms writes one with a single store).
 * Why plain: on the allocation path C2 fences every opaque, acquire or release access from the
 * loads and stores around it, so two opaque stores per step (an allocation and a free) cost more
 * than their instructions, and plain accesses let it share one slot lookup between them.
 *
 * <p>Each thread's counts sit between 16 unused longs on either side (128 bytes: two
 * cache lines, the pair Intel's spatial prefetcher fetches together). A slot is made by its own
 * thread, but a garbage collection copies the slots and their arrays next to each other (152
 * bytes apart, seen): without the padding one thread's hot counts could share a line, or a
 * prefetched pair, with the next slot's owner field, which that slot's thread reads at every
 * increment; two runtimes have one table each and never meet there.
 */
public final class ThreadCounters {
    private static final int SLOTS = 64;
    /** Unused longs before and after each thread's counts. */
    private static final int PAD = 16;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Slot[].class);
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(Slot.class, "owner", Thread.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int size;
    private final Slot[] slots = new Slot[SLOTS];
    /**
     * The slot of the first thread that claimed one, tested by {@link #increment} before the
     * table. A runtime's first attached thread is the one that runs its program (and the only one
     * of a one-thread program or a pool worker); for it the table's lookup (the thread's id, the
     * mask, the range check, the entry, each a load or a branch C2 cannot fold) was about an
     * eighth of an interpreted countdown step under gil, brc and unsafe, where it is inlined
     * twice (interpreter README, thirteenth session). Written plainly by {@link #claimSlot}, and
     * only while it reads {@code null}: two first claimers may race and either may win, which is
     * harmless because the reader still tests the owner; after that it is only read, so counting
     * writes no line that other threads read.
     */
    private Slot first;
    private final LongAdder[] overflow;

    /**
     * One thread's counts; made by that thread, so its array sits in memory only it writes. A
     * thread that {@link #claim() claimed} its slot may keep it and add through
     * {@link #increment(int)} with no table lookup, for as long as it lives: the slot passes to
     * another thread only once its owner has ended ({@link #claimSlot}).
     */
    public static final class Slot {
        private volatile Thread owner;
        private final long[] counts;

        Slot(final Thread owner, final int size) {
            this.owner = owner;
            this.counts = new long[PAD + size + PAD];
        }

        /**
         * Adds one to a counter; only the slot's owner may call this (the caller's duty: nothing
         * is checked). A plain add, exact for the same reason as the table path's: no other
         * thread writes this array while the owner lives, and a sum reads it as that path says.
         *
         * @param index the counter
         */
        public void increment(final int index) {
            counts[PAD + index]++;
        }
    }

    /**
     * Makes the counters, all zero.
     *
     * @param size how many counters, indexed from 0
     */
    public ThreadCounters(final int size) {
        this.size = size;
        this.overflow = new LongAdder[size];
        for (int i = 0; i < size; i++) {
            overflow[i] = new LongAdder();
        }
    }

    /**
     * Adds one to a counter for the calling thread.
     *
     * @param index the counter
     */
    public void increment(final int index) {
        final Thread self = Thread.currentThread();
        // The first claimer's slot, under the same owner test as the table's entry below (so the
        // same plain reads are exact): any other thread reads "not mine" and goes to the table.
        final Slot firstSlot = first;
        if (firstSlot != null && OWNER.get(firstSlot) == self) {
            firstSlot.counts[PAD + index]++;
            return;
        }
        final Slot slot = slots[(int) self.getId() & (SLOTS - 1)];
        // Plain reads of the table and of the owner: the one answer that matters, "this thread
        // owns the slot", is made true only by this thread's own CAS (or its own construction of
        // the slot), which happens-before its later reads; every older write to the field
        // happened-before that CAS, and no other thread writes the field while this one lives.
        // So a plain read is exact for the owner, and any other value reads "not mine" and takes
        // the slow path. Plain, not opaque or acquire (see the class comment).
        if (slot != null && OWNER.get(slot) == self) {
            final long[] counts = slot.counts;
            counts[PAD + index]++;
            return;
        }
        incrementSlow(self, index);
    }

    /**
     * Claims the calling thread's slot now, ahead of its first count, if it is free. A runtime
     * calls this when a thread attaches. Without it, a thread that starts counting after the hot
     * loops were compiled takes {@link #increment}'s slow branch once, and that one time is
     * enough: the branch's profile belongs to {@code increment}, not to the loop that inlined it,
     * so the loop is recompiled with the slow call inside it and stays slower for every thread
     * (seen: 1.10–1.23× per interpreted one-thread step, an interpreter whose runtime had run two
     * threads against one whose runtime never had).
     *
     * <p>The slot returned is the thread's for as long as it lives: it may keep it and count
     * through {@link Slot#increment} with no table lookup (the runtime's attached thread handle
     * does).
     *
     * @return the calling thread's slot, or {@code null} if a live thread holds the slot at its
     *         index (the thread then counts through {@link #increment}, in the shared adders)
     */
    public Slot claim() {
        final Thread self = Thread.currentThread();
        final Slot slot = claimSlot(self);
        return slot.owner == self ? slot : null;
    }

    private void incrementSlow(final Thread self, final int index) {
        final Slot slot = claimSlot(self);
        if (slot.owner == self) {
            final long[] counts = slot.counts;
            counts[PAD + index]++;
        } else {
            overflow[index].increment();
        }
    }

    /** The slot at the thread's index, made or taken over for the thread if it can be. */
    private Slot claimSlot(final Thread self) {
        final int at = (int) self.getId() & (SLOTS - 1);
        Slot slot = (Slot) SLOT.getVolatile(slots, at);
        if (slot == null) {
            final Slot mine = new Slot(self, size);
            slot = (Slot) SLOT.compareAndExchange(slots, at, (Slot) null, mine);
            if (slot == null) {
                slot = mine;
            }
        }
        final Thread owner = slot.owner;
        if (owner != self && !owner.isAlive()) {
            // The ended owner's writes happen-before isAlive() returned false, so its counts are
            // complete; the CAS makes sure only one newcomer carries them on.
            OWNER.compareAndSet(slot, owner, self);
        }
        if (first == null && slot.owner == self) {
            // A Slot's array is final, so a thread that reads this racy store sees it filled in.
            first = slot;
        }
        return slot;
    }

    /**
     * Whether the calling thread counts in a slot of its own (package-private, for tests).
     *
     * @return {@code true} if its counts take the fast path
     */
    boolean ownsSlot() {
        final Thread self = Thread.currentThread();
        final Slot slot = (Slot) SLOT.getVolatile(slots, (int) self.getId() & (SLOTS - 1));
        return slot != null && slot.owner == self;
    }

    /**
     * The sum of a counter over all threads.
     *
     * @param index the counter
     * @return the total
     */
    public long sum(final int index) {
        long total = overflow[index].sum();
        for (int i = 0; i < SLOTS; i++) {
            final Slot slot = (Slot) SLOT.getVolatile(slots, i);
            if (slot != null) {
                total += (long) COUNT.getOpaque(slot.counts, PAD + index);
            }
        }
        return total;
    }
}
