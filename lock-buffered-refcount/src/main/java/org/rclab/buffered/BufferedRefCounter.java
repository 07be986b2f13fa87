package org.rclab.buffered;

import org.rclab.object.Header;
import org.rclab.object.RcObject;
import org.rclab.scheme.RefCounter;

/**
 * Counts by logging: an increment or decrement appends the object to the calling thread's log
 * and returns; the count itself (the header's {@code shared} word) is written only by the
 * committing thread. {@link #decref} never returns {@code true} to a logging thread: objects are
 * freed by the commit. The one exception is the committing thread's own releases while it frees
 * a container, which are applied at once ({@link Committer#decrefDirect}).
 */
final class BufferedRefCounter implements RefCounter {
    private final Logs logs;
    private final Committer committer;

    BufferedRefCounter(final Logs logs, final Committer committer) {
        this.logs = logs;
        this.committer = committer;
    }

    /**
     * One reference, stored plainly: the object is not yet published, and whatever publishes it
     * (and so lets any thread log it) orders this store before the committer's read of the log
     * entry that names it.
     */
    @Override
    public void init(final RcObject o) {
        Header.setSharedPlain(o, 1);
    }

    @Override
    public void incref(final RcObject o) {
        final ThreadLog log = logs.current(Thread.currentThread());
        if (log == null || !log.increments.offer(o)) {
            logSlowly(log, o, true);
        }
    }

    @Override
    public boolean decref(final RcObject o) {
        final Thread self = Thread.currentThread();
        if (committer.isCommitting(self)) {
            return committer.decrefDirect(o);
        }
        final ThreadLog log = logs.current(self);
        if (log == null || !log.decrements.offer(o)) {
            logSlowly(log, o, false);
        }
        return false;
    }

    /** A full ring (commit, then log), or a thread that is not attached (the shared log). */
    private void logSlowly(final ThreadLog own, final RcObject o, final boolean increment) {
        if (own != null) {
            committer.makeRoom(increment ? own.increments : own.decrements, o);
            return;
        }
        final ThreadLog shared = logs.unattached();
        synchronized (shared) {
            final EntryRing ring = increment ? shared.increments : shared.decrements;
            if (!ring.offer(o)) {
                committer.makeRoom(ring, o);
            }
        }
    }

    /** The count applied so far (volatile load); exact after {@link #quiesce()} if nobody is changing it. */
    @Override
    public long count(final RcObject o) {
        return Header.sharedVolatile(o);
    }

    @Override
    public void quiesce() {
        committer.quiesce();
    }
}
