package org.rclab.finegrained;

import java.util.Objects;

import org.rclab.finegrained.events.SectionResumedEvent;
import org.rclab.object.RcObject;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.SchemeContext;

/**
 * PEP 703 critical sections over per-object locks: a section locks one object, or two at once,
 * for the duration of one operation, and a thread that is about to block while inside sections
 * releases them first.
 *
 * <p><b>Nesting.</b> Each thread keeps a stack of its sections, innermost on top; sections end
 * innermost first. A section over an object that an active section of the same thread already
 * holds borrows that lock rather than deadlocking on it.
 *
 * <p><b>Two objects.</b> {@link #enter(RcObject, RcObject)} locks the object with the smaller
 * {@link RcObject#id()} first, so every thread takes any given pair in the same order. The same
 * object twice is locked once.
 *
 * <p><b>Suspension.</b> Before a thread parks on an object lock, and when it runs blocking work
 * released ({@link #suspendAll}, from a thread gate's {@code release}), it unlocks every lock its
 * active sections hold and marks them inactive. When the wait is over only the innermost section
 * is taken back ({@link #resumeInnermost}, or the lock just acquired); each outer one is retaken
 * when the section inside it ends. So a blocked thread holds, at most, the first lock of a
 * two-object section it is entering, and waits for a lock with a larger id: a cycle of waiting
 * threads would need ids to increase all the way round, which they cannot. The price is that a
 * section's view is only consistent between blocking points: code that blocks inside a section
 * must assume that another thread changed the outer sections' objects meanwhile. Blocking the
 * scheme does not see (a sleep, or I/O not run through {@code callReleased}) suspends nothing,
 * and other threads wait for the locks held across it, as they would in CPython.
 *
 * <p><b>Cost.</b> CPython keeps a thread's sections on the C stack, chained from the thread
 * state, so entering one is a push and a compare-and-set. Here: the thread's stack is found
 * through a table indexed by thread id (one load and a compare, not a {@code ThreadLocal} walk),
 * the section fills the reusable frame at its depth (no allocation) and writes its state word
 * once, and the lock is one CAS in and a release store out ({@link ObjectLock#unlock}); nothing
 * else runs unless the lock is contended or already held by the thread.
 *
 * <p>Section stacks belong to threads, not to runtimes: a thread's suspension releases every
 * section it holds, whichever instance made it. (That is also why the stack is not kept in the
 * {@link RuntimeThread}: a thread may enter sections without being attached, and a thread's
 * sections may span runtimes.) Errors: ending a section that is not the
 * innermost, ending one twice, or ending one from another thread throws
 * {@link IllegalStateException}.
 */
public final class ObjectCriticalSections implements CriticalSections {
    /** The metric prefix used when none is given: {@value}. */
    public static final String DEFAULT_METRIC_PREFIX = FineGrainedScheme.NAME;

    /** Every thread's stack; the authority, asked only when {@link #RECENT} misses. */
    private static final ThreadLocal<SectionStack> STACKS = ThreadLocal.withInitial(SectionStack::new);
    /** Slots of {@link #RECENT}, a power of two. */
    private static final int RECENT_SLOTS = 256;
    /**
     * Stacks by thread id, direct-mapped: finding the calling thread's stack is a load of its id,
     * a load of a slot and a compare, where a {@code ThreadLocal} walks its hash table through a
     * weak reference. Plain array accesses from every thread, which is safe because a stack's
     * {@code thread} is final (JLS 17.5: whoever sees a stack sees its thread) and only that
     * thread makes it: a slot that names the calling thread holds the calling thread's own
     * stack, whatever else a race lets it read. Two live threads whose ids share a slot both
     * take the slow path in turn (slower, still right); a dead thread's stack stays in its slot
     * until another thread's replaces it.
     */
    private static final SectionStack[] RECENT = new SectionStack[RECENT_SLOTS];

    private final LockMetrics metrics;
    private final LockOptions options;

    /**
     * Critical sections reporting their metrics as {@code fine-grained.*} in the context's
     * runtime.
     *
     * @param context the runtime's scheme context
     */
    public ObjectCriticalSections(final SchemeContext context) {
        this(context, DEFAULT_METRIC_PREFIX);
    }

    /**
     * Critical sections reporting their metrics under a prefix of the caller's choice, for a
     * scheme that reuses them (e.g. {@code brc.lock-parks}).
     *
     * @param context the runtime's scheme context
     * @param metricPrefix the scheme name to prefix metric names with
     */
    public ObjectCriticalSections(final SchemeContext context, final String metricPrefix) {
        this(context, metricPrefix, LockOptions.DEFAULT);
    }

    /**
     * Critical sections whose lock runs with the given options ({@code fine-grained}'s own, read
     * from its runtime's options).
     */
    ObjectCriticalSections(final SchemeContext context, final String metricPrefix, final LockOptions options) {
        this.metrics = new LockMetrics(context.metrics(), metricPrefix);
        this.options = options;
    }

    @Override
    public CriticalSection enter(final RcObject o) {
        Objects.requireNonNull(o, "o");
        return enterOrdered(o, null);
    }

