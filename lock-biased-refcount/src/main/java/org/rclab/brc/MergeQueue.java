package org.rclab.brc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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
 * one that matters most here: producers and the owner's merges do not share a line. (Producers for one owner are
 * in fact serialised by {@link MergeQueues}' per-owner lock, which makes offering race-free
 * against the owner leaving; the queue's lock-freedom is what lets the consumer side stay out of
 * that lock entirely.)
 *
 * <p><b>The merge request.</b> The owner does not look into the queue at its checkpoints: a
 * producer raises {@link #mergeRequested()} after each offer, as CPython's {@code brc.c} sets the
 * owner's eval-breaker bit ({@code _PY_EVAL_EXPLICIT_MERGE_BIT}), and the checkpoint reads that one
 * flag with a relaxed load. (Peeking at the queue's consumer slot was a chain of four loads ending
 * in a volatile one, at every step of an owner's loop.) {@link #takeMergeRequest()} clears it with
 * an atomic exchange before the owner drains, so no offer is missed: see there.
 */
final class MergeQueue {
    /** Entries per array chunk; a queue that is rarely used should stay small. */
    static final int CHUNK = 64;

    private final Thread owner;
    private static final VarHandle MERGE_REQUESTED;

    static {
        try {
            MERGE_REQUESTED = MethodHandles.lookup().findVarHandle(MergeQueue.class, "mergeRequested", boolean.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MpscUnboundedArrayQueue<RcObject> objects = new MpscUnboundedArrayQueue<>(CHUNK);
    /** Raised by a producer after each offer; cleared by the owner before it drains. */
    private volatile boolean mergeRequested;

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
        requestMerge();
        return objects.size();
    }

    /**
     * Asks the owner to drain at its next checkpoint. A release store after the offer: the owner's
     * exchange that reads this value (or a later producer's, which the registry lock orders after
     * this one) makes the offered object visible to its drain.
     */
    void requestMerge() {
        MERGE_REQUESTED.setRelease(this, true);
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
     * Whether a producer has asked for a merge; the checkpoint's test. Opaque, as CPython's
     * eval-breaker load is relaxed: a request is seen at some later checkpoint, and nothing read
     * here is acted on before {@link #takeMergeRequest()} orders it. Owner only.
     *
     * @return {@code true} if a merge was asked for and not yet taken
     */
    boolean mergeRequested() {
        return (boolean) MERGE_REQUESTED.getOpaque(this);
    }

    /**
     * Clears the request before the owner drains. An atomic exchange, not a plain store: a
     * producer's request either comes before it in the flag's order, and then the exchange (which
     * reads that request or a later one) makes the producer's offer visible to the drain that
     * follows; or it comes after, and then the flag stays raised for the next checkpoint. A
     * clearing store could instead overwrite a request whose object the drain missed (Dekker's
     * store-then-load, without its fence). Owner only.
     *
     * @return {@code true} if a merge was asked for
     */
    boolean takeMergeRequest() {
        return (boolean) MERGE_REQUESTED.getAndSet(this, false);
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
