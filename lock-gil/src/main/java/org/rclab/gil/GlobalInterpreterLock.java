package org.rclab.gil;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.rclab.gil.events.GilDropEvent;
import org.rclab.gil.events.GilDropRequestEvent;
import org.rclab.gil.events.GilForcedSwitchEvent;
import org.rclab.gil.events.GilTakeEvent;
import org.rclab.scheme.HeldCheck;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.TimedWaits;

/**
 * One runtime's GIL: the "new GIL" of CPython 3.2+ ({@code Python/ceval_gil.c}), with its
 * switch interval, drop requests and forced switching. {@link GilScheme} tells the story; this
 * class follows it.
 *
 * <p>State and what guards it:
 * <ul>
 *   <li>{@code mutex} guards {@code locked}, {@code holder}, {@code switchNumber} and
 *       {@code waiting}; its condition {@code unlocked} is where takers wait.</li>
 *   <li>{@code switchMutex} and its condition {@code switched} are where a thread that dropped on
 *       request waits until someone else has taken the lock. {@code lastHolder} is written under
 *       {@code mutex} (and, when a taker changes it, also under {@code switchMutex}) and read
 *       under {@code switchMutex} alone, so it is volatile; {@code waiting} likewise.</li>
 *   <li>{@code holdingThread} mirrors {@code holder} for the cheap "does the calling thread hold
 *       the GIL" checks. It is written under {@code mutex} and read with no lock by any thread,
 *       opaque (see {@link #heldByCurrentThread()} for why that is enough).</li>
 * </ul>
 *
 * <p>Neither mutex is fair: there is no queue, and a thread arriving just as the lock is dropped
 * may take it ahead of one that has waited for several intervals, as in CPython. (Only with
 * {@link TimedWaits#EXPIRED}, for model checkers, are both fair: see the constructor.)
 */
final class GlobalInterpreterLock implements HeldCheck {
    private static final VarHandle HOLDING_THREAD;

