package org.rclab.buffered;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One thread's count changes waiting to be applied: an increment ring and a decrement ring
 * (Hastings kept the two apart too, since they are applied in different phases), and what the
 * commit needs to know about where it cut them.
 *
 * <p>The rings belong to the logging thread ({@link #owner}); the cut positions belong to
 * whoever holds the commit lock, which orders successive committers, so they are plain fields.
 * {@link #retired} is written once by the owner after its last entry (release) and read by a
 * committer before it cuts (acquire): a committer that sees it set also sees every entry.
 */
final class ThreadLog {
    private static final VarHandle RETIRED;

    static {
        try {
            RETIRED = MethodHandles.lookup().findVarHandle(ThreadLog.class, "retired", boolean.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread that logs here, or {@code null} for the shared log of threads that are not attached. */
    final Thread owner;
    final EntryRing increments;
    final EntryRing decrements;

    private boolean retired;

    // ---- committer state, guarded by the commit lock

    /** The increment ring's tail at this round's cut: increments below it are applied this round. */
    long incrementCut;
    /** The decrement ring's tail at this round's cut: applied in the next round. */
    long decrementCut;
    /** The decrement ring's tail at the previous round's cut: decrements below it are applied this round. */
    long decrementsDue;
    /** Set at a cut that found the log retired (or its owner dead): its tails are final. */
    boolean finalCut;

    /**
     * A log.
     *
     * @param owner the logging thread, or {@code null} for the shared log of unattached threads
     * @param capacity entries per ring, a power of two
     */
    ThreadLog(final Thread owner, final int capacity) {
        this.owner = owner;
        this.increments = new EntryRing(capacity);
        this.decrements = new EntryRing(capacity);
    }

    /** The owner logs nothing more (it detached); called by the owner after its last entry. */
    void retire() {
        RETIRED.setRelease(this, true);
    }

    /**
     * Whether the owner will log nothing more: it detached, or its thread ended without detaching
     * ({@link Thread#isAlive()} returning {@code false} orders all its stores before the caller's
     * next reads, JLS 17.4.4). The shared log of unattached threads never ends.
     *
     * @return {@code true} if the log's tails are final
     */
    boolean ended() {
        if ((boolean) RETIRED.getAcquire(this)) {
            return true;
        }
        return owner != null && !owner.isAlive();
    }

    /**
     * Whether every entry of a log whose tails are final has been applied: the commit may forget it.
     *
     * @return {@code true} if nothing is left
     */
    boolean drained() {
        return finalCut && increments.head() == incrementCut && decrements.head() == decrementCut;
    }

    @Override
    public String toString() {
        return "log of " + (owner == null ? "unattached threads" : owner.getName());
    }
}
