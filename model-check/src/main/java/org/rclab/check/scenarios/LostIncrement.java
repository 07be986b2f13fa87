package org.rclab.check.scenarios;

import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * Two threads that do not own an object incref it once each: the smallest race on a count, and
 * the negative control's clearest counterexample (two reads of the same count, two writes of the
 * same successor).
 */
public final class LostIncrement implements Scenario {
    @Override
    public String name() {
        return "incref-incref";
    }

    @Override
    public String property() {
        return "non-owner incref ∥ non-owner incref: no increment is lost";
    }

    @Override
    public boolean unsafeMustFail() {
        return true;
    }

    @Override
    public void run(final RcRuntime rt) {
        final RcStr o;
        try (RuntimeThread owner = rt.attach()) {
            o = rt.newStr("o");
            new Actors(rt)
                    .start(a -> rt.incref(o))
                    .start(b -> rt.incref(o))
                    .joinReleased(owner);
            owner.checkpoint();
            Expect.count(rt, o, 3, "after both increfs");
        }
    }
}
