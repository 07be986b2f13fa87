package org.rclab.brc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

import org.rclab.brc.events.MergeByNonOwnerEvent;
import org.rclab.brc.events.MergeExplicitEvent;
import org.rclab.brc.events.QueuedEvent;
import org.rclab.heap.MisuseKind;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.object.Header;
import org.rclab.object.RcObject;
import org.rclab.scheme.SchemeContext;

/**
 * One runtime's registry of owners: attached thread to its {@link MergeQueue}, so that a
 * non-owner holding only an object can find where to queue it. Used on slow paths only (attach,
 * detach, queueing, merging); the owner's fast path never looks here.
 *
 * <p><b>The per-owner lock.</b> Everything that depends on whether a thread is registered runs
 * inside {@link ConcurrentHashMap#compute} (or a sibling) on that thread's key, which the map
 * performs atomically per key, holding the key's bin lock: registering (attach), handing an
 * object over ({@link #handOver}), and unregistering ({@link #unregisterIfEmpty}). Per key these
 * form one total order, each seeing the effects of the ones before it. From that order:
 * <ul>
 *   <li><i>No object is queued after its owner left.</i> An offer happens only inside the lock
 *       and only while the key maps to a queue; the owner removes the key only inside the lock
 *       and only when its queue is empty. So an offer either precedes the removal, and the owner
 *       sees a non-empty queue, drains it and tries again, or follows it, finds no queue, and
 *       the releasing thread merges the object itself.</li>
 *   <li><i>A non-owner merge never races the owner's plain writes.</i> It reads and zeroes the
 *       owner's local count, which only the owner writes with plain stores, and only when the
 *       owner is gone, in one of two ways. The owner detached: the merge runs inside the lock,
 *       after the owner's unregistering (which followed the owner's last write), and before any
 *       later registration of the same thread; so it reads the final local count, and a thread
 *       that attaches again afterwards finds the owner field cleared and counts atomically. Or
 *       the owner's thread ended while still registered: the releaser has seen
 *       {@link Thread#isAlive()} return {@code false}, and the end of a thread synchronizes-with
 *       whoever detects it so (JLS 17.4.4), so every plain store the owner made to a local count
 *       happens-before the merge's read, and none can follow. A live registered owner is never
 *       merged behind: its releases are queued.</li>
 * </ul>
 *
 * <p><b>Owners that died attached.</b> A thread may end without detaching (jcstress's actor
 * threads do). Its queue is then never drained by its owner. The first release that finds the
 * owner dead unregisters it, merges its own object, and drains the dead owner's queue (it is now
 * the queue's only consumer: offers happen only under the lock while the owner is registered);
 * {@link #drainDeadOwners()} does the same for every dead owner when the runtime closes. Each
 * such merge counts in {@code brc.merged-by-non-owner}. The liveness check runs only on this
 * slow path (a release that would queue), never on the owner's fast path.</p>
 *
 * <p><b>Leaving and coming back.</b> A thread that detaches keeps ownership of the objects it
 * still owns (it cannot list them, and neither can CPython). While it is away, a release that
 * would queue to it merges the object instead, so nothing waits on a thread that will never
 * drain. If the same Java thread attaches again (jcstress reuses its actor threads this way) it is
 * simply the owner again: its fast path on objects it still owns is right, because no non-owner
 * touched their local counts (a merge by a non-owner clears the owner field, under the lock that
 * the new registration also takes), and releases by others queue to its new queue.
 *
 * <p><b>Threads that are not attached own nothing.</b> A thread that makes an object without
 * being attached (it never attached, or it detached) would write the object's local count with
 * plain stores while a releaser, finding no registered owner, merges the object and zeroes that
 * count: a lost count. So such a thread does not become the owner: {@link BiasedRefCounter#init}
 * asks {@link #isRegistered} and makes the object already merged, counted by everyone on the
 * shared word. The rule is structural, the same with strict checks on or off. (A thread that
 * detached and still counts objects it made while attached breaks the runtime's rule that
 * a detached thread touches no objects, as a CPython thread without a thread state may not;
 * strict checks refuse it, see {@link DetachedOwnerCheck}.)
 */
final class MergeQueues {
    /** Slots of {@link #recentOwners}, a power of two. */
    private static final int RECENT_SLOTS = 64;

    private final ConcurrentHashMap<Thread, MergeQueue> byOwner = new ConcurrentHashMap<>();
    /** {@link #recentOwners}' elements, changed only by compare-and-set. */
    private static final VarHandle RECENT = MethodHandles.arrayElementVarHandle(Thread[].class);