    static {
        try {
            HOLDING_THREAD = MethodHandles.lookup()
                    .findVarHandle(GlobalInterpreterLock.class, "holdingThread", Thread.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SchemeContext context;
    private final GilMetrics metrics;

    private final ReentrantLock mutex;
    private final Condition unlocked;
    private final ReentrantLock switchMutex;
    private final Condition switched;

    private boolean locked;
    private GilThreadState holder;
    private long switchNumber;
    private volatile GilThreadState lastHolder;
    private volatile int waiting;
    /** Accessed only through {@link #HOLDING_THREAD}, in opaque mode. */
    private Thread holdingThread;
    private volatile SwitchInterval interval;
    /** {@link TimedWaits#EXPIRED}: every wait of one interval times out at once (for model checkers). */
    private final boolean waitsExpired;

    GlobalInterpreterLock(final SchemeContext context, final SwitchInterval interval, final TimedWaits waits,
                          final GilMetrics metrics) {
        this.context = context;
        this.interval = interval;
        this.waitsExpired = waits == TimedWaits.EXPIRED;
        this.metrics = metrics;
        // Non-fair, as CPython's mutexes, when waiters sleep an interval between checks. With
        // expired waits a waiter (and a forced dropper) checks in a loop, releasing its mutex and
        // taking it straight back; a non-fair mutex lets it barge back in ahead of the thread
        // queued for that mutex (the holder coming to drop, the waiter coming to take) without
        // bound, which no real interval allows (with non-fair mutexes here, the model check of
        // the forced switch hung with both threads queued on the mutex). A fair mutex queues the
        // looping thread behind it.
        this.mutex = new ReentrantLock(waitsExpired);
        this.unlocked = mutex.newCondition();
        this.switchMutex = new ReentrantLock(waitsExpired);
        this.switched = switchMutex.newCondition();
    }

    SwitchInterval interval() {
        return interval;
    }

    /**
     * Changes the interval. Threads already waiting finish their current wait with the old
     * value; the next wait uses the new one.
     */
    void setInterval(final SwitchInterval value) {
        interval = value;
    }

    /**
     * Whether the calling thread holds the lock. Cheap enough for every incref under strict
     * checks: one opaque load and a compare.
     *
     * <p>Opaque is enough because the answer only matters to the calling thread about itself.
     * If it holds the lock, it wrote itself into {@code holdingThread} and nobody else writes
     * there until it drops, so it reads itself. If it does not, its own last write there was the
     * {@code null} of its drop, and opaque accesses to one variable are coherent: it can read
     * that {@code null} or a later write by another thread, never its own older entry. (Plain
     * mode would not promise that coherence.)
     */
    @Override
    public boolean heldByCurrentThread() {
        return HOLDING_THREAD.getOpaque(this) == Thread.currentThread();
    }

    /**
     * Takes the lock, waiting as long as it takes. While waiting, each wait lasts one switch
     * interval; a wait that times out with the lock still held and no hand-over in between sets
     * a drop request on the holder, or takes the lock back if the holder's thread has died.
     * Not interruptible: an interrupt is remembered and re-asserted once the lock is held.
     */
    void take(final GilThreadState self) {
        final GilTakeEvent event = new GilTakeEvent();
        event.begin();
        boolean interrupted = false;
        mutex.lock();
        try {
            if (locked) {
                interrupted = waitUntilUnlocked();
            }
            switchMutex.lock();
            try {
                locked = true;
                holder = self;
                HOLDING_THREAD.setOpaque(this, self.thread());
                if (lastHolder != self) {
                    lastHolder = self;
                    switchNumber++;
                    metrics.handovers.increment();
                    event.handover = true;
                }
                // Wakes a thread that dropped on request and waits to see another thread take
                // the lock; without this it would sleep until its next timed check.
                switched.signalAll();
            } finally {
                switchMutex.unlock();
            }
            // A request set while this thread last held the lock (it then dropped for blocking
            // work, not at a checkpoint) is stale: the waiter that set it has been served.
            self.clearDropRequest();
        } finally {
            mutex.unlock();
        }
        event.commit();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits on {@code unlocked} until the lock is free; called with {@code mutex} held. */
    private boolean waitUntilUnlocked() {
        final long start = System.nanoTime();
        boolean interrupted = false;
        waiting++;
        try {
            while (locked) {
                final long seenSwitch = switchNumber;
                boolean timedOut;
                try {
                    timedOut = unlocked.awaitNanos(waitNanos()) <= 0;
                } catch (final InterruptedException e) {
                    // Waiting for the GIL cannot be abandoned half way (CPython's cannot either):
                    // remember the interrupt for the caller and keep waiting.
                    interrupted = true;
                    timedOut = false;
                }
                if (timedOut && locked) {
                    if (!holder.thread().isAlive()) {
                        // A thread that ended without dropping will never reach a checkpoint;
                        // without this every other thread would wait for it forever.
                        reclaimFromDeadHolder();
                    } else if (switchNumber == seenSwitch && holder.requestDrop()) {
                        // Only if nobody got the lock during the whole interval: if it changed
                        // hands, the current holder has not had its interval yet.
                        metrics.dropRequests.increment();
                        GilDropRequestEvent.emit(holder.thread());
                    }
                }
            }
        } finally {
            waiting--;
        }
        final long waited = System.nanoTime() - start;
        metrics.waitNanos.add(waited);
        metrics.maxWaitNanos.accumulate(waited);
        return interrupted;
    }

    /**
     * How long one timed wait lasts: the switch interval, or zero when waits are expired. A
     * condition wait of zero releases the mutex, takes it back and reports a timeout without
     * parking and without reading a meaningful clock, so a model checker that never lets a timed
     * park time out still reaches the drop request; it may run other threads in the gap, which
     * stands for the interval passing.
     */
    private long waitNanos() {
        return waitsExpired ? 0 : interval.nanos();
    }

    /** Frees a lock whose holder's thread has ended; called with {@code mutex} held. */
    private void reclaimFromDeadHolder() {
        lastHolder = holder;
        holder = null;
        HOLDING_THREAD.setOpaque(this, null);
        locked = false;
        metrics.deadHolderReclaims.increment();
    }

    /**
     * Drops the lock. If a drop request is pending and the thread is not leaving the runtime for
     * good, waits until another thread has taken the lock (forced switching).
     *
     * @param self the dropping thread, which must hold the lock
     * @param forGood {@code true} when the thread detaches: nothing to hand over to it later,
     *        so no reason to wait for the switch
     * @param action what the caller was doing, for the error if it does not hold the lock
     */
    void drop(final GilThreadState self, final boolean forGood, final String action) {
        // Begun before the lock is let go, and recorded only if this drop is forced: a holder
        // preempted right after dropping must not look as if it still held the lock.
        final GilForcedSwitchEvent switchEvent = new GilForcedSwitchEvent();
        switchEvent.begin();
        mutex.lock();
        try {
            if (holder != self) {
                throw notHeld(action);
            }
            lastHolder = self;
            holder = null;
            HOLDING_THREAD.setOpaque(this, null);
            locked = false;
            unlocked.signal();
        } finally {
            mutex.unlock();
        }
        if (!forGood && self.dropRequested()) {
            // The request is answered by this drop; clearing it here (not only in take) keeps a
            // thread that now blocks released from dropping again at its first checkpoint back.
            self.clearDropRequest();
            metrics.forcedDrops.increment();
            GilDropEvent.emit(GilDropEvent.ON_REQUEST);
            waitForSwitch(self);
            switchEvent.commit();
        } else {
            GilDropEvent.emit(forGood ? GilDropEvent.DETACH : GilDropEvent.BLOCKING);
        }
    }

    /**
     * Waits until a thread other than {@code self} has taken the lock. Without this the dropping
     * thread, which is running, would usually take the lock straight back before the woken
     * waiter is scheduled, and the request would have achieved nothing.
     */
    private void waitForSwitch(final GilThreadState self) {
        boolean interrupted = false;
        switchMutex.lock();
        try {
            // Checked under switchMutex, which a taker holds while it changes lastHolder and
            // signals: a take that happens between our drop and this check is seen here, and one
            // that happens later signals a wait that has already begun, so no wake-up is lost.
            if (lastHolder == self) {
                // The waiting count ends the wait if every waiter left without taking the lock
                // (one failed with an Error): a forced drop must never hang its own thread.
                while (lastHolder == self && waiting > 0) {
                    try {
                        switched.awaitNanos(waitNanos());
                    } catch (final InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } finally {
            switchMutex.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The error for a thread that acts as if it held the lock but does not.
     *
     * @param action what it was doing, e.g. {@code "incref int object #17"}
     * @return the exception to throw
     */
    @Override
    public GilNotHeldException notHeld(final String action) {
        final Thread holding = (Thread) HOLDING_THREAD.getOpaque(this);
        return new GilNotHeldException(Thread.currentThread().getName() + " cannot " + action + " in "
                + context.runtime() + ": it does not hold the GIL (held by "
                + (holding == null ? "nobody" : holding.getName())
                + "); attach to the runtime first, and touch no objects in released (blocking) work");
    }
}
