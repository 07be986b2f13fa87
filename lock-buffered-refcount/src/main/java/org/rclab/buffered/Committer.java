package org.rclab.buffered;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.rclab.heap.MisuseKind;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.object.Header;
import org.rclab.object.RcObject;
import org.rclab.scheme.SchemeContext;

/**
 * Applies the logs to the counts, one round at a time, and frees what reaches zero. The epoch
 * rule and its argument are in {@link BufferedScheme}; this class is its code.
 *
 * <p><b>A round</b> is a cut and an apply. The cut reads, log by log, whether the log has ended
 * and then the tails of its two rings (acquire): the round's batch is every entry below those
 * tails. The apply adds the batch's increments, then subtracts the <em>previous</em> round's
 * decrements (those below the decrement tails of the previous cut), freeing each object whose
 * count reaches zero through the runtime, which releases what a container held: those releases
 * come back to {@link #decrefDirect} on the committing thread and are applied at once.
 *
 * <p><b>Who commits.</b> Rounds run under one lock, held by the runtime's commit thread, by a
 * thread whose log is full ({@link #makeRoom}: it helps rather than waits, so memory stays
 * bounded), or by {@link #quiesce}. The lock orders successive committers, so the counts (the
 * header's {@code shared} word) and the cut positions are read and written plainly under it;
 * {@link #count} reads a count from outside with a volatile load, for reports.
 */
