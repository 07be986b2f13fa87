package org.rclab.brc;

import static org.rclab.brc.SharedWord.DEFAULT;
import static org.rclab.brc.SharedWord.FLAG_MASK;
import static org.rclab.brc.SharedWord.MAYBE_WEAKREF;
import static org.rclab.brc.SharedWord.MERGED;
import static org.rclab.brc.SharedWord.ONE;
import static org.rclab.brc.SharedWord.QUEUED;

import org.rclab.brc.events.MergeOwnerZeroEvent;
import org.rclab.heap.Heap;
import org.rclab.heap.MisuseKind;
import org.rclab.object.Header;
import org.rclab.object.RcObject;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.RefCounter;

/**
 * The counting half of biased reference counting: every transition of the header's owner, local
 * count and shared word. {@link BrcScheme} tells the whole story; each method here says which
 * step it is and which race each ordering prevents.
 *
 * <p>Invariants the code relies on (true count = local + count(shared)):
 * <ul>
 *   <li>only the owner writes {@code local}, with plain stores, and only while the owner field
 *       names it; a non-owner touches {@code local} only in a merge done because the owner is
 *       gone: it detached (the merge runs under the registry lock) or its thread has ended
 *       ({@link MergeQueues});</li>
 *   <li>only an attached thread becomes an owner: an object made by a thread that is not
 *       attached starts merged ({@link #init});</li>
 *   <li>{@code local} never wraps: at {@link Integer#MAX_VALUE} the object becomes immortal
 *       instead ({@link #saturate});</li>
 *   <li>while an object is owned, {@code local >= 1}: the owner merges the moment it reaches zero,
 *       and a merge clears the owner field and zeroes {@code local} before publishing;</li>
 *   <li>an object whose flags are {@code DEFAULT} has a shared count {@code >= 0}: a release that
 *       would take it below zero queues the object instead;</li>
 *   <li>a dead object's shared word is {@code 0} (freed by its owner at once) or exactly
 *       {@code MERGED}; neither ever changes again, which is why {@link #tryIncref} refuses
 *       both.</li>
 * </ul>
 */
final class BiasedRefCounter implements RefCounter {
    private final MergeQueues queues;
    private final Heap heap;
    private final BrcMetrics metrics;

    BiasedRefCounter(final MergeQueues queues, final Heap heap, final BrcMetrics metrics) {
        this.queues = queues;
        this.heap = heap;
        this.metrics = metrics;
    }

    /**
     * A new object made by an attached thread is owned by it, with the creator's one reference in
     * the local count. One made by a thread that is not attached (never was, or detached) starts
     * merged, its one reference in the shared word: such a thread has no merge queue, so a
     * release by another thread would merge the object at once, and if the creator owned it that
     * merge would race the creator's plain writes to the local count (a lost count). The
     * registration check is a cached load and compare on the allocation path; incref and decref
     * pay nothing for it.
     */
    @Override
    public void init(final RcObject o) {
        // Plain stores: the object is not yet published; whatever publishes it (a release store
        // into a container, a hand-over through a latch) orders these before any other reader.
        // Only the fields that differ from a new object's are written (RefCounter#init): owned,
        // the owner already names this thread (the constructor's store, free of write barriers)
        // and the shared word is already DEFAULT (0); merged, the local count is already 0.
        if (queues.isRegistered(Thread.currentThread())) {
            Header.setLocalPlain(o, 1);
        } else {
            Header.setOwnerPlain(o, null);
            Header.setSharedPlain(o, SharedWord.of(1, MERGED));
        }
    }

    /**
     * A new object made through an attached thread's handle: owned by the creator at once. The
     * handle exists only while its thread is registered (the runtime makes it after
     * {@link BrcThreadGate#attach} and retires it at detach), so {@link #init(RcObject)}'s
     * registration check would answer yes: this is CPython's case, where every thread that
     * allocates has a thread state. The owner is the handle's thread, not the calling one: only
     * a caller without strict checks that misuses another thread's handle could tell them apart,
     * and then the object is owned by a registered thread and the caller's own counts go to the
     * shared word, so nothing is lost. The constructor has already named the calling thread, so
     * the owner is stored here only in that misuse: the usual path stores no reference (G1's
     * barriers on this store were about 5% of a one-thread countdown step).
     */
    @Override
    public void init(final RcObject o, final RuntimeThread creator) {
        final Thread owner = creator.thread();
        if (Header.ownerPlain(o) != owner) {
            Header.setOwnerPlain(o, owner);
        }
        Header.setLocalPlain(o, 1);
    }

