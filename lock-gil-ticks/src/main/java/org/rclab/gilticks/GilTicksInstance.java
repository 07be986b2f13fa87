package org.rclab.gilticks;

import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CheckedNoOpSections;
import org.rclab.scheme.CheckedPlainRefCounter;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.PlainRefCounter;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.ThreadGate;

/**
 * The {@code gil-ticks} scheme bound to one runtime: its own {@link BinarySemaphoreGil} (so two
 * runtimes run in parallel), the tick counter, plain counts and no-op critical sections.
 *
 * <p>Thread gate, in CPython 2's terms: {@link #attach} takes the GIL, {@link #detach} releases it
 * for good, {@link #release} and {@link #reacquire} bracket blocking work
 * ({@code Py_BEGIN_ALLOW_THREADS}); {@link #checkpoint} is the eval loop's tick: every
 * {@value CheckInterval#OPTION} ticks it releases the GIL and takes it straight back.
 *
 * <p>Misuse checks: {@link #checkpoint} and entering a critical section always check (one opaque
 * load and a compare) that the calling thread holds the GIL, as do {@link #detach} and
 * {@link #release} under the mutex; with {@link SchemeContext#strictChecks()} (the default)
 * every allocation, incref and decref checks too. The section and count checks are the SPI's
 * {@link CheckedNoOpSections} and {@link CheckedPlainRefCounter}. The error is an {@link IllegalStateException}
 * naming the thread, the runtime and the holder.
 */
final class GilTicksInstance implements SchemeInstance, ThreadGate {
    private final BinarySemaphoreGil lock;
    private final RefCounter counter;
    private final CriticalSections sections;
    private final int checkInterval;

    /**
     * Ticks left until the holder's next release (CPython 2's {@code _Py_Ticker}: one counter
     * per lock, not per thread, so a new holder goes on from where the last one stopped). Plain:
     * only the thread holding the GIL touches it, and the mutex's unlock by one holder and lock
     * by the next order the writes of one before the reads of the other.
     */
    private int ticker;

    GilTicksInstance(final SchemeContext context) {
        // Parse first: a bad option must fail before anything is registered.
        this.checkInterval = CheckInterval.parse(context.option(CheckInterval.OPTION).orElse(null));
        this.ticker = checkInterval;
        this.lock = new BinarySemaphoreGil(context, new GilTicksMetrics(context.metrics()));
        this.counter = context.strictChecks() ? new CheckedPlainRefCounter(lock) : new PlainRefCounter();
        this.sections = new CheckedNoOpSections(lock);
    }

    /**
     * This runtime's check interval.
     *
     * @return checkpoints between two releases
     */
    int checkInterval() {
        return checkInterval;
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
        lock.take();
    }

    @Override
    public void detach(final RuntimeThread thread) {
        lock.release("detach");
    }

    /**
     * Counts a tick. No holder check of its own: {@link RuntimeThread#checkpoint()} lets only the
     * attached, unreleased thread through, and that thread holds the lock.
     */
    @Override
    public void checkpoint(final RuntimeThread thread) {
        if (--ticker > 0) {
            return;
        }
        ticker = checkInterval;
        lock.releaseAndRetake();
    }

    @Override
    public void release(final RuntimeThread thread) {
        lock.release("release the runtime");
    }

    @Override
    public void reacquire(final RuntimeThread thread) {
        lock.take();
    }
}
