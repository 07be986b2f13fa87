package org.rclab.check.scenarios;

import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * Increfs and decrefs on one object by its owner and two other threads; the true count after.
 *
 * <p>The calling thread creates the object (so under {@code brc} it is the owner, counting on
 * {@code local}) and hands one of its two references to B. A increfs twice (a non-owner:
 * {@code shared} goes up); B releases the reference it was given (a non-owner decref: under
 * {@code brc}, if A's increfs have not happened yet the shared count is zero and the object is
 * queued to the owner); the owner increfs and decrefs. After the join the owner passes a
 * checkpoint, which drains its merge queue. The true count must then be 1 + 1 (the owner's two)
 * + 2 (A) − 1 (B) = 3, and the owner's exit (detach) must leave it 3.
 *
 * <p>Why A increfs twice: Lincheck tries every one-switch interleaving first, and the one-switch
 * loss here is the owner's read-modify-write interrupted while A and then B run to their end.
 * With one incref by A that loses +1 and −1, which cancel and leave the count right; for
 * {@code unsafe} the loss then took two switches, found by random sampling after 77
 * interleavings. With two increfs the same schedule loses +2 − 1 and shows (13 interleavings).
 */
public final class TrueCount implements Scenario {
    @Override
    public String name() {
        return "true-count";
    }

    @Override
    public String property() {
        return "owner incref+decref ∥ non-owner incref×2 ∥ non-owner decref (queue path), then the "
                + "owner's checkpoint and exit: the true count is exact";
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
            rt.incref(o);                       // the reference B will release
            final Actors actors = new Actors(rt)
                    .start(a -> {
                        rt.incref(o);
                        rt.incref(o);
                    })
                    .start(b -> rt.decref(o));
            rt.incref(o);
            rt.decref(o);
            actors.joinReleased(owner);
            owner.checkpoint();                 // brc: merge what B queued
            Expect.count(rt, o, 3, "after the owner's checkpoint");
        }                                       // the owner's exit
        Expect.count(rt, o, 3, "after the owner's exit");
    }
}
