package org.rclab.gilpriority;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.rclab.gilpriority.events.PriorityDropRequestEvent;
import org.rclab.gilpriority.events.PriorityForcedSwitchEvent;
import org.rclab.gilpriority.events.PriorityTakeEvent;
import org.rclab.scheme.HeldCheck;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.TimedWaits;

/**
 * One runtime's lock: the hand-over rules that {@link GilPriorityScheme} states, in code.
 *
 * <p>State and what guards it: {@code mutex} guards everything but {@code holdingThread} and the
 * interval. The lock is handed over directly: the thread that drops it picks the next holder
 * and writes it into {@code holder} before it lets go of {@code mutex}, so nobody can barge in
 * between (and a thread made to drop can never take the lock straight back, which is what
 * {@code gil}'s forced switching achieves with a second condition). Waiters sleep on one
 * condition, {@code changed}, signalled at every hand-over; each re-reads the state when it
 * wakes. Invariant: {@code holder == null} only while both queues are empty.
 *
 * <p>Counts are plain: one holder's writes reach the next holder because the hand-over passes
 * through {@code mutex}. The dropper writes the new holder and unlocks; the new holder sees
 * itself as holder only after relocking it (returning from the condition wait), so everything
 * the dropper did before dropping happens-before everything the new holder does after.
 *
 * <p>{@code holdingThread} mirrors {@code holder} for the cheap "does the calling thread hold
 * the lock" check on every count change and checkpoint. It is written under {@code mutex} and
 * read without a lock in opaque mode. That is enough because the answer matters only to the
 * calling thread about itself: a holder wrote itself there and nobody overwrites it until the
 * holder drops; a non-holder's own last write there was the hand-over away from it (or it never
 * wrote), and opaque accesses to one variable are coherent, so it cannot read back an older
 * entry naming itself. Plain mode would not promise that coherence.
 */
final class PriorityGil implements HeldCheck {
    private static final VarHandle HOLDING_THREAD;

