package org.rclab.gilpriority;

import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CheckedNoOpSections;
import org.rclab.scheme.CheckedPlainRefCounter;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.PlainRefCounter;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.ThreadGate;
import org.rclab.scheme.TimedWaits;

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
 * <p>Misuse checks: entering a section (the SPI's {@link CheckedNoOpSections}), {@link #release}
 * and {@link #detach} always fail with {@link PriorityGilNotHeldException} if the calling thread
 * does not hold the lock; allocation, incref and decref check it only with
 * {@link SchemeContext#strictChecks()} (with them off, counts are the control's plain
 * instructions).
 */
public final class PriorityGilInstance implements SchemeInstance, ThreadGate {
    private final PriorityGil lock;
    private final RefCounter counter;
    private final CriticalSections sections;

    PriorityGilInstance(final SchemeContext context) {
        // Parse first: a bad option must fail before anything is registered.
        final long interval = GilPriorityScheme.SWITCH_INTERVAL.nanos(context);
        final TimedWaits waits = TimedWaits.of(context);
        this.lock = new PriorityGil(context, interval, waits, new PriorityGilMetrics(context.metrics()));
        this.counter = context.strictChecks() ? new CheckedPlainRefCounter(lock) : new PlainRefCounter();
        this.sections = new CheckedNoOpSections(lock);
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
        return sections;
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

    /**
     * The eval breaker: one load and a compare when no request is pending. No holder check of its
     * own: {@link RuntimeThread#checkpoint()} lets only the attached, unreleased thread through,
     * and that thread holds the lock.
     */
    @Override
    public void checkpoint(final RuntimeThread thread) {
        final PriorityThreadState self = state(thread);
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

    private static PriorityThreadState state(final RuntimeThread thread) {
        return (PriorityThreadState) thread.schemeState();
    }
}
