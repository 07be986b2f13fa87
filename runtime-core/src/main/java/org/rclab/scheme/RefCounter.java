package org.rclab.scheme;

import org.rclab.object.RcObject;
import org.rclab.runtime.RuntimeThread;

/**
 * How a scheme changes counts.
 *
 * <p><b>What the runtime guarantees.</b> Every call is made by a thread attached to the runtime
 * and not released. The runtime reads an object's state word before calling {@link #incref} or
 * {@link #decref}: immortal objects (small ints, {@code None}, {@code True}, {@code False}) and
 * freed objects never reach the scheme, so these methods see only live mortal objects of their
 * own runtime (unless a race the scheme fails to prevent says otherwise, which is what the
 * stress suite looks for). When {@link #decref} returns {@code true} (or the scheme calls
 * {@link SchemeContext#free}), the runtime puts an acquire fence before the free's first write to
 * the object: the load by which the scheme saw the last reference gone needs no acquire of its
 * own to order the free after whatever the releasing thread did before its release (the fence
 * comes after the free's accounting, which touches no object, so the allocation's and the free's
 * per-thread lookups are not split by it).
 *
 * <p><b>What the scheme promises.</b>
 * <ul>
 *   <li>If {@link Scheme#threadSafe()} is {@code true}: no increment or decrement is lost, however
 *       many threads change one count at once, and every change a thread made before its decref
 *       is visible to the thread that frees the object.</li>
 *   <li>Freeing exactly once: for each object, exactly one {@link #decref} returns {@code true}
 *       (the runtime then frees the object and releases what it holds), or the scheme defers the
 *       decision and calls {@link SchemeContext#free} exactly once. A deferred free must have
 *       happened by the time every thread that released a reference has passed a checkpoint (or
 *       detached) and the object's creator, if still attached, has passed one after that; or,
 *       for a scheme that applies changes on a thread of its own, by the time {@link #quiesce()}
 *       returns.</li>
 *   <li>Below zero: the true count can only go below zero when a program releases a reference
 *       it does not own and two such releases race past the runtime's freed check. The scheme
 *       then must not return {@code true} (or free) a second time; it reports the misuse with
 *       {@code context.heap().misuse(MisuseKind.OVER_RELEASE, o, what)} and throws the exception
 *       that returns. A scheme that splits counts (a biased scheme's negative shared count is
 *       normal) checks where it learns the true count, at the merge. Plain counts that cannot
 *       see the race cheaply may leave it to the runtime's freed check.</li>
 * </ul>
 */
public interface RefCounter {
    /**
     * Sets the counts of a new object to one reference, owned by the creating thread. The object
     * is not yet visible to other threads, so plain stores suffice: publishing it (a container's
     * release store, a thread start) orders them before any other thread's use. Every header
     * field the scheme relies on must be set here; a new object's are zero and {@code null},
     * except {@code owner}, which names the creating thread ({@link org.rclab.object.Header}).
     *
     * @param o the new object
     */
    void init(RcObject o);

    /**
     * Sets the counts of a new object made through its creator's attached thread handle
     * ({@link RuntimeThread#newInt(long)}): as {@link #init(RcObject)}, with the added knowledge
     * that the creating thread is attached to this runtime and not released (the handle exists
     * only between the scheme's {@link ThreadGate#attach} and {@link ThreadGate#detach}, and with
     * strict checks on the runtime refuses a handle used by any other thread, or while released,
     * before calling this). A scheme that must otherwise ask whether the creator is attached
     * (a biased scheme gives ownership only to a thread with a merge queue) may skip the
     * question here, and may read the thread's scheme state from the handle. The default is
     * {@link #init(RcObject)}: for a scheme that does not need the knowledge, nothing changes.
     *
     * @param o the new object
     * @param creator the creating thread's handle; its {@link RuntimeThread#thread()} is the
     *        calling thread unless a caller without strict checks misuses the handle
     */
    default void init(final RcObject o, final RuntimeThread creator) {
        init(o);
    }

    /**
     * Adds one reference.
     *
     * @param o a live object
     */
    void incref(RcObject o);

    /**
     * Removes one reference.
     *
     * @param o a live object
     * @return {@code true} if this call removed the last reference, and the caller must free the
     *         object; {@code false} otherwise (including when the scheme defers the decision,
     *         as a biased scheme's merge queue does, and frees later via
     *         {@link SchemeContext#free})
     * @throws org.rclab.heap.RefcountMisuseException made by the heap, if the count went below zero
     */
    boolean decref(RcObject o);

    /**
     * The true count at this moment, as far as the scheme can read it; exact when no other
     * thread is changing it and, for a scheme that defers ({@link #quiesce()}), once the
     * deferred changes are applied. Before that a deferring scheme reports the count as applied
     * so far, which may be above or below the number of references. For tests and reports:
     * nothing may decide to free from it.
     *
     * @param o an object
     * @return the count
     */
    long count(RcObject o);

    /**
     * Returns once every count change logged before this call has been applied, and every object
     * those changes took to zero has been freed (with what it held): afterwards {@link #count}
     * and the heap's accounting are exact for every object no thread is changing. "Before" means
     * made by the calling thread, or by another thread in an action that happens-before this
     * call (a thread that was joined, a hand-over through a lock or a latch). CPython's nearest
     * analogue is {@code gc.collect()}.
     *
     * <p>Only a scheme that applies changes later than the call that made them (a log applied
     * by another thread, as {@code buffered} does) has anything to do here; every other scheme
     * keeps the default, which returns at once. Harnesses call it before they judge counts, frees
     * or leaks (the conformance kit, the race suite's judges, the benchmarks' leak check, the
     * model checks, the interpreter's leak report). A misuse the scheme could only find while
     * applying changes (a release of an object already freed) is thrown from here, once, as the
     * heap's {@link org.rclab.heap.RefcountMisuseException} (it is also counted in the heap
     * when found).
     *
     * <p>Call it from any thread (attached or not, not released), outside critical sections; it
     * may block for as long as applying the pending changes takes. Changes made concurrently with
     * the call may or may not be applied.
     *
     * @throws org.rclab.heap.RefcountMisuseException the first misuse found while applying
     *         changes since the previous call
     */
    default void quiesce() {
        // Nothing is deferred: every change was applied by the call that made it.
    }

    /**
     * Adds a reference unless the object is already dying, for a reader that reached the object
     * without holding its container's lock. Only called when {@link #lockFreeReads()} is true.
     *
     * <p>Its duty: never raise a count that has reached zero (the object is being freed, and a
     * count that reached zero never rises again), and return {@code true} only after adding a
     * reference to an object that was live at that moment. It may fail spuriously; the reader
     * then takes the locked path. The container rechecks that it still holds the item after a
     * successful call, which makes the read linearizable; the object's memory cannot be reused
     * meanwhile because Java's collector never reuses a reachable object's memory (CPython needs
     * QSBR for that part).
     *
     * @param o an object that may be concurrently losing its last reference
     * @return {@code true} if a reference was added; {@code false} if the object may be dying and
     *         the caller must fall back to a locked read
     */
    default boolean tryIncref(final RcObject o) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support lock-free reads");
    }

    /**
     * Whether containers may read items without taking their lock, using
     * {@link #tryIncref(RcObject)} and a recheck.
     *
     * @return {@code false} unless the scheme implements {@link #tryIncref(RcObject)}
     */
    default boolean lockFreeReads() {
        return false;
    }
}