    /**
     * Owner: a plain add to the local count. The owner check is exact for the owner: only the
     * owner clears its own ownership, so if the field names this thread it does so until this
     * thread changes it. For any other thread the check may read a stale owner or a cleared one;
     * either way the answer, "not me", is right. Non-owner: an atomic add to the shared word.
     */
    @Override
    public void incref(final RcObject o) {
        if (Header.ownerPlain(o) == Thread.currentThread()) {
            final int local = Header.localPlain(o);
            if (local == Integer.MAX_VALUE) {
                saturate(o);
                return;
            }
            Header.setLocalPlain(o, local + 1);
            return;
        }
        Header.getAndAddShared(o, ONE);
    }

    /**
     * The owner's local count is at its largest value and one more reference would wrap it
     * negative (then a release would look like an over-release, and a merge would fold in a
     * wrong count). CPython's biased count saturates there and the object becomes immortal; so
     * does this one: the runtime ignores its counts from now on and never frees it. Owner only,
     * so no other thread changes {@code local} meanwhile; the runtime's state word carries the
     * change to everyone. The test is one compare on a value already loaded, never taken in
     * practice.
     */
    private void saturate(final RcObject o) {
        Header.makeImmortal(o);
    }

    @Override
    public boolean decref(final RcObject o) {
        if (Header.ownerPlain(o) == Thread.currentThread()) {
            final int local = Header.localPlain(o) - 1;
            Header.setLocalPlain(o, local);
            if (local > 0) {
                return false;
            }
            return mergeAtLocalZero(o, local);
        }
        return decrefShared(o);
    }

    /**
     * The owner's local count just reached zero: fold the shared word in.
     *
     * <p>The shared word is read plainly. If it is zero, no other thread holds a reference, and
     * the runtime's acquire fence before the free (promised by {@link RefCounter}) pairs with the
     * atomic update by which the last of them released its reference (if any), so its accesses
     * to the object happen before the free; without an acquire, CPython freed objects a lock-free
     * reader was still using (gh-117657). The fence sits after the free's accounting rather than
     * here, so it does not split the allocation's and the free's per-thread lookups (an acquire
     * here was 8% of an owned countdown step, thread CPU time under load).
     * Zero also means no try-incref can succeed (it refuses a zero word), so freeing at once is
     * safe. The owner field is left alone on this path: nothing else can reach the object, and
     * keeping "owner cleared" a sign of "merged" is an invariant CPython restored (gh-121794).
     *
     * <p>Otherwise the owner field is cleared <em>before</em> the CAS that publishes
     * {@code MERGED}: from that CAS on, another thread's decref may find "count 0, merged" and free
     * the object, and a store to the owner field after that would be a write after free (the race
     * CPython fixed in its explicit merge, gh-119999; gh-121794 keeps this store just before the
     * CAS and off the free-at-once path). The volatile CAS keeps the release store ahead of it.
     * The CAS loop then sets the flags to merged, keeping the count; a concurrent non-owner decref
     * that took the word to zero meanwhile makes the result exactly "count 0, merged", and then
     * this thread, having made the final transition, frees.
     */
    private boolean mergeAtLocalZero(final RcObject o, final int local) {
        if (local < 0) {
            // Unreachable under the rules. A thread that detached and still uses objects it made
            // while attached can get here: a releaser merged the object behind its back (see
            // MergeQueues) and this thread still saw itself as owner. Undo, so the header stays
            // consistent, and report.
            Header.setLocalPlain(o, 0);
            throw heap.misuse(MisuseKind.OVER_RELEASE, o, "owner decref with its local count already zero");
        }
        long shared = Header.sharedPlain(o);
        if (shared == DEFAULT) {
            return true;
        }
        Header.setOwnerRelease(o, null);
        for (;;) {
            final long merged = (shared & ~FLAG_MASK) | MERGED;
            final long witness = Header.compareAndExchangeShared(o, shared, merged);
            if (witness == shared) {
                metrics.mergesOwnerZero.increment();
                MergeOwnerZeroEvent.emit(o);
                if (SharedWord.count(merged) < 0) {
                    throw heap.misuse(MisuseKind.OVER_RELEASE, o,
                            "owner merge found " + -SharedWord.count(merged) + " more release(s) than references");
                }
                return merged == MERGED;
            }
            shared = witness;
        }
    }

