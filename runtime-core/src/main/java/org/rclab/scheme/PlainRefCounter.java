package org.rclab.scheme;

import org.rclab.object.Header;
import org.rclab.object.RcObject;

/**
 * Counts as plain reads and writes of the header's {@code local} field: no atomic instruction,
 * no fence. Exact only while one thread at a time changes counts: alone, or under a lock whose
 * acquire and release order one holder's writes before the next holder's reads (a GIL). Under
 * threads that do not exclude each other it loses updates, which is what the {@code unsafe}
 * control exists to show.
 */
public final class PlainRefCounter implements RefCounter {
    /** Makes the counter; it has no state of its own. */
    public PlainRefCounter() {
        // Every count lives in the objects' headers.
    }

    @Override
    public void init(final RcObject o) {
        Header.setLocalPlain(o, 1);
    }

    @Override
    public void incref(final RcObject o) {
        Header.setLocalPlain(o, Header.localPlain(o) + 1);
    }

    @Override
    public boolean decref(final RcObject o) {
        final int count = Header.localPlain(o) - 1;
        Header.setLocalPlain(o, count);
        return count == 0;
    }

    @Override
    public long count(final RcObject o) {
        // Opaque: a thread that only observes (a test after joining, a report) reads a fresh
        // value rather than one the JIT kept in a register.
        return Header.localOpaque(o);
    }
}
