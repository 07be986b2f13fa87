package org.rclab.gil;

import org.rclab.object.RcObject;
import org.rclab.scheme.PlainRefCounter;
import org.rclab.scheme.RefCounter;

/**
 * Counts under the GIL with strict checks: the same plain updates as {@link PlainRefCounter}, each
 * preceded by a check that the calling thread holds the GIL (one opaque load and a compare), so
 * a thread that touches objects without attaching, or from inside released work, fails with
 * {@link GilNotHeldException} instead of silently losing a count. Reading a count is not
 * checked: it changes nothing.
 */
final class CheckedCounts implements RefCounter {
    private final GlobalInterpreterLock lock;
    private final PlainRefCounter plain = new PlainRefCounter();

    CheckedCounts(final GlobalInterpreterLock lock) {
        this.lock = lock;
    }

    @Override
    public void init(final RcObject o) {
        if (!lock.heldByCurrentThread()) {
            throw lock.notHeld("allocate " + o.describe());
        }
        plain.init(o);
    }

    @Override
    public void incref(final RcObject o) {
        if (!lock.heldByCurrentThread()) {
            throw lock.notHeld("incref " + o.describe());
        }
        plain.incref(o);
    }

    @Override
    public boolean decref(final RcObject o) {
        if (!lock.heldByCurrentThread()) {
            throw lock.notHeld("decref " + o.describe());
        }
        return plain.decref(o);
    }

    @Override
    public long count(final RcObject o) {
        return plain.count(o);
    }
}
