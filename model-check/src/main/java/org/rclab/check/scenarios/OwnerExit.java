package org.rclab.check.scenarios;

import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The owner releases its reference and exits (detaches) while another thread releases the last
 * one. Under {@code brc} the non-owner's release may queue the object to an owner that is about to
 * exit (its exit drains the queue) or has exited (the releaser merges the object itself): either
 * way the object is freed exactly once.
 */
public final class OwnerExit implements Scenario {
    @Override
    public String name() {
        return "owner-exit";
    }

    @Override
    public String property() {
        return "owner decref and exit ∥ non-owner decref of the last reference: freed exactly once";
    }

    @Override
    public boolean unsafeMustFail() {
        return true;
    }

    @Override
    public void run(final RcRuntime rt) {
        final RcStr o;
        final Actors actors = new Actors(rt);
        try (RuntimeThread owner = rt.attach()) {
            o = rt.newStr("o");
            rt.incref(o);
            actors.start(a -> rt.decref(o));
            rt.decref(o);
        }                                   // the owner exits while the actor may still run
        actors.join();
        Expect.freed(o, "after both references were released");
    }
}
