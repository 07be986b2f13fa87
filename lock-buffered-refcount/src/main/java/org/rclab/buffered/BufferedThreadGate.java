package org.rclab.buffered;

import org.rclab.finegrained.ObjectCriticalSections;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.ThreadGate;

/**
 * How threads enter and leave a {@code buffered} runtime. There is no global lock: attaching
 * gives a thread a log, detaching retires it (its entries are still applied, see {@link Logs}),
 * and a checkpoint has nothing to do, because the thread never waits for the commit except when
 * its log is full. Blocking work suspends the thread's critical sections, as under
 * {@code fine-grained}.
 */
final class BufferedThreadGate implements ThreadGate {
    private final Logs logs;
    private final ObjectCriticalSections sections;

    BufferedThreadGate(final Logs logs, final ObjectCriticalSections sections) {
        this.logs = logs;
        this.sections = sections;
    }

    @Override
    public void attach(final RuntimeThread thread) {
        thread.setSchemeState(logs.register(thread.thread()));
    }

    /**
     * Retires the thread's log first (after its last entry, so the commit sees them all), then
     * refuses to leave critical sections open: the runtime detaches the thread even if that throws.
     */
    @Override
    public void detach(final RuntimeThread thread) {
        logs.retire((ThreadLog) thread.schemeState());
        sections.requireNoOpenSections(thread);
    }

    /** Nothing to do: the commit runs on its own thread. */
    @Override
    public void checkpoint(final RuntimeThread thread) {
        // The log is applied by the commit thread, not at this thread's safe points.
    }

    @Override
    public void release(final RuntimeThread thread) {
        sections.suspendAll(thread);
    }

    @Override
    public void reacquire(final RuntimeThread thread) {
        sections.resumeInnermost(thread);
    }
}
