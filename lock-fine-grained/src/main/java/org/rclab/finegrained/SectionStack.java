package org.rclab.finegrained;

import java.util.Arrays;

import org.rclab.finegrained.events.SectionsSuspendedEvent;
import org.rclab.object.RcObject;

/**
 * One thread's critical sections, innermost on top (CPython keeps the same chain in the thread
 * state). Used only by its own thread, so its fields are plain.
 *
 * <p>The sections are reusable frames indexed by depth ({@link Section}): entering a section
 * fills the frame above the innermost open one, made the first time that depth is reached, so
 * the steady state allocates nothing.
 *
 * <p>Invariant: the active sections form an unbroken run from the top down. Suspension
 * deactivates every section, resumption reactivates only the top one, and a new section is
 * active when pushed; so below an inactive section every section is inactive.
 */
final class SectionStack extends SectionStackFields {
    /** Frames made when a thread's stack is made; deeper nesting grows the array. */
    private static final int INITIAL_FRAMES = 4;

    // Padding after the fields, as in Section: the depth is written at every section, and a
    // garbage collection may copy another thread's stack next to this one.
    @SuppressWarnings("unused")
    private long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    SectionStack() {
        frames = new Section[INITIAL_FRAMES];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new Section(this, i);
        }
    }

    Thread thread() {
        return thread;
    }

    /** How many sections are open: the frames below this index. */
    int depth() {
        return depth;
    }

    /** The innermost open section, or {@code null}. */
    Section top() {
        return depth == 0 ? null : frames[depth - 1];
    }

    /**
     * The frame the next section will use, opened over its objects but not yet pushed: while its
     * locks are taken (which may suspend the open sections) it is not part of the stack.
     */
    Section next(final ObjectCriticalSections sections, final RcObject first, final RcObject second) {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
            for (int i = depth; i < frames.length; i++) {
                frames[i] = new Section(this, i);
            }
        }
        final Section frame = frames[depth];
        frame.open(sections, first, second);
        return frame;
    }

    /** Makes the frame {@link #next} returned the innermost open section. */
    void push(final Section section) {
        depth = section.depth + 1;
    }

    /** Ends the innermost section. */
    void pop(final Section section) {
        depth = section.depth;
    }

    /**
     * How many times this thread has suspended its sections; a section that borrowed a lock from
     * an outer one compares it before and after taking its own locks.
     *
     * @return the suspension count
     */
    long suspensions() {
        return suspensions;
    }

    /**
     * Whether an active section of this thread has the object locked, so that a new section over
     * it can borrow the lock instead of deadlocking on a lock its own thread holds.
     *
     * @param o the object
     * @return {@code true} if an active section covers it
     */
    boolean heldByActive(final RcObject o) {
        for (int i = depth - 1; i >= 0 && frames[i].active(); i--) {
            final Section s = frames[i];
            if (s.first == o || s.second == o) {
                return true;
            }
        }
        return false;
    }

    /**
     * Counts the open sections a set of critical sections made.
     *
     * @param sections the instance
     * @return how many of the open sections it made
     */
    int openSectionsOf(final ObjectCriticalSections sections) {
        int open = 0;
        for (int i = 0; i < depth; i++) {
            if (frames[i].sections == sections) {
                open++;
            }
        }
        return open;
    }

    /**
     * Releases the locks of every active section and marks them inactive: the thread is about
     * to block.
     *
     * @param metrics where the suspension is counted
     * @return {@code true} if there was anything to release
     */
    boolean suspendActive(final LockMetrics metrics) {
        if (depth == 0 || !frames[depth - 1].active()) {
            return false;
        }
        int suspended = 0;
        for (int i = depth - 1; i >= 0 && frames[i].active(); i--) {
            frames[i].suspend();
            suspended++;
        }
        suspensions++;
        metrics.suspensions.increment();
        SectionsSuspendedEvent.emit(suspended);
        return true;
    }
}

/** 128 bytes before a {@link SectionStack}'s fields. */
abstract class SectionStackPadBefore {
    // The header is 12 bytes (compressed class pointers) and the first long starts at 16: since
    // JDK 15 HotSpot would put a subclass's 4-byte field (an int, a compressed reference) into
    // bytes 12-15, next to the object before, outside the padding. This int takes the gap.
    @SuppressWarnings("unused")
    private int headerGap;
    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

/** A {@link SectionStack}'s state, between its paddings; used only by its thread. */
abstract class SectionStackFields extends SectionStackPadBefore {
    final Thread thread = Thread.currentThread();
    Section[] frames;
    /** How many sections are open: {@code frames[depth - 1]} is the innermost. */
    int depth;
    long suspensions;
}
