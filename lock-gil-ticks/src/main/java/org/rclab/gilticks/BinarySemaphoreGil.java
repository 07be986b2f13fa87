package org.rclab.gilticks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.rclab.gilticks.events.FailedWakeupEvent;
import org.rclab.gilticks.events.TicksTakeEvent;
import org.rclab.scheme.HeldCheck;
import org.rclab.scheme.SchemeContext;

/**
 * One runtime's old GIL: a binary semaphore made of a mutex, a {@code locked} flag and a
 * condition, as CPython 2's {@code PyThread_acquire_lock}/{@code PyThread_release_lock} built it
 * from a pthread mutex and condition variable. {@link GilTicksScheme} tells the story.
 *
 * <p><b>Take:</b> lock the mutex; while {@code locked}, wait on the condition; set {@code locked};
 * unlock. <b>Release:</b> lock the mutex; clear {@code locked}; signal one waiter; unlock. That
 * is all: no queue, no timeout, no request to the holder, no wait for a switch.
 *
 * <p><b>Why the mutex is a non-fair {@link ReentrantLock}.</b> A pthread mutex lets a running
 * thread take it ahead of threads the OS has yet to wake, and that is the whole mechanism of the
 * old GIL's thrashing: the releasing thread, still running, comes back for the mutex a few
 * instructions after it let go, while the waiter it signalled is still being woken. A non-fair
 * {@code ReentrantLock} barges the same way (its {@code lock()} tries a compare-and-set before
 * queueing). A fair lock, or a hand-off to the signalled waiter, would add a fairness the original
 * never had and hide exactly what this scheme exists to show.
 *
 * <p><b>Where this differs from CPython.</b> {@link Condition#signal()} must be called with the
 * mutex held, so the release signals before unlocking, where CPython signalled just after; either
 * way the woken waiter still has to get the mutex and re-test the flag. CPython's Linux builds
 * used a POSIX semaphore ({@code sem_t}) for the same lock where the platform had one; the
 * mutex-and-condition form is the one Beazley traced on macOS, and both let the releasing thread
 * win. A waiter's return from {@link Condition#awaitUninterruptibly()} always follows a signal
 * (the JDK's condition loops over spurious unparks itself), so every return that finds the lock
 * taken is a failed wake-up in Beazley's sense, and is counted as one.
 *
 * <p>State: {@code mutex} guards {@code locked}, {@code lastHolder} and {@code waiting}.
 * {@code holdingThread} mirrors the holder for the cheap "does the calling thread hold the lock"
 * check: written under the mutex, read without it, opaque (see {@link #heldByCurrentThread()}).
 */
final class BinarySemaphoreGil implements HeldCheck {
    private static final VarHandle HOLDING_THREAD;

    static {
        try {
            HOLDING_THREAD = MethodHandles.lookup()
                    .findVarHandle(BinarySemaphoreGil.class, "holdingThread", Thread.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SchemeContext context;
    private final GilTicksMetrics metrics;

    /** Non-fair on purpose: see the class comment. */
    private final ReentrantLock mutex = new ReentrantLock(false);
    private final Condition released = mutex.newCondition();

    private boolean locked;
    private Thread lastHolder;
    private int waiting;
    /** Accessed only through {@link #HOLDING_THREAD}, in opaque mode. */
    @SuppressWarnings("unused")
    private Thread holdingThread;

    BinarySemaphoreGil(final SchemeContext context, final GilTicksMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
    }

    /**
     * Whether the calling thread holds the lock: one opaque load and a compare, cheap enough for
     * every checkpoint and, under strict checks, every count change.
     *
     * <p>Opaque is enough because the answer only matters to the calling thread about itself. A
     * holder wrote itself there and nobody else writes until it releases, so it reads itself. A
     * non-holder's own last write there was the {@code null} of its release, and opaque accesses
     * to one variable are coherent, so it reads that or a later write by another thread, never
     * its own older entry.
     */
    @Override
    public boolean heldByCurrentThread() {
        return HOLDING_THREAD.getOpaque(this) == Thread.currentThread();
    }

    /**
     * Takes the lock, waiting as long as it takes. Not interruptible (CPython's could not be
     * interrupted either); an interrupt stays pending for the caller.
     *
     * @return {@code true} if the last holder was another thread (a hand-over)
     */
    boolean take() {
        final Thread self = Thread.currentThread();
        final TicksTakeEvent event = new TicksTakeEvent();
        event.begin();
        boolean waited = false;
        final boolean handover;
        mutex.lock();
        try {
            if (locked) {
                waited = true;
                waitUntilUnlocked();
            }
            locked = true;
            HOLDING_THREAD.setOpaque(this, self);
            handover = lastHolder != self;
            if (handover) {
                lastHolder = self;
                metrics.handovers.increment();
            }
        } finally {
            mutex.unlock();
        }
        // Not every retake: one at the end of each check interval, uncontended, is no news.
        if (waited || handover) {
            event.handover = handover;
            event.commit();
        }
        return handover;
    }

    /** Waits on the condition until the lock is free; called with the mutex held and the lock taken. */
    private void waitUntilUnlocked() {
        final long start = System.nanoTime();
        waiting++;
        try {
            released.awaitUninterruptibly();
            while (locked) {
                // Signalled, but by the time this thread had the mutex again the releasing
                // thread (or another) had taken the lock back: a failed wake-up.
                metrics.failedWakeups.increment();
                new FailedWakeupEvent().commit();
                released.awaitUninterruptibly();
            }
        } finally {
            waiting--;
        }
        final long waited = System.nanoTime() - start;
        metrics.waitNanos.add(waited);
        metrics.maxWaitNanos.accumulate(waited);
    }

    /**
     * Releases the lock and signals one waiter, if any.
     *
     * @param action what the caller was doing, for the error if it does not hold the lock
     * @return {@code true} if a thread was waiting for the lock
     * @throws IllegalStateException if the calling thread does not hold the lock
     */
    boolean release(final String action) {
        mutex.lock();
        try {
            if (!heldByCurrentThread()) {
                throw notHeld(action);
            }
            locked = false;
            HOLDING_THREAD.setOpaque(this, null);
            released.signal();
            return waiting > 0;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * The end of a check interval: release, then at once take again, as CPython 2's eval loop
     * did. Whether a waiter gets the lock in between is decided by the race for the mutex alone.
     */
    void releaseAndRetake() {
        metrics.intervalReleases.increment();
        final boolean contended = release("release the GIL at the end of a check interval");
        final boolean handedOver = take();
        if (contended && !handedOver) {
            metrics.retakes.increment();
        }
    }

    @Override
    public IllegalStateException notHeld(final String action) {
        final Thread holding = (Thread) HOLDING_THREAD.getOpaque(this);
        return new IllegalStateException(Thread.currentThread().getName() + " cannot " + action + " in "
                + context.runtime() + ": it does not hold the GIL (held by "
                + (holding == null ? "nobody" : holding.getName())
                + "); attach to the runtime first, and touch no objects in released (blocking) work");
    }
}
