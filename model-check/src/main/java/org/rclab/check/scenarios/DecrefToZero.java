package org.rclab.check.scenarios;

import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * Three references held by the owner and two other threads, all released at once: the object
 * must be freed exactly once (never twice, never left live). Under {@code brc} the owner's release
 * takes {@code local} to zero and merges, and a non-owner's release of a zero shared count queues
 * the object to the owner, whose checkpoint after the join drains the queue.
 */
public final class DecrefToZero implements Scenario {
    @Override
    public String name() {
        return "decref-to-zero";
    }

    @Override
    public String property() {
        return "owner decref ∥ non-owner decref ∥ non-owner decref of the last three references, "
                + "then the owner's checkpoint: freed exactly once";
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
            rt.incref(o);
            rt.incref(o);
            final Actors actors = new Actors(rt)
                    .start(a -> rt.decref(o))
                    .start(b -> rt.decref(o));
            rt.decref(o);
            actors.joinReleased(owner);
            owner.checkpoint();
        }
        Expect.freed(o, "after all three references were released");
    }
}