    /**
     * A non-owner's release: a CAS loop on the shared word.
     *
     * <p>If the word is zero (or carries only the weak-reference flag), subtracting would take a
     * {@code DEFAULT} word negative, and nobody would ever notice the true count reaching zero:
     * only the owner can read its local count, and it has no reason to look. So the release is
     * turned into a request: the word becomes {@code QUEUED} with the count left alone (the
     * reference now belongs to the queue, which keeps the object alive until the owner merges
     * it), and the object goes onto the owner's queue. Flags only rise, so an object is queued at
     * most once.
     *
     * <p>Otherwise one reference is subtracted. Only a result of exactly "count 0, merged" means
     * this was the last reference; a zero count with any other flags still has the owner's local
     * count (or the queue's reference) behind it.
     */
    private boolean decrefShared(final RcObject o) {
        long shared = Header.sharedVolatile(o);
        for (;;) {
            final boolean queue = shared == DEFAULT || shared == MAYBE_WEAKREF;
            final long next;
            if (queue) {
                next = QUEUED;
            } else if (shared <= MERGED && SharedWord.flags(shared) == MERGED) {
                throw heap.misuse(MisuseKind.OVER_RELEASE, o, "decref of a merged object whose count is zero");
            } else {
                next = shared - ONE;
            }
            final long witness = Header.compareAndExchangeShared(o, shared, next);
            if (witness == shared) {
                if (queue) {
                    return queues.handOver(o);
                }
                return next == MERGED;
            }
            shared = witness;
        }
    }

    /**
     * The true count: the owner's local count plus the shared count. Exact when no thread is
     * changing either; during a merge it may briefly count the folded local count twice.
     */
    @Override
    public long count(final RcObject o) {
        return SharedWord.count(Header.sharedVolatile(o)) + Header.localOpaque(o);
    }

    /**
     * Adds a reference unless the object may be dying, for a reader that reached it without the
     * container's lock.
     *
     * <p>The owner with a local count above zero holds the object alive itself (only it can take
     * the local count to zero) and increments plainly. Anyone else may increment only a shared word
     * that proves the object alive at the moment of the CAS: not zero (the owner may be about to
     * take its local count to zero and free at once without looking again) and not exactly
     * "count 0, merged" (the last reference is gone and someone is freeing it). Every other
     * value has a reference behind it that cannot vanish between the read and a successful CAS:
     * a positive count, a queued object (the queue's reference), or a merged one with a positive
     * count. The container's recheck then proves the reference is to the item still stored there.
     */
    @Override
    public boolean tryIncref(final RcObject o) {
        if (Header.ownerPlain(o) == Thread.currentThread()) {
            final int local = Header.localPlain(o);
            if (local == Integer.MAX_VALUE) {
                saturate(o);
                return true;
            }
            if (local > 0) {
                Header.setLocalPlain(o, local + 1);
                return true;
            }
        }
        long shared = Header.sharedVolatile(o);
        for (;;) {
            if (shared == DEFAULT || shared == MERGED) {
                return false;
            }
            final long witness = Header.compareAndExchangeShared(o, shared, shared + ONE);
            if (witness == shared) {
                return true;
            }
            shared = witness;
        }
    }

    @Override
    public boolean lockFreeReads() {
        return true;
    }

    /**
     * The explicit merge of a queued object, taking back the reference the queue held: the local
     * count is taken and zeroed and the owner field cleared, then the shared word becomes
     * {@code ((count(shared) + local - 1) << 2) | MERGED}. Called by the owner draining its queue,
     * or by a non-owner when the owner is gone: detached (under the registry lock) or dead (after
     * {@link Thread#isAlive()} returned {@code false}). Those are the only times a thread may read
     * the local count: it is the owner's, or the owner's last write happened before the lock or
     * the end of its thread.
     *
     * <p>The owner field and local count are cleared before the CAS publishes the merged word
     * (release stores, kept ahead of the volatile CAS): once published, another thread's decref may
     * reach "count 0, merged" and free the object, and a store after that is a write after free.
     * CPython first wrote them after the CAS and fixed exactly that (gh-119999). If the object
     * was already merged by its owner's local count reaching zero, the local count is zero and
     * the merge only subtracts the queue's reference.
     *
     * @param o a queued object
     * @return the count after the merge; zero means the caller must free it, below zero is an
     *         over-release
     */
    static long mergeTakingQueueReference(final RcObject o) {
        final int local = Header.localPlain(o);
        Header.setLocalRelease(o, 0);
        Header.setOwnerRelease(o, null);
        long shared = Header.sharedVolatile(o);
        for (;;) {
            final long count = SharedWord.count(shared) + local - 1;
            final long witness = Header.compareAndExchangeShared(o, shared, SharedWord.of(count, MERGED));
            if (witness == shared) {
                return count;
            }
            shared = witness;
        }
    }
}
