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
 * times out. The model checker does not advance a clock; it treats a timed wait as one that may
 * time out whenever the waiter is scheduled, so the interleavings where the interval runs out
 * before, during or after the holder's checkpoints are all among those it explores.
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
