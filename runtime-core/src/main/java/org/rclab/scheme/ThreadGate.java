package org.rclab.scheme;

import org.rclab.runtime.RuntimeThread;

/**
 * How threads enter, leave and pause in a runtime. The runtime calls these on the thread
 * concerned, and has already checked the attach/detach rules (no double attach, no detach of a
 * thread that is not attached).
 */
public interface ThreadGate {
    /**
     * The thread enters the runtime (CPython: a thread state is created and takes the GIL).
     *
     * @param thread the attaching thread's handle; its scheme state slot is the scheme's
     */
    void attach(RuntimeThread thread);

    /**
     * The thread leaves the runtime for good (CPython: the thread state is deleted).
     *
     * @param thread the detaching thread's handle
     */
    void detach(RuntimeThread thread);

    /**
     * A periodic point where the thread lets the scheme act (CPython's eval breaker: checked on
     * loop back-edges and calls). Must be cheap when there is nothing to do.
     *
     * @param thread the current thread's handle
     */
    void checkpoint(RuntimeThread thread);

    /**
     * The thread is about to block and will not touch objects until {@link #reacquire}
     * (CPython's {@code Py_BEGIN_ALLOW_THREADS}).
     *
     * @param thread the current thread's handle
     */
    void release(RuntimeThread thread);

    /**
     * The thread's blocking work is over and it will touch objects again
     * ({@code Py_END_ALLOW_THREADS}).
     *
     * @param thread the current thread's handle
     */
    void reacquire(RuntimeThread thread);
}
