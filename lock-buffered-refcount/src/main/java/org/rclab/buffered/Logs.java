package org.rclab.buffered;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One runtime's logs: which log a thread writes to, and every log the commit must read.
 *
 * <p><b>Finding one's log</b> is on the hot path of every count change, so it is a direct-mapped
 * table by thread id (a load and a compare of the owner with the calling thread), falling back to
 * a map for a thread whose slot another attached thread holds. A slot holds a log only while its
 * owner is attached: the owner fills it after registering and empties it (if still its own)
 * before retiring. Only the owner changes the answer for itself, so the answer is exact for the
 * calling thread; any other thread sees "not mine".
 *
 * <p><b>Threads that are not attached</b> (the SPI lets a thread that never attached, or that
 * detached, count objects) share one log, {@link #unattached}, written under its monitor: the
 * monitor orders its producers as program order orders one thread's entries, so the epoch rule
 * holds for it unchanged. It is slower (an uncontended monitor per change), never lost.
 *
 * <p><b>Logs of threads that left.</b> A thread that detaches retires its log (its last entries
 * stay in it); a thread that ends without detaching (jcstress's actors do) leaves it as it was.
 * Either way the log stays in {@link #all()} until a commit has cut it after the end and applied
 * everything in it, then {@link #forget} drops it: no entry of a dead thread is lost. A thread that
 * attaches again gets a new log; the old one drains meanwhile, and the rule's argument does not
 * care which log an entry is in.
 */
final class Logs {
    /** Slots of {@link #byThreadId}, a power of two. */
    private static final int SLOTS = 64;

    private final int capacity;
    private final AtomicReferenceArray<ThreadLog> byThreadId = new AtomicReferenceArray<>(SLOTS);
    private final ConcurrentHashMap<Thread, ThreadLog> attached = new ConcurrentHashMap<>();
    /**
     * Every log a commit must read, the unattached log first. Copy-on-write: logs come and go at
     * attach and after a thread left, rarely next to the rounds that read it. A log registered
     * before a commit starts reading this list is in what it reads.
     */
    private final CopyOnWriteArrayList<ThreadLog> all = new CopyOnWriteArrayList<>();
    private final ThreadLog unattached;

    /**
     * No logs yet but the unattached one.
     *
     * @param capacity entries per ring, a power of two
     */
    Logs(final int capacity) {
        this.capacity = capacity;
        this.unattached = new ThreadLog(null, capacity);
        all.add(unattached);
    }

    /**
     * Gives an attaching thread a log of its own. Called by the thread itself.
     *
     * @param thread the attaching thread
     * @return its log
     */
    ThreadLog register(final Thread thread) {
        final ThreadLog log = new ThreadLog(thread, capacity);
        all.add(log);
        attached.put(thread, log);
        byThreadId.setRelease(slot(thread), log);
        return log;
    }

    /**
     * The log of the calling thread, if it is attached.
     *
     * @param self the calling thread
     * @return its log, or {@code null} if it is not attached
     */
    ThreadLog current(final Thread self) {
        final ThreadLog cached = byThreadId.getAcquire(slot(self));
        if (cached != null && cached.owner == self) {
            return cached;
        }
        return attached.get(self);
    }

    /**
     * The log shared by threads that are not attached; written under its monitor.
     *
     * @return the log
     */
    ThreadLog unattached() {
        return unattached;
    }

    /**
     * The detaching thread's last word: its log takes no more entries and drains. Called by the
     * owner after its last entry.
     *
     * @param log the owner's log
     */
    void retire(final ThreadLog log) {
        byThreadId.compareAndSet(slot(log.owner), log, null);
        attached.remove(log.owner, log);
        log.retire();
    }

    /**
     * Every log a commit must read now.
     *
     * @return the logs, a snapshot
     */
    List<ThreadLog> all() {
        return all;
    }

    /**
     * Drops a log whose owner has ended and whose entries are all applied. Commit lock held.
     *
     * @param log the drained log
     */
    void forget(final ThreadLog log) {
        byThreadId.compareAndSet(slot(log.owner), log, null);
        attached.remove(log.owner, log);
        all.remove(log);
    }

    private static int slot(final Thread thread) {
        return (int) thread.getId() & (SLOTS - 1);
    }
}