    @Override
    public CriticalSection enter(final RcObject a, final RcObject b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a == b) {
            return enterOrdered(a, null);
        }
        return a.id() < b.id() ? enterOrdered(a, b) : enterOrdered(b, a);
    }

    /**
     * Releases every lock the calling thread's active sections hold and marks them inactive, as
     * before blocking (CPython's {@code _PyCriticalSection_SuspendAll}, run when a thread state
     * detaches). A thread gate calls this from {@code release}. Does nothing if no section is
     * active.
     *
     * @param thread the calling thread's handle
     * @throws IllegalStateException if {@code thread} is not the calling thread
     */
    public void suspendAll(final RuntimeThread thread) {
        requireCurrent(thread, "suspend");
        currentStack().suspendActive(metrics);
    }

    /**
     * Takes back the locks of the innermost section, if it is inactive; outer sections are
     * retaken one by one as the sections inside them end. A thread gate calls this from
     * {@code reacquire}. Does nothing if the thread has no sections or the innermost is active.
     *
     * @param thread the calling thread's handle
     * @throws IllegalStateException if {@code thread} is not the calling thread
     */
    public void resumeInnermost(final RuntimeThread thread) {
        requireCurrent(thread, "resume");
        final SectionStack stack = currentStack();
        final Section innermost = stack.top();
        if (innermost != null && !innermost.active()) {
            resume(stack, innermost);
        }
    }

    /**
     * Fails if the calling thread is inside a section made by this instance: a thread gate calls
     * this from {@code detach}, because a thread that leaves for good would never end them, and
     * their locks would stay held.
     *
     * @param thread the calling thread's handle
     * @throws IllegalStateException if a section of this instance is still open
     */
    public void requireNoOpenSections(final RuntimeThread thread) {
        requireCurrent(thread, "check");
        final SectionStack stack = currentStack();
        final int open = stack.openSectionsOf(this);
        if (open > 0) {
            throw new IllegalStateException(thread.thread().getName() + " detached inside " + open
                    + " open critical section(s); the innermost is " + stack.top());
        }
    }

    LockMetrics metrics() {
        return metrics;
    }

    LockOptions options() {
        return options;
    }

    private CriticalSection enterOrdered(final RcObject first, final RcObject second) {
        final SectionStack stack = currentStack();
        final Section section = stack.next(this, first, second);
        acquire(stack, section);
        stack.push(section);
        return section;
    }

    /** The calling thread's section stack. */
    private static SectionStack currentStack() {
        final Thread self = Thread.currentThread();
        final SectionStack recent = RECENT[(int) self.getId() & (RECENT_SLOTS - 1)];
        if (recent != null && recent.thread() == self) {
            return recent;
        }
        final SectionStack stack = STACKS.get();
        RECENT[(int) self.getId() & (RECENT_SLOTS - 1)] = stack;
        return stack;
    }

    /**
     * Takes a section's locks in order, or borrows them from active outer sections. A section
     * that borrowed a lock and then had to suspend while taking another has lost the borrowed
     * one (suspension released it); it lets go of what it owns and starts again, which happens at
     * most once: after a suspension no outer section is active, so nothing is borrowed. What it
     * owns is kept in a local and written to the frame once, with {@code ACTIVE}, at the end: the
     * frame's state is read by no one while it is being acquired (it is above its stack's depth,
     * or, when resumed, suspended, which the state it keeps until then says).
     */
    void acquire(final SectionStack stack, final Section section) {
        for (;;) {
            final long suspensionsBefore = stack.suspensions();
            int owned = 0;
            boolean borrowed = false;
            if (take(stack, section.first)) {
                owned = Section.OWNS_FIRST;
            } else {
                borrowed = true;
            }
            if (section.second != null) {
                if (take(stack, section.second)) {
                    owned |= Section.OWNS_SECOND;
                } else {
                    borrowed = true;
                }
            }
            if (!borrowed || stack.suspensions() == suspensionsBefore) {
                section.state = owned | Section.ACTIVE;
                return;
            }
            section.unlockOwned(owned);
        }
    }

    /** Locks an object, or returns {@code false} if an active section of this thread holds it. */
    private boolean take(final SectionStack stack, final RcObject o) {
        // Try the lock before scanning the stack: the uncontended case pays one CAS and nothing else.
        if (ObjectLock.tryLockFast(o)) {
            return true;
        }
        if (stack.heldByActive(o)) {
            return false;
        }
        ObjectLock.lockContended(o, stack, metrics, options);
        return true;
    }

    void end(final Section section) {
        final SectionStack stack = section.stack;
        if (Thread.currentThread() != stack.thread()) {
            throw new IllegalStateException(section + " entered by " + stack.thread().getName()
                    + " cannot be ended by " + Thread.currentThread().getName());
        }
        // Whether the section is the innermost, from the depths alone: no frame is loaded, and no
        // flag is kept per frame for "ended" (a frame at or above the depth is not open).
        final int depth = section.depth;
        if (depth != stack.depth() - 1) {
            if (depth >= stack.depth()) {
                throw new IllegalStateException(section + " ended twice");
            }
            throw new IllegalStateException("cannot end " + section + ": it is not the innermost; "
                    + stack.top() + " must end first");
        }
        stack.pop(section);
        // The frame's state is left as it is: above the depth nobody reads it, and the next
        // section at this depth writes it whole. The frame keeps pointing at its objects until a
        // later section reuses it: clearing them would cost a store (and under G1 a barrier) per
        // section, and holds nothing but memory.
        section.unlockOwned();
        if (depth > 0) {
            final Section outer = stack.top();
            if (!outer.active()) {
                // The outer section was suspended while this one ran; it is retaken only now (lazily).
                resume(stack, outer);
            }
        }
    }

    /** Takes a suspended section's locks back (a slow path: the thread blocked or parked inside it). */
    private static void resume(final SectionStack stack, final Section section) {
        final SectionResumedEvent event = new SectionResumedEvent();
        event.begin();
        section.sections.acquire(stack, section);
        event.commit();
    }

    private static void requireCurrent(final RuntimeThread thread, final String action) {
        if (thread.thread() != Thread.currentThread()) {
            throw new IllegalStateException("cannot " + action + " the critical sections of " + thread.thread().getName()
                    + " from " + Thread.currentThread().getName());
        }
    }
}
