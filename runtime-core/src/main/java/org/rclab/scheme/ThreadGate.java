package org.rclab.scheme;

import org.rclab.runtime.RuntimeThread;

/**
 * How threads enter, leave and pause in a runtime.
 *
 * <p><b>Attachment rules</b> (the runtime checks them before calling the gate): a thread touches
 * a runtime's objects only while attached to it and not released; it attaches itself
 * ({@link org.rclab.runtime.RcRuntime#attach()}), once per runtime (it may be attached to several
 * runtimes, with one {@link RuntimeThread} each); only the attached thread uses its
 * {@link RuntimeThread}; {@link #release} and {@link #reacquire} alternate; a released thread
 * cannot detach. Every call below is made on the thread concerned. Per-thread scheme state goes in
 * {@link RuntimeThread#setSchemeState}, set from {@link #attach}.
 *
 * <p>Callers never checkpoint, release or detach inside a critical section they expect to stay
 * exclusive: a scheme whose sections are no-ops under a global lock hands that lock over there.
 */
public interface ThreadGate {
    /**
     * The thread enters the runtime (CPython: a thread state is created and takes the GIL). May
     * block until the thread may touch objects. If it throws, the thread is not attached.
     *
     * @param thread the attaching thread's handle; its scheme state slot is the scheme's
     */
    void attach(RuntimeThread thread);

    /**
     * The thread leaves the runtime for good (CPython: the thread state is deleted). The scheme
     * settles everything the thread owns first (a biased scheme merges its queue, so no object
     * is stranded with an owner that never returns), then refuses, with an
     * {@link IllegalStateException}, to let a thread leave inside an open critical section. The
     * runtime removes the attachment even if this throws.
     *
     * @param thread the detaching thread's handle
     */
    void detach(RuntimeThread thread);

    /**
     * A periodic point where the thread lets the scheme act (CPython's eval breaker: checked on
     * loop back-edges and calls): a GIL hands over on request, a biased scheme merges what
     * others queued. Must be cheap when there is nothing to do (the shipped schemes pay a load or
     * two and a branch).
     *
     * @param thread the current thread's handle
     */
    void checkpoint(RuntimeThread thread);

    /**
     * The thread is about to block and will not touch objects until {@link #reacquire}
     * (CPython's {@code Py_BEGIN_ALLOW_THREADS}). Afterwards the thread must hold nothing another
     * thread could wait for: a global lock is let go, and so are the locks of the thread's open
     * critical sections (suspended, as PEP 703 does), however deeply they nest. Otherwise a
     * thread blocked inside a section, waiting for a thread that needs that section, deadlocks.
     *
     * @param thread the current thread's handle
     */
    void release(RuntimeThread thread);

    /**
     * The thread's blocking work is over and it will touch objects again
     * ({@code Py_END_ALLOW_THREADS}). Before this returns, the thread holds its innermost open
     * critical section again; outer ones must be held again at the latest when the sections
     * inside them end. Code that blocked inside a section must assume its objects changed.
     *
     * @param thread the current thread's handle
     */
    void reacquire(RuntimeThread thread);
}
