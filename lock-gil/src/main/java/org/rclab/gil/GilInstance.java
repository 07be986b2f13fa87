package org.rclab.gil;

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
 * The {@code gil} scheme bound to one runtime: that runtime's own {@link GlobalInterpreterLock}
 * (so two runtimes run in parallel, PEP 684), its counter and its thread gate. Reach it with
 * {@code (GilInstance) runtime.schemeInstance()} to change the switch interval while the
 * runtime runs, as {@code sys.setswitchinterval} does.
 *
 * <p>Thread gate, in CPython's terms: {@link #attach} takes the GIL (a new thread state),
 * {@link #detach} drops it for good, {@link #release} drops it around blocking work
 * ({@code Py_BEGIN_ALLOW_THREADS}) and {@link #reacquire} takes it back; {@link #checkpoint}
 * is the eval breaker: if a waiter has asked the holder to drop, it drops (forced switching) and
 * takes the lock again.
 *
 * <p>Misuse checks, and where they are:
 * <ul>
 *   <li>Always on, each one load and a compare: entering a critical section (the SPI's
 *       {@link CheckedNoOpSections}) fails with {@link GilNotHeldException} if the calling thread
 *       does not hold this runtime's GIL; every list and dict change enters a section, so
 *       container changes from a released or unattached thread are caught even with strict
 *       checks off. A checkpoint from a released thread, or on another thread's handle, is
 *       refused by {@link RuntimeThread} before the gate is called.</li>
 *   <li>Always on, under the mutex: {@link #detach} and {@link #release} fail if the thread does
 *       not hold the GIL. (Attaching twice is refused by {@code RcRuntime.attach}; detaching
 *       twice, detaching while released, releasing twice, reacquiring without a release, and
 *       using another thread's handle are refused by {@link RuntimeThread}; all before the gate
 *       is called.)</li>
 *   <li>Only with {@link SchemeContext#strictChecks()} (the default): allocation, incref and
 *       decref check that the calling thread holds the GIL (the SPI's
 *       {@link CheckedPlainRefCounter}). With strict checks off they are the
 *       same plain instructions as the {@code unsafe} control, so benchmarks measure the lock,
 *       not the check, and the stress suite can show what released code touching counts does.</li>
 * </ul>
 */
public final class GilInstance implements SchemeInstance, ThreadGate {
    private final GlobalInterpreterLock lock;
    private final RefCounter counter;
    private final CriticalSections sections;

    GilInstance(final SchemeContext context) {
        // Parse first: a bad option must fail before anything is registered.
        final SwitchInterval interval = SwitchInterval.parse(context.option(SwitchInterval.OPTION).orElse(null));
        final TimedWaits waits = TimedWaits.of(context);
        this.lock = new GlobalInterpreterLock(context, interval, waits, new GilMetrics(context.metrics()));
        this.counter = context.strictChecks() ? new CheckedPlainRefCounter(lock) : new PlainRefCounter();
        this.sections = new CheckedNoOpSections(lock);
    }

    /**
     * Changes this runtime's switch interval while it runs ({@code sys.setswitchinterval}, in
     * milliseconds). Waits already under way finish with the old interval.
     *
     * @param millis the new interval in milliseconds, e.g. {@code 1} or {@code 0.5}
     * @throws IllegalArgumentException if the value is NaN, infinite, zero or negative
     */
    public void setSwitchIntervalMillis(final double millis) {
        lock.setInterval(SwitchInterval.ofMillis(millis));
    }

    /**
     * This runtime's switch interval ({@code sys.getswitchinterval}, in milliseconds).
     *
     * @return the interval in milliseconds
     */
    public double switchIntervalMillis() {
        return lock.interval().millis();
    }

    /**
     * Whether the calling thread holds this runtime's GIL.
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
        final GilThreadState self = new GilThreadState(thread.thread());
        thread.setSchemeState(self);
        lock.take(self);
    }

    @Override
    public void detach(final RuntimeThread thread) {
        lock.drop(state(thread), true, "detach");
    }

    /**
     * The eval breaker. No holder check of its own: {@link RuntimeThread#checkpoint()} lets only
     * the attached, unreleased thread through, and that thread holds the GIL.
     */
    @Override
    public void checkpoint(final RuntimeThread thread) {
        final GilThreadState self = state(thread);
        if (self.dropRequested()) {
            lock.drop(self, false, "drop at a checkpoint");
            lock.take(self);
        }
    }

    @Override
    public void release(final RuntimeThread thread) {
        lock.drop(state(thread), false, "release the runtime");
    }

    @Override
    public void reacquire(final RuntimeThread thread) {
        lock.take(state(thread));
    }

    private static GilThreadState state(final RuntimeThread thread) {
        return (GilThreadState) thread.schemeState();
    }
}
