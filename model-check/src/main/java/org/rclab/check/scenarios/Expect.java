package org.rclab.check.scenarios;

import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/**
 * The checks the scenarios make once their threads are joined; each throws {@link AssertionError}.
 *
 * <p>Both first wait for the runtime to quiesce ({@link RcRuntime#quiesce()}), so a scheme that
 * applies count changes late is judged on its settled counts.
 *
 * <p>"Freed exactly once" is checked per object: a leak leaves it unfreed, and a second free
 * throws {@link org.rclab.heap.RefcountMisuseException} in the thread that tries it (the runtime
 * catches it with a compare-and-set even when two threads race), which the join rethrows. The
 * heap's totals are not read inside an invocation: summing its per-thread slots is a loop longer
 * than the model checker's loop bound, which it would report as a livelock.
 */
final class Expect {
    private Expect() {
    }

    /**
     * The object's true count is as expected.
     *
     * @param rt the runtime
     * @param o the object
     * @param expected the count every interleaving must leave
     * @param when when the count is read, for the message
     */
    static void count(final RcRuntime rt, final RcObject o, final long expected, final String when) {
        rt.quiesce();
        final long actual = rt.refcount(o);
        if (actual != expected) {
            throw new AssertionError((actual < expected ? "lost count" : "extra count") + ": "
                    + o.describe() + " has true count " + actual + " " + when + ", expected " + expected);
        }
    }

    /**
     * The object has been freed.
     *
     * @param o the object
     * @param what why it must be, for the message
     */
    static void freed(final RcObject o, final String what) {
        o.runtime().quiesce();
        if (!o.isFreed()) {
            throw new AssertionError("leak: " + o.describe() + " is not freed " + what);
        }
    }
}
