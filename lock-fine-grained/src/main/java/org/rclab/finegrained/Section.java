package org.rclab.finegrained;

import org.rclab.object.RcObject;
import org.rclab.scheme.CriticalSection;

/**
 * One entered critical section over one object ({@code second == null}) or two (ordered by id:
 * {@code first} has the smaller). A section may <em>borrow</em> a lock an active outer section
 * of the same thread already holds, instead of taking it again; then it does not own that lock
 * and does not release it. After a suspension a section owns nothing until it is resumed, and
 * then it takes (and owns) all its locks itself.
 */
final class Section implements CriticalSection {
    final ObjectCriticalSections sections;
    final SectionStack stack;
    final Section outer;
    final RcObject first;
    final RcObject second;
    boolean ownsFirst;
    boolean ownsSecond;
    boolean active;
    boolean ended;

    Section(final ObjectCriticalSections sections, final SectionStack stack, final RcObject first,
            final RcObject second) {
        this.sections = sections;
        this.stack = stack;
        this.outer = stack.top();
        this.first = first;
        this.second = second;
    }

    /** Unlocks the locks this section took itself; borrowed ones stay with their owner. */
    void releaseOwned() {
        if (ownsSecond) {
            ownsSecond = false;
            ObjectLock.unlock(second, sections.metrics(), sections.options());
        }
        if (ownsFirst) {
            ownsFirst = false;
            ObjectLock.unlock(first, sections.metrics(), sections.options());
        }
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
