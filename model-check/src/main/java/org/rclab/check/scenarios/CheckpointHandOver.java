package org.rclab.check.scenarios;

import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * A thread that stays in the runtime, passing checkpoints, must let a waiting thread in. The
 * owner spins on checkpoints until the actor has attached and said so; under {@code gil} the actor
 * can only get the lock if its timed wait asks for a drop and the holder's checkpoint then drops
 * with a forced switch (the holder waits until the actor holds it). Lost requests or a dropper
 * that takes the lock straight back leave the owner spinning forever: the model checker reports
 * that as a livelock. Schemes without a global lock pass trivially.
 *
 * <p>Real time: the GIL's waiter asks for a drop only after a timed wait of one switch interval
 * times out, and Lincheck 3.7 never lets a timed wait time out (it has no clock, and it ends a
 * park only with an unpark). Under {@code gil} the holder then spins on checkpoints with no
 * request to act on, which Lincheck reports as a hang: the cell is {@code undecided}, see
 * {@link #progressNeedsTimeout()}. The forced switch is taken in the real warm-up run that
 * precedes each exploration, and in the jcstress suite.
 */
public final class CheckpointHandOver implements Scenario {
    @Override
    public String name() {
        return "checkpoint-handover";
    }

    @Override
    public String property() {
        return "a holder spinning on checkpoints ∥ a thread attaching: the attaching thread gets in "
                + "(drop request, drop, forced switch), the holder gets back";
    }

    @Override
    public boolean unsafeMustFail() {
        return false;
    }

    @Override
    public boolean progressNeedsTimeout() {
        return true;
    }

    @Override
    public void run(final RcRuntime rt) {
        final Flag flag = new Flag();
        try (RuntimeThread holder = rt.attach()) {
            final Actors actors = new Actors(rt).start(waiter -> flag.set = true);
            while (!flag.set) {
                holder.checkpoint();
            }
            actors.joinReleased(holder);
        }
    }

    /** Written by the waiter once it is in the runtime; volatile so the holder's loop sees it. */
    private static final class Flag {
        volatile boolean set;
    }
}
