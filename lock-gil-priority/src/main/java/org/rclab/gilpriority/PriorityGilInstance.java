package org.rclab.gilpriority;

import org.rclab.object.RcObject;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.HolderCheckedCounter;
import org.rclab.scheme.PlainRefCounter;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.ThreadGate;

/**
 * The {@code gil-priority} scheme bound to one runtime: its own {@link PriorityGil}, plain counts
 * and no-op critical sections. Reach it with {@code (PriorityGilInstance) runtime.schemeInstance()}
 * to read or change the switch interval while the runtime runs.
 *
 * <p>Thread gate: {@link #attach} queues as a waiting-class thread; {@link #release} hands the
 * lock on; {@link #reacquire} queues as a <em>returning</em> thread, the class served first;
 * {@link #checkpoint} answers a drop request by handing the lock on and queueing again as a
 * waiting-class thread; {@link #detach} hands the lock on for good.
 *
 * <p>Misuse checks: {@link #checkpoint}, both {@code enter} methods, {@link #release} and
 * {@link #detach} always fail with {@link PriorityGilNotHeldException} if the calling thread
 * does not hold the lock; allocation, incref and decref check it only with
 * {@link SchemeContext#strictChecks()} (with them off, counts are the control's plain
 * instructions).
 */
public final class PriorityGilInstance implements SchemeInstance, ThreadGate, CriticalSections {
    private final PriorityGil lock;
    private final RefCounter counter;

    PriorityGilInstance(final SchemeContext context) {
        // Parse first: a bad option must fail before anything is registered.
        final long interval = GilPriorityScheme.SWITCH_INTERVAL.nanos(context);
        this.lock = new PriorityGil(context, interval, new PriorityGilMetrics(context.metrics()));
        this.counter = context.strictChecks() ? new HolderCheckedCounter(lock) : new PlainRefCounter();
    }

    /**
     * Changes the switch interval while the runtime runs; waits under way finish with the old one.
     *
     * @param millis the new interval in milliseconds
     * @throws IllegalArgumentException naming the option, if the value is not above zero
     */
    public void setSwitchIntervalMillis(final double millis) {
        lock.setIntervalNanos(GilPriorityScheme.SWITCH_INTERVAL.toNanos(millis));
    }

    /**
     * The switch interval.
     *
     * @return the interval in nanoseconds
     */
    public long switchIntervalNanos() {
        return lock.intervalNanos();
    }

    /**
     * Whether the calling thread holds this runtime's lock.
     *
     * @return {@code true} if it does
     */
    public boolean isHeldByCurrentThread() {
        return lock.heldByCurrentThread();
    }

    @Override
    public RefCounter refCounter() {
        return counter;
    }

    @Override
    public ThreadGate threadGate() {
        return this;
    }

    @Override
    public CriticalSections criticalSections() {
        return this;
    }

    @Override
    public void attach(final RuntimeThread thread) {
        final PriorityThreadState self = new PriorityThreadState(thread.thread());
        thread.setSchemeState(self);
        lock.take(self, WaiterClass.WAITING);
    }

    @Override
    public void detach(final RuntimeThread thread) {
        lock.drop(state(thread), "detach");
    }

    /** The eval breaker: two loads and two compares when no request is pending. */
    @Override
    public void checkpoint(final RuntimeThread thread) {
        final PriorityThreadState self = state(thread);
        if (!lock.heldByCurrentThread()) {
            throw lock.notHeld("pass a checkpoint");
        }
        if (self.dropRequested()) {
            lock.yieldOnRequest(self);
        }
    }

    @Override
    public void release(final RuntimeThread thread) {
        lock.drop(state(thread), "release the runtime");
    }

    @Override
    public void reacquire(final RuntimeThread thread) {
        lock.take(state(thread), WaiterClass.RETURNING);
    }

    /**
     * A no-op section: the lock already serialises every thread that may touch objects.
     *
     * @throws PriorityGilNotHeldException if the calling thread does not hold the lock
     */
    @Override
    public CriticalSection enter(final RcObject o) {
        if (!lock.heldByCurrentThread()) {
            throw lock.notHeld("enter a critical section on " + o.describe());
        }
        return CriticalSection.NONE;
    }

    /**
     * A no-op section over two objects.
     *
     * @throws PriorityGilNotHeldException if the calling thread does not hold the lock
     */
    @Override
    public CriticalSection enter(final RcObject a, final RcObject b) {
        if (!lock.heldByCurrentThread()) {
            throw lock.notHeld("enter a critical section on " + a.describe() + " and " + b.describe());
        }
        return CriticalSection.NONE;
    }

    private static PriorityThreadState state(final RuntimeThread thread) {
        return (PriorityThreadState) thread.schemeState();
    }
}
