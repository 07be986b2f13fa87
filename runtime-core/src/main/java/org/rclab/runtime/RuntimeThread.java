package org.rclab.runtime;

import org.rclab.heap.ThreadCounters;
import org.rclab.object.RcInt;
import org.rclab.object.RcObject;
import org.rclab.runtime.events.ReleasedEvent;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.ThreadGate;

/**
 * A thread's attachment to a runtime (CPython's thread state). Made by {@link RcRuntime#attach()}
 * and used only by the thread that attached: it passes checkpoints, runs blocking work released,
 * and detaches. While released it may not touch objects; it may block.
 *
 * <pre>{@code
 * try (RuntimeThread self = runtime.attach()) {
 *     while (working) {
 *         ...                     // touch objects
 *         self.checkpoint();      // let the scheme act: drop a GIL on request, merge queues
 *     }
 * }                               // detaches, even if the work threw
 * }</pre>
 *
 * <p>A hot loop that holds its handle (an evaluator, as CPython's eval loop keeps {@code tstate}
 * in a local) may make ints and drop references through it, {@link #newInt(long)} and
 * {@link #decref(RcObject)}: the same operations as the runtime's, minus the per-thread lookups
 * the runtime's must make to find what the handle already holds (the thread's accounting slot;
 * for the scheme, the knowledge that the creator is attached).
 */
public final class RuntimeThread implements AutoCloseable {
    private final RcRuntime runtime;
    private final ThreadGate gate;
    private final Thread thread;
    /**
     * The thread's own slot of the heap's accounting, claimed at attach, or {@code null} if a
     * live thread held its index then, or if the runtime has strict checks on: the handle's
     * operations then count through the table, and with strict checks check their caller first.
     * So the runtime's hot paths test only this for {@code null}, never the strict flag as well.
     * Only this handle's thread writes the slot: it is that thread's for as long as it lives
     * ({@link ThreadCounters#claim()}), so the plain adds of {@link ThreadCounters} hold here too.
     */
    private final ThreadCounters.Slot counts;
    /**
     * The runtime's strict checks: whether {@link #decref} checks the calling thread before it
     * changes anything ({@link RcRuntime#decref(RcObject, RuntimeThread)} checks only at a free).
     */
    private final boolean strictChecks;
    private Object schemeState;
    private boolean released;
    private boolean detached;
    /**
     * The attached thread while it may touch objects (attached, not released), else {@code null}:
     * the checkpoint's whole guard is one compare of this with the calling thread. Plain: only
     * the attached thread writes it. That thread always reads its own last write; any other
     * thread may read a stale value, but never its own identity, so its answer ("not mine") is
     * right whatever it reads.
     */
    private Thread usableBy;
    /** The released-work event under way while released and a recording wants it, else {@code null}. */
    private ReleasedEvent releasedEvent;

    RuntimeThread(final RcRuntime runtime, final ThreadGate gate, final Thread thread,
                  final ThreadCounters.Slot counts, final boolean strictChecks) {
        this.runtime = runtime;
        this.gate = gate;
        this.thread = thread;
        this.counts = strictChecks ? null : counts;
        this.strictChecks = strictChecks;
        this.usableBy = thread;
    }

    /** The thread's own accounting slot, or {@code null} (see {@link #counts}). */
    ThreadCounters.Slot counts() {
        return counts;
    }

    /**
     * {@link RcRuntime#newInt(long)} made by this attached thread: the same int, counts and
     * accounting, found faster. The allocation is counted straight into this thread's own
     * accounting slot, which the handle holds (no lookup of the thread in the heap's table;
     * through the table with strict checks on, see {@link #counts}), and
     * the scheme is told the creator is attached ({@link RefCounter#init(RcObject, RuntimeThread)}),
     * so a scheme that would otherwise ask (a biased scheme, before making the creator the
     * owner) need not.
     *
     * <p>Safe because only this handle's thread uses it: the slot it counts into is written by
     * that thread alone, with the plain adds the heap's own path makes. With strict checks on,
     * that is checked: a call from another thread, after {@link #release()} or after detaching is
     * refused before anything changes. Without them, keeping it is the caller's duty, as for
     * every operation on objects.
     *
     * @param value the value
     * @return the int, with one new reference owned by the caller
     * @throws IllegalStateException with strict checks on, if called from another thread, while
     *         released, or after detaching
     */
    public RcInt newInt(final long value) {
        return runtime.newInt(value, this);
    }