    /**
     * A direct-mapped cache of registered owners by thread id, so that {@link #isRegistered}
     * (asked at every allocation) is one plain load and a compare, not a hash lookup; a miss
     * falls back to {@link #byOwner}. A slot names a thread only while it is registered: the
     * owner claims its slot if it is empty after registering (a thread whose slot another holds
     * is answered by the map) and empties it before unregistering; a releaser empties the slot of
     * an owner that has died, which never registers again.
     *
     * <p>Why the owner's plain read is exact: a thread's name is written into a slot only by that
     * thread, and removed by that thread or after its death. If its last own write to the slot
     * put its name there, it is registered; if that write removed it, the removal happens-before
     * the read (program order) and so does every earlier write of its name, so the read cannot
     * return one. Any other thread's value reads "not mine". Plain, not opaque: C2 fences an
     * opaque access from the loads and stores around it, on the allocation path.
     */
    private final Thread[] recentOwners = new Thread[RECENT_SLOTS];
    private final SchemeContext context;
    private final BrcMetrics metrics;

    MergeQueues(final SchemeContext context, final BrcMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
    }

    /**
     * Registers an attaching thread as an owner. A queue left registered by a detach that failed
     * part-way is taken over by the same thread rather than replaced, so no queued object is
     * stranded.
     *
     * @param thread the attaching thread
     * @return its queue
     */
    MergeQueue register(final Thread thread) {
        final MergeQueue queue = byOwner.computeIfAbsent(thread, MergeQueue::new);
        RECENT.compareAndSet(recentOwners, slot(thread), (Thread) null, thread);
        return queue;
    }

    /**
     * Whether a thread is registered as an owner; asked by the thread itself when it makes an
     * object. Exact for the calling thread: only it registers and unregisters itself (or, once
     * it has died, a releaser), so no other thread changes the answer under it.
     *
     * @param self the calling thread
     * @return {@code true} if it is attached
     */
    boolean isRegistered(final Thread self) {
        if (recentOwners[slot(self)] == self) {
            return true;
        }
        return byOwner.containsKey(self);
    }

    private static int slot(final Thread thread) {
        return (int) thread.getId() & (RECENT_SLOTS - 1);
    }

    private void forgetRecent(final MergeQueue queue) {
        RECENT.compareAndSet(recentOwners, slot(queue.owner()), queue.owner(), (Thread) null);
    }

    /**
     * Unregisters the queue's owner if its queue is empty, atomically against
     * {@link #handOver}. Owner only.
     *
     * @param queue the leaving owner's queue
     * @return {@code true} if unregistered; {@code false} if objects arrived meanwhile and the
     *         owner must merge them and try again
     */
    boolean unregisterIfEmpty(final MergeQueue queue) {
        // Out of the cache before out of the map, so the cache never names an unregistered
        // owner; until the removal below, isRegistered still answers from the map.
        forgetRecent(queue);
        return byOwner.computeIfPresent(queue.owner(), (owner, registered) -> registered.isEmpty() ? null : registered)
                == null;
    }

    /**
     * Gives a queued object's reference to its owner's queue, or merges the object here if the
     * owner is gone: unregistered (it detached), or registered but dead (it ended without
     * detaching; it is unregistered here, and what its queue holds is merged too). Called by a
     * non-owner right after it set the queued flag.
     *
     * @param o the object; its queued flag is set and the caller's reference now belongs to the
     *          queue
     * @return {@code true} if this call merged the object to a count of zero and the caller must
     *         free it
     * @throws RefcountMisuseException if a merge finds fewer references than releases
     */
    boolean handOver(final RcObject o) {
        final Thread owner = Header.ownerAcquire(o);
        if (owner == null) {
            // Only an over-release can queue an object whose owner has merged it; merging it
            // here reports that as a negative count.
            return mergedToZero(o, BiasedRefCounter.mergeTakingQueueReference(o));
        }
        final Outcome outcome = new Outcome();
        byOwner.compute(owner, (thread, queue) -> {
            // isAlive() only here, on the queueing path: false means the owner's last plain
            // store happened-before this point and no other can follow (see the class comment).
            if (queue != null && thread.isAlive()) {
                // Named before the offer: once queued, the owner may merge and free the object at
                // its next checkpoint, and naming it then would race the free's write of the word
                // that holds both the id and the freed bit.
                QueuedEvent.emit(o);
                metrics.queueHighWater.accumulate(queue.offer(o));
                metrics.queued.increment();
                return queue;
            }
            outcome.mergedHere = true;
            outcome.count = BiasedRefCounter.mergeTakingQueueReference(o);
            if (queue != null) {
                forgetRecent(queue);
                outcome.orphaned = queue;
            }
            return null;
        });
        if (!outcome.mergedHere) {
            return false;
        }
        metrics.mergedByNonOwner.increment();
        MergeByNonOwnerEvent.emit(o);
        // Merged and freed outside the lock: freeing releases the objects' items, which may
        // queue them to other owners through this same map.
        RefcountMisuseException misuse = null;
        if (outcome.orphaned != null) {
            try {
                mergeOrphaned(outcome.orphaned);
            } catch (final RefcountMisuseException e) {
                misuse = e;
            }
        }
        final boolean free = mergedToZero(o, outcome.count);
        if (misuse != null) {
            if (free) {
                context.free(o);
            }
            throw misuse;
        }
        return free;
    }

