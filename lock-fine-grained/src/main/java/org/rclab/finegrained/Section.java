package org.rclab.finegrained;

import org.rclab.object.RcObject;
import org.rclab.scheme.CriticalSection;

/**
 * One frame of a thread's {@link SectionStack}: the section entered at one nesting depth, over
 * one object ({@code second == null}) or two (ordered by id: {@code first} has the smaller). A
 * section may <em>borrow</em> a lock an active outer section of the same thread already holds,
 * instead of taking it again; then it does not own that lock and does not release it. After a
 * suspension a section owns nothing until it is resumed, and then it takes (and owns) all its
 * locks itself.
 *
 * <p>Frames are made once per depth and reused by every later section at that depth (CPython
 * keeps its sections on the C stack for the same reason: entering one allocates nothing). The
 * frame is the handle {@link ObjectCriticalSections#enter} returns, so a handle is good until its
 * section ends: a frame is open while its depth is below its stack's, so ending it again is
 * reported ("ended twice") while no later section has reused the frame; once one has, the stale
 * handle names that later section.
 */
final class Section extends SectionFields implements CriticalSection {
    // Padding after the fields; the padding before them is in SectionPadBefore (HotSpot lays a
    // superclass's fields out before a subclass's). A frame's state is written at every section,
    // and a garbage collection may copy another thread's frames next to this one: 128 bytes on
    // each side (two lines, Intel's prefetched pair) keep the two threads' writes apart.
    @SuppressWarnings("unused")
    private long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    Section(final SectionStack stack, final int depth) {
        super(stack, depth);
    }

    /**
     * Makes this frame the section over {@code first} (and {@code second}), not yet holding any
     * lock. A reference field is written only when it changes: the frame is long-lived, and G1's
     * write barrier makes a store of a reference into an old object pay a full fence when the two
     * lie in different regions; a thread that keeps entering sections over the same object
     * (a loop appending to one list) then stores nothing here. {@link #state} is not written:
     * until the frame is pushed nobody reads it, and the acquisition writes it whole.
     */
    void open(final ObjectCriticalSections owner, final RcObject a, final RcObject b) {
        if (sections != owner) {
            sections = owner;
        }
        if (first != a) {
            first = a;
        }
        if (second != b) {
            second = b;
        }
    }

    /** Whether this section holds (or borrows) its locks, as opposed to suspended. */
    boolean active() {
        return (state & ACTIVE) != 0;
    }

    /**
     * Unlocks the locks this section took itself (borrowed ones stay with their owner), without
     * writing {@link #state}: the caller either pops the frame (an ended frame's state is never
     * read again; the next section at this depth overwrites it) or suspends it.
     */
    void unlockOwned() {
        unlockOwned(state);
    }

    /**
     * Unlocks the locks named by {@code owned} ({@link #OWNS_FIRST}, {@link #OWNS_SECOND}),
     * the second first: the reverse of the order they were taken in.
     */
    void unlockOwned(final int owned) {
        if ((owned & OWNS_SECOND) != 0) {
            ObjectLock.unlock(second, sections.metrics(), sections.options());
        }
        if ((owned & OWNS_FIRST) != 0) {
            ObjectLock.unlock(first, sections.metrics(), sections.options());
        }
    }

    /** Unlocks what this section owns and marks it suspended: it holds nothing until resumed. */
    void suspend() {
        unlockOwned();
        state = 0;
    }

    @Override
    public void close() {
        sections.end(this);
    }

    @Override
    public String toString() {
        return "critical section over " + first.describe() + (second == null ? "" : " and " + second.describe());
    }
}

/** 128 bytes before a {@link Section}'s fields. */
abstract class SectionPadBefore {
    // The header is 12 bytes (compressed class pointers) and the first long starts at 16: since
    // JDK 15 HotSpot would put a subclass's 4-byte field (an int, a compressed reference) into
    // bytes 12-15, next to the object before, outside the padding. This int takes the gap.
    @SuppressWarnings("unused")
    private int headerGap;
    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

/** A {@link Section}'s state, between its paddings. */
abstract class SectionFields extends SectionPadBefore {
    /** {@link #state} bit: the section locked {@code first} itself (did not borrow it). */
    static final int OWNS_FIRST = 1;
    /** {@link #state} bit: the section locked {@code second} itself. */
    static final int OWNS_SECOND = 2;
    /** {@link #state} bit: the section holds its locks (is not suspended). */
    static final int ACTIVE = 4;

    final SectionStack stack;
    /** This frame's index in its stack: the number of sections open outside it. */
    final int depth;
    ObjectCriticalSections sections;
    RcObject first;
    RcObject second;
    /**
     * {@link #OWNS_FIRST}, {@link #OWNS_SECOND}, {@link #ACTIVE}: one field, so entering a
     * section writes its bookkeeping with one store (and ending it with none). Meaningful only
     * while the frame is pushed; a frame above its stack's depth is not open.
     */
    int state;

    SectionFields(final SectionStack stack, final int depth) {
        this.stack = stack;
        this.depth = depth;
    }
}