    /**
     * {@link RcRuntime#decref(RcObject)} by this attached thread: the same release, checks and
     * frees; a free it makes (of the object, and of what a freed container held) is counted
     * straight into this thread's own accounting slot (through the table with strict checks on).
     * Frees made elsewhere (a biased scheme's
     * merge of its queue at a checkpoint, another thread's release) are counted as before.
     * Safe for the reason {@link #newInt(long)} gives, checked as it is: with strict checks on, a
     * call from another thread, while released or after detaching is refused before anything
     * changes (where {@link RcRuntime#decref(RcObject, RuntimeThread)}, for hot loops, checks only
     * when the release frees).
     *
     * @param o the object
     * @throws org.rclab.heap.RefcountMisuseException as {@link RcRuntime#decref(RcObject)}
     * @throws IllegalStateException with strict checks on, if called from another thread, while
     *         released, or after detaching
     */
    public void decref(final RcObject o) {
        if (strictChecks) {
            requireTouching(runtime, "decref " + o.describe());
        }
        runtime.decref(o, this);
    }

    /**
     * The runtime this thread is attached to.
     *
     * @return the runtime
     */
    public RcRuntime runtime() {
        return runtime;
    }

    /**
     * The attached Java thread.
     *
     * @return the thread
     */
    public Thread thread() {
        return thread;
    }

    /**
     * The scheme's per-thread state (a GIL waiter record, a merge queue, a section stack).
     *
     * @return what the scheme stored, or {@code null}
     */
    public Object schemeState() {
        return schemeState;
    }

    /**
     * Stores the scheme's per-thread state; only the scheme calls this, from
     * {@link ThreadGate#attach}.
     *
     * @param state the state
     */
    public void setSchemeState(final Object state) {
        this.schemeState = state;
    }

    /**
     * Whether this thread is inside blocking work run with the runtime released.
     *
     * @return {@code true} while released
     */
    public boolean isReleased() {
        return released;
    }

    /**
     * Whether this thread is still attached.
     *
     * @return {@code false} once detached
     */
    public boolean isAttached() {
        return !detached;
    }

    /**
     * Lets the scheme act at a safe point; cheap when there is nothing to do. Only the attached
     * thread may pass its checkpoints, and only while attached and not released: a checkpoint on
     * another thread's handle would act for the wrong thread (a GIL holder would never honour its
     * own drop request; a merge queue would be drained by a thread that is not its consumer).
     *
     * @throws IllegalStateException if detached, released, or called from another thread
     */
    public void checkpoint() {
        if (usableBy != Thread.currentThread()) {
            throw refused("pass a checkpoint", "checkpoints are for threads that may touch objects");
        }
        gate.checkpoint(this);
    }

    /**
     * Refuses, for the runtime's operations that count into this handle's slot under strict
     * checks, a call from any other thread than this handle's, while released, after detaching,
     * or through another runtime than this handle's.
     *
     * @param through the runtime the operation was called on
     * @param action what the caller tried, e.g. {@code "make an int"}
     */
    void requireTouching(final RcRuntime through, final String action) {
        if (usableBy != Thread.currentThread()) {
            throw refused(action, "a thread touches objects only while attached and not released");
        }
        if (through != runtime) {
            throw new IllegalStateException("cannot " + action + " in " + through + " through "
                    + thread.getName() + "'s handle in " + runtime + " (a handle counts into its own runtime)");
        }
    }

