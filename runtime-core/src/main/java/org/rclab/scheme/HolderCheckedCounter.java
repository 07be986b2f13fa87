package org.rclab.scheme;

import org.rclab.object.RcObject;

/**
 * Plain counts for a scheme with one lock that a thread must hold to touch objects (a GIL), each
 * change preceded by a check that the calling thread holds it. A thread that touches objects
 * without attaching, or from inside released work, then fails with the lock's own error instead
 * of silently losing a count. Use it when {@link SchemeContext#strictChecks()} is on, and a bare
 * {@link PlainRefCounter} when it is off. Reading a count is not checked: it changes nothing.
 */
public final class HolderCheckedCounter implements RefCounter {
    /** The lock whose holder may change counts. */
    public interface Lock {
        /**
         * Whether the calling thread holds the lock; called before every count change, so it
         * must be cheap (a load and a compare).
         *
         * @return {@code true} if it does
         */
        boolean heldByCurrentThread();

        /**
         * The error for a thread that does not hold the lock.
         *
         * @param action what the thread tried, e.g. {@code "incref int object #17"}
         * @return the exception to throw
         */
        RuntimeException notHeld(String action);
    }

    private final Lock lock;
    private final PlainRefCounter plain = new PlainRefCounter();

    /**
     * Makes the counter.
     *
     * @param lock the lock to check
     */
    public HolderCheckedCounter(final Lock lock) {
        this.lock = lock;
    }

    @Override
    public void init(final RcObject o) {
        check("allocate", o);
        plain.init(o);
    }

    @Override
    public void incref(final RcObject o) {
        check("incref", o);
        plain.incref(o);
    }

    @Override
    public boolean decref(final RcObject o) {
        check("decref", o);
        return plain.decref(o);
    }

    @Override
    public long count(final RcObject o) {
        return plain.count(o);
    }

    private void check(final String verb, final RcObject o) {
        if (!lock.heldByCurrentThread()) {
            throw lock.notHeld(verb + " " + o.describe());
        }
    }
}
