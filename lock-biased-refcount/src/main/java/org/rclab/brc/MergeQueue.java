package org.rclab.brc;

import org.jctools.queues.MpscUnboundedArrayQueue;
import org.rclab.object.RcObject;

/**
 * One attached thread's merge queue: objects it owns that another thread released while their
 * shared count was zero. Each entry carries one reference (the one the releasing thread gave up
 * without subtracting it); the owner takes that reference back when it merges the object.
 *
 * <p><b>Why {@link MpscUnboundedArrayQueue}.</b> Many threads may release one owner's objects,
 * and only the owner ever takes them out: multi-producer, single-consumer. It must be unbounded,
 * because a producer cannot take an offer back: once it has set the queued flag the reference
 * belongs to the queue, and only the owner may fold the local count, so there is nothing else it
 * could do with a refused object while the owner lives. Among JCTools' unbounded MPSC queues the
 * linked-array one allocates one array per {@value #CHUNK} entries rather than a node per entry
 * (as {@code MpscLinkedQueue} or {@link java.util.concurrent.ConcurrentLinkedQueue} would), and
 * keeps the producer and consumer indices on separate, padded cache lines. The last point is the
 * one that matters most here: the owner looks at its queue at every checkpoint, and
 * {@link #nonEmptyRelaxed()} is a read on the consumer's side only, so an empty check never contends
 * with producers and costs a few loads from the owner's own cache. (Producers for one owner are
 * in fact serialised by {@link MergeQueues}' per-owner lock, which makes offering race-free
 * against the owner leaving; the queue's lock-freedom is what lets the consumer side stay out of
 * that lock entirely.)
 */
final class MergeQueue {
    /** Entries per array chunk; a queue that is rarely used should stay small. */
    static final int CHUNK = 64;

    private final Thread owner;
    private final MpscUnboundedArrayQueue<RcObject> objects = new MpscUnboundedArrayQueue<>(CHUNK);

    MergeQueue(final Thread owner) {
        this.owner = owner;
    }

    /**
     * The thread that owns this queue and alone takes objects out of it.
     *
     * @return the owner
     */
    Thread owner() {
        return owner;
    }

    /**
     * Adds an object; any thread, under the owner's registry lock.
     *
     * @param o an object whose queued flag the caller has just set
     * @return the number of objects now waiting, for the high-water mark
     */
    int offer(final RcObject o) {
        objects.offer(o);
        return objects.size();
    }

    /**
     * The next object, without waiting for a producer that is still in the middle of adding one
     * (that object is seen at the next checkpoint). Owner only.
     *
     * @return the object, or {@code null}
     */
    RcObject pollRelaxed() {
        return objects.relaxedPoll();
    }

    /**
     * The next object, waiting out a producer that has claimed a slot but not yet filled it.
     * Owner only, or the thread that unregistered a dead owner (then the only consumer left).
     *
     * @return the object, or {@code null} if the queue is empty
     */
    RcObject poll() {
        return objects.poll();
    }

    /**
     * Whether an object seems to be waiting; the checkpoint's cheap test. Owner only.
     *
     * @return {@code true} if the next slot is filled
     */
    boolean nonEmptyRelaxed() {
        return objects.relaxedPeek() != null;
    }

    /**
     * Whether the queue is empty; exact when no producer is adding (under the registry lock).
     *
     * @return {@code true} if empty
     */
    boolean isEmpty() {
        return objects.isEmpty();
    }
}
