package org.rclab.brc;

import org.rclab.finegrained.ObjectCriticalSections;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.ThreadGate;

/**
 * How threads enter and leave a {@code brc} runtime. There is no global lock: attaching makes a
 * thread an owner with a merge queue, a checkpoint merges what others queued to it, and leaving
 * merges the rest and unregisters. Blocking work suspends the thread's critical sections, as
 * CPython does when a thread state detaches, so that a thread that blocks inside a section cannot
 * take part in a deadlock.
 */
final class BrcThreadGate implements ThreadGate {
    private final MergeQueues queues;
    private final ObjectCriticalSections sections;

    BrcThreadGate(final MergeQueues queues, final ObjectCriticalSections sections) {
        this.queues = queues;
        this.sections = sections;
    }

    /** Registers the thread as an owner; its queue is its scheme state, for the checkpoint. */
    @Override
    public void attach(final RuntimeThread thread) {
        thread.setSchemeState(queues.register(thread.thread()));
    }

    /**
     * Merges the queue until it is empty and unregisters (see {@link MergeQueues#drainAndUnregister}),
     * then refuses to leave critical sections open. The runtime detaches the thread even if this
     * throws, so the queue is settled first: a check that failed before it would strand the
     * queued objects with an owner that never drains again.
     */
    @Override
    public void detach(final RuntimeThread thread) {
        queues.drainAndUnregister((MergeQueue) thread.schemeState());
        sections.requireNoOpenSections(thread);
    }

    /**
     * Merges the objects others queued to this thread. When nothing is queued, the cost is a
     * field load and a relaxed load of the queue's merge request (no atomic, no fence), as
     * CPython's eval breaker: cheap enough to run at every step of an interpreter loop.
     */
    @Override
    public void checkpoint(final RuntimeThread thread) {
        final MergeQueue queue = (MergeQueue) thread.schemeState();
        if (queue.mergeRequested()) {
            queues.mergeAll(queue);
        }
    }

    /** Ends the locks of this thread's critical sections for the blocking work (they are marked inactive). */
    @Override
    public void release(final RuntimeThread thread) {
        sections.suspendAll(thread);
    }

    /** Takes back the innermost suspended critical section; outer ones follow lazily. */
    @Override
    public void reacquire(final RuntimeThread thread) {
        sections.resumeInnermost(thread);
    }
}
