package org.rclab.brc;

import java.util.concurrent.ConcurrentHashMap;

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
 *       owner's local count, which only the owner writes with plain stores. It does so inside the
 *       lock, after the owner's unregistering (which followed the owner's last write), and before
 *       any later registration of the same thread; so it reads the final local count, and a
 *       thread that attaches again afterwards finds the owner field cleared and counts
 *       atomically.</li>
 * </ul>
 *
 * <p><b>Leaving and coming back.</b> A thread that detaches keeps ownership of the objects it
 * still owns (it cannot list them, and neither can CPython). While it is away, a release that
 * would queue to it merges the object instead, so nothing waits on a thread that will never
 * drain. If the same Java thread attaches again (jcstress reuses its actor threads this way) it is
 * simply the owner again: its fast path on objects it still owns is right, because no non-owner
 * touched their local counts (a merge by a non-owner clears the owner field, under the lock that
 * the new registration also takes), and releases by others queue to its new queue.
 *
 * <p>A thread that creates objects without ever attaching is never registered; its objects are
 * merged by whoever releases them with a zero shared count. That is right only if the creator no
 * longer touches them, which is the rule anyway: a thread must attach to use a runtime's objects.
 */
final class MergeQueues {
    private final ConcurrentHashMap<Thread, MergeQueue> byOwner = new ConcurrentHashMap<>();
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
        return byOwner.computeIfAbsent(thread, MergeQueue::new);
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
        return byOwner.computeIfPresent(queue.owner(), (owner, registered) -> registered.isEmpty() ? null : registered)
                == null;
    }

    /**
     * Gives a queued object's reference to its owner's queue, or merges the object here if the
     * owner is not registered. Called by a non-owner right after it set the queued flag.
     *
     * @param o the object; its queued flag is set and the caller's reference now belongs to the
     *          queue
     * @return {@code true} if this call merged the object to a count of zero and the caller must
     *         free it
     * @throws RefcountMisuseException if the merge finds fewer references than releases
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
            if (queue != null) {
                metrics.queueHighWater.accumulate(queue.offer(o));
                metrics.queued.increment();
            } else {
                outcome.mergedHere = true;
                outcome.count = BiasedRefCounter.mergeTakingQueueReference(o);
            }
            return queue;
        });
        if (!outcome.mergedHere) {
            return false;
        }
        metrics.mergedByNonOwner.increment();
        // Freed outside the lock: freeing releases the object's items, which may queue them to
        // other owners through this same map.
        return mergedToZero(o, outcome.count);
    }

    /** What {@link #handOver} decided inside the map's lock. */
    private static final class Outcome {
        boolean mergedHere;
        long count;
    }

    /**
     * Merges every object that is in the queue now; an object a producer is still adding waits
     * for the next call. Owner only.
     *
     * @param queue the calling owner's queue
     * @throws RefcountMisuseException if a merge finds fewer references than releases (the rest
     *         of the queue is merged at a later call)
     */
    void mergeAll(final MergeQueue queue) {
        RcObject o;
        while ((o = queue.pollRelaxed()) != null) {
            mergeFromQueue(o);
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