final class Committer {
    /** The commit thread's first park when a round found nothing to apply. */
    private static final long MIN_IDLE_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    /** The commit thread's longest park: doubled from {@link #MIN_IDLE_NANOS} while idle. */
    private static final long MAX_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Logs logs;
    private final SchemeContext context;
    private final BufferedMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * The thread holding {@link #lock} while it runs rounds, else {@code null}. Written only by
     * that thread, under the lock; read plainly by any thread, which can see its own identity
     * only if it wrote it, so "not me" is always right.
     */
    private Thread committing;
    /** The first misuse found since the last {@link #quiesce}; guarded by {@link #lock}. */
    private RefcountMisuseException misuse;
    /** The commit thread, or {@code null} when the runtime runs without one. */
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * A committer; starts the commit thread if asked to.
     *
     * @param logs the runtime's logs
     * @param context the runtime's scheme context
     * @param metrics where rounds are counted
     * @param withThread whether to run a commit thread (otherwise only full logs and
     *                   {@link #quiesce} commit)
     */
    Committer(final Logs logs, final SchemeContext context, final BufferedMetrics metrics, final boolean withThread) {
        this.logs = logs;
        this.context = context;
        this.metrics = metrics;
        if (withThread) {
            thread = new Thread(this::commitLoop, "rclab-buffered-commit");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    /**
     * Whether the calling thread is running a round (it is freeing objects, and the releases
     * that freeing makes are applied at once).
     *
     * @param self the calling thread
     * @return {@code true} for the committing thread
     */
    boolean isCommitting(final Thread self) {
        return committing == self;
    }

    // ---------------------------------------------------------------- who commits

    private void commitLoop() {
        long idle = MIN_IDLE_NANOS;
        while (!stopping) {
            if (commitRound(true) == 0) {
                LockSupport.parkNanos(this, idle);
                idle = Math.min(2 * idle, MAX_IDLE_NANOS);
            } else {
                idle = MIN_IDLE_NANOS;
            }
        }
    }

    /**
     * Takes the lock and runs one round as the committing thread.
     *
     * @param background whether the commit thread runs it (for {@code buffered.background-commits})
     * @return entries applied
     */
    long commitRound(final boolean background) {
        lock.lock();
        try {
            committing = Thread.currentThread();
            return round(background);
        } finally {
            committing = null;
            lock.unlock();
        }
    }

    /**
     * Logs an object in a ring that was full: commits until the ring has room, then logs it.
     * The caller's own entries are among those applied, so this ends after two rounds at most
     * (a decrement waits one round after its cut). Time spent here, waiting for the lock
     * included, is counted as waiting for a full log.
     *
     * @param ring the caller's full ring
     * @param o the object to log
     */
    void makeRoom(final EntryRing ring, final RcObject o) {
        final long start = System.nanoTime();
        lock.lock();
        try {
            committing = Thread.currentThread();
            do {
                round(false);
            } while (!ring.offer(o));
        } finally {
            committing = null;
            lock.unlock();
        }
        metrics.fullLogWaits.increment();
        metrics.fullLogWaitNanos.add(System.nanoTime() - start);
    }

    /**
     * Two rounds, both cut after this call began: the first's batch holds every entry logged
     * before it, and the second applies that batch's decrements. Then throws the first misuse
     * found since the last call. See {@link org.rclab.scheme.RefCounter#quiesce()}.
     */
    void quiesce() {
        final RefcountMisuseException found;
        lock.lock();
        try {
            committing = Thread.currentThread();
            round(false);
            round(false);
            found = misuse;
            misuse = null;
        } finally {
            committing = null;
            lock.unlock();
        }
        if (found != null) {
            throw found;
        }
    }

    /**
     * Stops the commit thread and waits for it to end, then applies everything left (the logs
     * of threads that ended without detaching too). The runtime calls this when it closes.
     *
     * @throws RefcountMisuseException the first misuse found and not yet thrown
     */
    void close() {
        stopping = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (final InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        quiesce();
    }

    /**
     * Whether the commit thread is running, for tests of closing.
     *
     * @return {@code true} while it runs
     */
    boolean threadAlive() {
        return thread != null && thread.isAlive();
    }

    // ---------------------------------------------------------------- a round, in steps

    /**
     * One round: cut every log, then apply. Lock held.
     *
     * @param background whether the commit thread runs it
     * @return entries applied
     */
    long round(final boolean background) {
        long backlog = 0;
        for (final ThreadLog log : logs.all()) {
            backlog += cut(log);
        }
        metrics.backlogHighWater.accumulate(backlog);
        final long applied = apply();
        if (applied > 0) {
            metrics.entriesApplied.add(applied);
            metrics.commits.increment();
            if (background) {
                metrics.backgroundCommits.increment();
            }
        }
        return applied;
    }

    /**
     * Cuts one log for this round: its ending is read first, then its tails (acquire), so a log
     * found ended is cut at its final tails. The previous cut's decrements become due.
     * Lock held. Package-private so the epoch rule's tests can cut logs one at a time.
     *
     * @param log the log
     * @return the entries waiting in it after the cut
     */
    long cut(final ThreadLog log) {
        if (!log.finalCut && log.ended()) {
            log.finalCut = true;
        }
        log.decrementsDue = log.decrementCut;
        log.incrementCut = log.increments.tailAcquire();
        log.decrementCut = log.decrements.tailAcquire();
        return (log.incrementCut - log.increments.head()) + (log.decrementCut - log.decrements.head());
    }

    /**
     * Applies what the cuts made due: every log's increments up to this round's cut, then every
     * log's decrements up to the previous round's cut; then forgets drained logs of threads that
     * left. A misuse found is counted in the heap and kept for {@link #quiesce}; it does not stop
     * the rest. Lock held.
     *
     * @return entries applied
     */
    long apply() {
        long applied = 0;
        for (final ThreadLog log : logs.all()) {
            final EntryRing ring = log.increments;
            final long end = log.incrementCut;
            for (long i = ring.head(); i < end; i++) {
                applyIncrement(ring.take(i));
            }
            applied += end - ring.head();
            ring.advanceHead(end);
        }
        for (final ThreadLog log : logs.all()) {
            final EntryRing ring = log.decrements;
            final long end = log.decrementsDue;
            for (long i = ring.head(); i < end; i++) {
                applyDecrement(ring.take(i));
            }
            applied += end - ring.head();
            ring.advanceHead(end);
            if (log.owner != null && log.drained()) {
                logs.forget(log);
            }
        }
        return applied;
    }

    private void applyIncrement(final RcObject o) {
        if (o.isFreed()) {
            found(context.heap().misuse(MisuseKind.USE_AFTER_FREE, o,
                    "incref applied by the commit after the object was freed"));
            return;
        }
        Header.setSharedPlain(o, Header.sharedPlain(o) + 1);
    }

    private void applyDecrement(final RcObject o) {
        if (o.isFreed()) {
            found(context.heap().misuse(MisuseKind.OVER_RELEASE, o,
                    "decref applied by the commit after the count had reached zero"));
            return;
        }
        final long count = Header.sharedPlain(o) - 1;
        Header.setSharedPlain(o, count);
        if (count == 0) {
            metrics.objectsFreed.increment();
            try {
                context.free(o);
            } catch (final RefcountMisuseException e) {
                found(e);
            }
        }
    }

    /**
     * A release the runtime makes on the committing thread while it frees a container: applied
     * at once (see {@link BufferedScheme}, "Freeing").
     *
     * @param o a live object the freed container held
     * @return {@code true} if its count reached zero and the runtime must free it
     */
    boolean decrefDirect(final RcObject o) {
        final long count = Header.sharedPlain(o) - 1;
        if (count < 0) {
            throw context.heap().misuse(MisuseKind.OVER_RELEASE, o, "release by a freed container of an object with count 0");
        }
        Header.setSharedPlain(o, count);
        if (count == 0) {
            metrics.objectsFreed.increment();
            return true;
        }
        return false;
    }

    private void found(final RefcountMisuseException e) {
        if (misuse == null) {
            misuse = e;
        }
    }
}