    static {
        try {
            HOLDING_THREAD = MethodHandles.lookup().findVarHandle(PriorityGil.class, "holdingThread", Thread.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SchemeContext context;
    private final PriorityGilMetrics metrics;
    private final ReentrantLock mutex;
    private final Condition changed;

    private PriorityThreadState holder;
    private Grant grant;
    private PriorityThreadState lastHolder;
    /** Threads back from released blocking work, oldest first. */
    private final ArrayDeque<PriorityThreadState> returning = new ArrayDeque<>();
    /** Every other waiter, oldest first. */
    private final ArrayDeque<PriorityThreadState> waiting = new ArrayDeque<>();
    /** When the current head of {@code waiting} became its head ({@code System.nanoTime}). */
    private long waitingHeadSince;
    /** When the current head of {@code returning} became its head. */
    private long returningHeadSince;
    /** When the lock last went to a thread other than its last holder (gil's switch number, as a time). */
    private long lastHandoverAt;

    /** Accessed only through {@link #HOLDING_THREAD}, in opaque mode. */
    private Thread holdingThread;
    /** Read by waiters without the mutex held only in {@link #interval}; changed at run time. */
    private volatile long intervalNanos;
    /** {@link TimedWaits#EXPIRED}: every interval counts as elapsed at once (for model checkers). */
    private final boolean waitsExpired;

    PriorityGil(final SchemeContext context, final long intervalNanos, final TimedWaits waits,
                final PriorityGilMetrics metrics) {
        this.context = context;
        this.intervalNanos = intervalNanos;
        this.waitsExpired = waits == TimedWaits.EXPIRED;
        // With expired waits every waiter checks in a loop, releasing the mutex and taking it
        // straight back; a non-fair mutex lets it barge back in ahead of the holder queued for
        // the mutex to answer its request, for ever (a livelock no real interval allows). A fair
        // mutex queues the looping thread behind the holder. On the clock waiters sleep between
        // checks and the mutex stays non-fair.
        this.mutex = new ReentrantLock(waitsExpired);
        this.changed = mutex.newCondition();
        this.metrics = metrics;
        this.lastHandoverAt = System.nanoTime();
    }

    long intervalNanos() {
        return intervalNanos;
    }

    void setIntervalNanos(final long nanos) {
        intervalNanos = nanos;
    }

    /**
     * The interval the rules run on: the switch interval, or zero when waits are expired. With
     * zero every queue head is entitled as soon as it is head and every condition wait is
     * {@code awaitNanos(0)}, which releases the mutex, takes it back and returns without parking:
     * a model checker with no clock then reaches drop requests and entitled hand-overs by its
     * choice of thread switches alone.
     */
    private long interval() {
        return waitsExpired ? 0 : intervalNanos;
    }

    @Override
    public boolean heldByCurrentThread() {
        return HOLDING_THREAD.getOpaque(this) == Thread.currentThread();
    }

    /**
     * Takes the lock, waiting in the queue of the given class as long as it takes. Not
     * interruptible: an interrupt is remembered and re-asserted once the lock is held.
     */
    void take(final PriorityThreadState self, final WaiterClass as) {
        final PriorityTakeEvent event = new PriorityTakeEvent();
        event.begin();
        final long start = System.nanoTime();
        boolean interrupted = false;
        mutex.lock();
        try {
            if (holder == null) {
                grantTo(self, as == WaiterClass.RETURNING ? Grant.PRIORITY : Grant.OPEN, start);
            } else {
                enqueue(self, as, start);
                interrupted = awaitTurn(self);
            }
            if (event.shouldCommit()) {
                event.handover = self.grantWasHandover;
                event.returning = as == WaiterClass.RETURNING;
                event.grant = grant.name();
                event.commit();
            }
        } finally {
            mutex.unlock();
        }
        if (as == WaiterClass.RETURNING) {
            final long waited = System.nanoTime() - start;
            metrics.returns.increment();
            metrics.returnWaitNanos.add(waited);
            metrics.maxReturnWaitNanos.accumulate(waited);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Drops the lock for good or for blocking work, handing it to the next waiter if there is one.
     *
     * @param action what the caller was doing, for the error if it does not hold the lock
     */
    void drop(final PriorityThreadState self, final String action) {
        mutex.lock();
        try {
            if (holder != self) {
                throw notHeld(action);
            }
            // A request not yet answered is answered by this drop.
            self.clearDropRequest();
            handOver(System.nanoTime());
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Answers a drop request at a checkpoint: hands the lock to the next waiter and queues for
     * it again as a waiting-class thread (it was made to drop, not a voluntary release).
     */
    void yieldOnRequest(final PriorityThreadState self) {
        boolean interrupted = false;
        mutex.lock();
        try {
            if (holder != self) {
                throw notHeld("drop at a checkpoint");
            }
            self.clearDropRequest();
            if (returning.isEmpty() && waiting.isEmpty()) {
                // Only a waiter sets a request, and a waiter leaves its queue only with the lock:
                // this happens only if a waiter's wait ended in an Error. Keep the lock.
                return;
            }
            metrics.forcedDrops.increment();
            final PriorityForcedSwitchEvent event = new PriorityForcedSwitchEvent();
            event.begin();
            final long now = System.nanoTime();
            handOver(now);
            enqueue(self, WaiterClass.WAITING, now);
            interrupted = awaitTurn(self);
            event.handover = self.grantWasHandover;
            event.commit();
        } finally {
            mutex.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Joins a queue, starting the head's clock if the queue was empty. Mutex held. */
    private void enqueue(final PriorityThreadState self, final WaiterClass as, final long now) {
        self.waitingAs = as;
        if (as == WaiterClass.RETURNING) {
            if (returning.isEmpty()) {
                returningHeadSince = now;
            }
            returning.addLast(self);
        } else {
            if (waiting.isEmpty()) {
                waitingHeadSince = now;
            }
            waiting.addLast(self);
        }
    }

    /**
     * Waits until a dropping thread has handed the lock to {@code self}. A thread at the head of
     * its queue asks the holder to drop once its claim is due (see {@link #dueAt}); the others
     * just wait. Every waiter wakes at least once an interval to see whether the holder's thread
     * has died. Called with the mutex held.
     *
     * @return whether the thread was interrupted while waiting
     */
    private boolean awaitTurn(final PriorityThreadState self) {
        boolean interrupted = false;
        while (holder != self) {
            final long now = System.nanoTime();
            long wakeAt = now + interval();
            if (isHead(self)) {
                final long due = dueAt(self.waitingAs);
                if (due - now <= 0) {
                    if (holder.requestDrop()) {
                        metrics.dropRequests.increment();
                        PriorityDropRequestEvent.emit(holder.thread());
                    }
                } else {
                    wakeAt = due;
                }
            }
            try {
                changed.awaitNanos(wakeAt - now);
            } catch (final InterruptedException e) {
                // Waiting for the lock cannot be abandoned half way: remember, keep waiting.
                interrupted = true;
            }
            if (holder != self && !holder.thread().isAlive()) {
                // A thread that ended holding the lock will never reach a checkpoint.
                metrics.deadHolderReclaims.increment();
                handOver(System.nanoTime());
            }
        }
        return interrupted;
    }

    private boolean isHead(final PriorityThreadState self) {
        return (self.waitingAs == WaiterClass.RETURNING ? returning : waiting).peekFirst() == self;
    }

    /**
     * When the head of a queue becomes entitled to the lock: it then asks the holder to drop,
     * and at a hand-over the entitled head goes first (the earlier-entitled one if both are).
     * <ul>
     *   <li>Returning head: from the moment it became head if the holder's grant is
     *       {@link Grant#OPEN}; otherwise
     *       after an interval with no hand-over, counted from when it became head or from the
     *       last hand-over, whichever is later ({@code gil}'s rule).</li>
     *   <li>Waiting head: one interval after it became head, whatever went to others meanwhile
     *       (so returning threads cannot keep it waiting for ever).</li>
     * </ul>
     * Mutex held; the queue must not be empty.
     */
    private long dueAt(final WaiterClass queue) {
        final long interval = interval();
        if (queue == WaiterClass.WAITING) {
            return waitingHeadSince + interval;
        }
        if (grant == Grant.OPEN) {
            // The lock is granted OPEN only while no thread is returning, so this head arrived
            // after the grant and has been entitled since it became head.
            return returningHeadSince;
        }
        return (returningHeadSince - lastHandoverAt > 0 ? returningHeadSince : lastHandoverAt) + interval;
    }

    /**
     * Gives the lock to the next holder: a returning thread unless the waiting head is entitled
     * and was entitled before the returning head (or the returning head is not entitled); the
     * waiting head otherwise; nobody if both queues are empty. Mutex held; the caller has
     * stopped holding.
     */
    private void handOver(final long now) {
        final PriorityThreadState next;
        final Grant how;
        final boolean anyReturning = !returning.isEmpty();
        final boolean anyWaiting = !waiting.isEmpty();
        if (!anyReturning && !anyWaiting) {
            holder = null;
            grant = null;
            HOLDING_THREAD.setOpaque(this, null);
            return;
        }
        final boolean returningFirst;
        if (anyReturning && anyWaiting) {
            final long returningDue = dueAt(WaiterClass.RETURNING);
            final long waitingDue = dueAt(WaiterClass.WAITING);
            final boolean returningEntitled = returningDue - now <= 0;
            final boolean waitingEntitled = waitingDue - now <= 0;
            returningFirst = !waitingEntitled || returningEntitled && returningDue - waitingDue <= 0;
            final PriorityThreadState passed = returningFirst ? waiting.peekFirst() : returning.peekFirst();
            if (returningFirst ? waitingEntitled : returningEntitled) {
                passed.passedWhileEntitled++;
            }
        } else {
            returningFirst = anyReturning;
        }
        if (returningFirst) {
            next = returning.pollFirst();
            how = Grant.PRIORITY;
            returningHeadSince = now;
            metrics.priorityHandovers.increment();
        } else {
            next = waiting.pollFirst();
            how = anyReturning ? Grant.PROTECTED : Grant.OPEN;
            waitingHeadSince = now;
            if (anyReturning) {
                metrics.guardHandovers.increment();
            }
        }
        grantTo(next, how, now);
        changed.signalAll();
    }

    /** Makes {@code next} the holder. Mutex held. */
    private void grantTo(final PriorityThreadState next, final Grant how, final long now) {
        holder = next;
        grant = how;
        HOLDING_THREAD.setOpaque(this, next.thread());
        // A request set while it last held the lock is stale: it dropped since.
        next.clearDropRequest();
        metrics.maxPassedWhileEntitled.accumulate(next.passedWhileEntitled);
        next.passedWhileEntitled = 0;
        next.grantWasHandover = lastHolder != next;
        if (lastHolder != next) {
            lastHolder = next;
            lastHandoverAt = now;
            metrics.handovers.increment();
        }
    }

    @Override
    public PriorityGilNotHeldException notHeld(final String action) {
        final Thread holding = (Thread) HOLDING_THREAD.getOpaque(this);
        return new PriorityGilNotHeldException(Thread.currentThread().getName() + " cannot " + action + " in "
                + context.runtime() + ": it does not hold the gil-priority lock (held by "
                + (holding == null ? "nobody" : holding.getName())
                + "); attach to the runtime first, and touch no objects in released (blocking) work");
    }
}
