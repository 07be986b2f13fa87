package org.rclab.gil;

import org.rclab.object.Header;
import org.rclab.object.RcObject;
import org.rclab.scheme.RefCounter;

/**
 * Counts under the GIL without strict checks: plain reads and writes of the header's local
 * count, the same instructions as the {@code unsafe} control. Exact because only the thread
 * holding the GIL calls these, and taking and dropping the lock (mutex acquire and release)
 * orders one holder's plain writes before the next holder's reads.
 */
final class PlainCounts implements RefCounter {
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
        // Opaque: a reader that does not hold the GIL (a test after joining, a report) still
        // gets a fresh value rather than one the JIT cached.
        return Header.localOpaque(o);
    }
}
