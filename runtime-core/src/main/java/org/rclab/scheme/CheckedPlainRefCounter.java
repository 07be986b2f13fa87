package org.rclab.scheme;

import org.rclab.object.RcObject;

/**
 * Plain counts for a scheme whose lock makes plain counts safe (a GIL), each change preceded by a
 * check that the calling thread holds that lock ({@link HeldCheck}): the strict-checks counter of
 * such a scheme. A thread that changes counts without holding the lock (not attached, or inside
 * released blocking work) then fails with the scheme's own error instead of silently losing a
 * count. Reading a count is not checked: it changes nothing.
 *
 * <p>With strict checks off ({@link SchemeContext#strictChecks()}), a scheme uses
 * {@link PlainRefCounter} itself, so benchmarks measure the lock and not the check.
 */
public final class CheckedPlainRefCounter implements RefCounter {
    private final HeldCheck lock;
    private final PlainRefCounter plain = new PlainRefCounter();

    /**
     * Makes the counter.
     *
     * @param lock the check run before every change
     */
    public CheckedPlainRefCounter(final HeldCheck lock) {
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