    /**
     * Whether the calling thread may count into this handle's slot through {@code through}: it is
     * this handle's thread, attached and not released, and {@code through} is this handle's
     * runtime. A plain read of {@link #usableBy}, exact for the reason given there.
     *
     * @param through the runtime the operation was called on
     * @return {@code true} if {@link #requireTouching} would not refuse
     */
    boolean touchableThrough(final RcRuntime through) {
        return usableBy == Thread.currentThread() && through == runtime;
    }

    /**
     * The error for a call that {@link #usableBy} refused: detached, another thread's, or released.
     *
     * @param action what the caller tried, e.g. {@code "pass a checkpoint"}
     * @param rule why a released thread may not, for the message
     */
    private IllegalStateException refused(final String action, final String rule) {
        requireUsable(action);
        return new IllegalStateException("cannot " + action + ": " + thread.getName() + " has released "
                + runtime + " (" + rule + ")");
    }

    /**
     * Runs blocking work with the runtime released, as CPython's
     * {@code Py_BEGIN_ALLOW_THREADS ... Py_END_ALLOW_THREADS}: other threads may run meanwhile.
     * The work must not touch runtime objects.
     *
     * @param work the blocking work
     * @param <T> what it returns
     * @param <X> what it may throw
     * @return the work's result
     * @throws X if the work throws; the runtime has been reacquired by then
     */
    public <T, X extends Exception> T callReleased(final BlockingWork<T, X> work) throws X {
        release();
        try {
            return work.run();
        } finally {
            reacquire();
        }
    }

    /**
     * Releases the runtime until {@link #reacquire()}, as CPython's {@code PyEval_SaveThread}: for
     * a thread that stays attached but idles between bursts of work (a worker pool's thread, a
     * jcstress actor). Prefer {@link #callReleased} where the blocking work is one call.
     *
     * @throws IllegalStateException if already released, detached, or called from another thread
     */
    public void release() {
        requireUsable("release the runtime");
        if (released) {
            throw new IllegalStateException(thread.getName() + " has already released " + runtime);
        }
        // Begun before the scheme lets go: a thread preempted right after dropping a lock must not
        // look as if it still held it.
        final ReleasedEvent event = ReleasedEvent.beginIfEnabled();
        gate.release(this);
        released = true;
        usableBy = null;
        releasedEvent = event;
    }

    /**
     * Takes the runtime back after {@link #release()} ({@code PyEval_RestoreThread}).
     *
     * @throws IllegalStateException if not released, detached, or called from another thread
     */
    public void reacquire() {
        requireUsable("reacquire the runtime");
        if (!released) {
            throw new IllegalStateException(thread.getName() + " has not released " + runtime);
        }
        if (releasedEvent != null) {
            releasedEvent.commit();
            releasedEvent = null;
        }
        released = false;
        usableBy = thread;
        gate.reacquire(this);
    }

    /**
     * Detaches this thread from the runtime. Must be called by the attached thread.
     *
     * @throws IllegalStateException if already detached, called from another thread, or called
     *         while released
     */
    public void detach() {
        requireUsable("detach");
        if (released) {
            throw new IllegalStateException(thread.getName() + " cannot detach while running released work");
        }
        detached = true;
        usableBy = null;
        runtime.detach(this);
    }

    /** Detaches; for try-with-resources. */
    @Override
    public void close() {
        detach();
    }

    private void requireUsable(final String action) {
        if (detached) {
            throw new IllegalStateException("cannot " + action + ": " + thread.getName()
                    + " has already detached from " + runtime);
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("cannot " + action + " for " + thread.getName() + " from "
                    + Thread.currentThread().getName() + ": a runtime thread is used only by its own thread");
        }
    }

    @Override
    public String toString() {
        return "RuntimeThread[" + thread.getName() + " in " + runtime + "]";
    }
}