    /** What {@link #handOver} decided inside the map's lock. */
    private static final class Outcome {
        boolean mergedHere;
        long count;
        /** The queue of a dead owner that was unregistered, for the caller to drain. */
        MergeQueue orphaned;
    }

    /**
     * Settles what owners that ended without detaching left: unregisters each dead owner and
     * merges what its queue holds. The runtime calls this when it closes; no owner can be alive
     * then (a runtime does not close while live threads are attached).
     *
     * @throws RefcountMisuseException the first misuse found (the rest is merged regardless)
     */
    void drainDeadOwners() {
        RefcountMisuseException misuse = null;
        for (final Thread owner : byOwner.keySet()) {
            final MergeQueue[] taken = new MergeQueue[1];
            byOwner.computeIfPresent(owner, (thread, queue) -> {
                if (thread.isAlive()) {
                    return queue;
                }
                forgetRecent(queue);
                taken[0] = queue;
                return null;
            });
            if (taken[0] != null) {
                try {
                    mergeOrphaned(taken[0]);
                } catch (final RefcountMisuseException e) {
                    if (misuse == null) {
                        misuse = e;
                    }
                }
            }
        }
        if (misuse != null) {
            throw misuse;
        }
    }

    /**
     * Merges every object in a dead owner's queue, which the caller has unregistered (so the
     * caller is now its only consumer, and no producer can add to it), and frees those that
     * reach zero. A misuse does not stop the rest; the first is rethrown.
     */
    private void mergeOrphaned(final MergeQueue queue) {
        RefcountMisuseException misuse = null;
        RcObject o;
        while ((o = queue.poll()) != null) {
            metrics.mergedByNonOwner.increment();
            MergeByNonOwnerEvent.emit(o);
            try {
                if (mergedToZero(o, BiasedRefCounter.mergeTakingQueueReference(o))) {
                    context.free(o);
                }
            } catch (final RefcountMisuseException e) {
                if (misuse == null) {
                    misuse = e;
                }
            }
        }
        if (misuse != null) {
            throw misuse;
        }
    }

    /**
     * Takes the queue's merge request and merges every object that is in the queue now; an object
     * a producer is still adding raises the request again when it is in. Owner only.
     *
     * @param queue the calling owner's queue
     * @throws RefcountMisuseException if a merge finds fewer references than releases (whatever
     *         stops the drain raises the request again, so the rest of the queue is merged at a
     *         later checkpoint)
     */
    void mergeAll(final MergeQueue queue) {
        if (!queue.takeMergeRequest()) {
            return;
        }
        boolean drained = false;
        try {
            RcObject o;
            while ((o = queue.pollRelaxed()) != null) {
                mergeFromQueue(o);
            }
            drained = true;
        } finally {
            if (!drained) {
                queue.requestMerge();
            }
        }
    }

    /**
     * The leaving owner's last duty: merges its queue until it is empty and unregisters, so that
     * later releases merge objects themselves. A misuse found while merging does not stop the
     * drain (that would strand the rest); the first is rethrown once the owner has left.
     *
     * @param queue the leaving owner's queue
     * @throws RefcountMisuseException the first misuse found
     */
    void drainAndUnregister(final MergeQueue queue) {
        RefcountMisuseException misuse = null;
        do {
            RcObject o;
            while ((o = queue.poll()) != null) {
                try {
                    mergeFromQueue(o);
                } catch (final RefcountMisuseException e) {
                    if (misuse == null) {
                        misuse = e;
                    }
                }
            }
        } while (!unregisterIfEmpty(queue));
        if (misuse != null) {
            throw misuse;
        }
    }

    private void mergeFromQueue(final RcObject o) {
        final long count = BiasedRefCounter.mergeTakingQueueReference(o);
        metrics.mergesExplicit.increment();
        MergeExplicitEvent.emit(o);
        if (mergedToZero(o, count)) {
            context.free(o);
        }
    }

    private boolean mergedToZero(final RcObject o, final long count) {
        if (count < 0) {
            throw context.heap().misuse(MisuseKind.OVER_RELEASE, o,
                    "merge found " + (-count) + " more release(s) than references");
        }
        return count == 0;
    }
}
