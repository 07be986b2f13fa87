package org.rclab.check.scenarios;

import java.util.Map;
import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.TimedWaits;

/**
 * The GIL's take, drop and forced switch, on their own: a thread that stays in the runtime,
 * doing a plain read-modify-write of a shared field between checkpoints, must let a thread that
 * attaches in (progress), and the attaching thread's own read-modify-write must not land between
 * the holder's read and write (mutual exclusion: a thread may lose the lock only at a
 * checkpoint). The holder loops until the attached thread has said it is in.
 *
 * <p>Under {@code gil} the attaching thread gets the lock only if its timed wait asks for a drop
 * and the holder's checkpoint then drops with a forced switch (the holder waits until the other
 * thread holds it). A lost request, or a dropper that takes the lock straight back, leaves the
 * holder looping forever: the model checker reports that as a livelock. A lock that lets the
 * attaching thread in anywhere but at a checkpoint loses an update. Schemes without a global
 * lock let the thread in at once, and their checkpoints do other work ({@code brc} merges);
 * {@code unsafe} must lose the update.
 *
 * <p>Real time: the waiter asks for a drop only after a timed wait of one switch interval, and
 * Lincheck never lets a timed wait time out. So the scenario gives every scheme
 * {@link TimedWaits#OPTION}{@code =expired}: a scheme that declares it lets each such wait time
 * out at once, and the checker chooses how much the holder runs before the waiter's turn, which
 * is "the interval elapsed at some point". A scheme with a switch interval that does not declare
 * it hangs in the model for want of a clock: that cell is {@code undecided}, see
 * {@link #progressNeedsTimeout()}.
 */
public final class CheckpointHandOver implements Scenario {
    @Override
    public String name() {
        return "checkpoint-handover";
    }

    @Override
    public String property() {
        return "a holder doing read-modify-writes between checkpoints ∥ a thread attaching and doing one: the "
                + "attaching thread gets in (drop request, drop, forced switch), only at a checkpoint (no update "
                + "lost), and the holder gets back";
    }

    @Override
    public boolean unsafeMustFail() {
        return true;
    }

    @Override
    public boolean progressNeedsTimeout() {
        return true;
    }

    @Override
    public Map<String, String> options() {
        return Map.of(TimedWaits.OPTION, TimedWaits.EXPIRED.word());
    }

    @Override
    public void run(final RcRuntime rt) {
        final Shared shared = new Shared();
        // Both threads are fresh ones: a hung invocation then leaves no attachment on the
        // model checker's own thread, and Lincheck can replay the hang with its interleaving.
        new Actors(rt).start(holder -> {
            while (!shared.waiterIn) {
                shared.updates = shared.updates + 1;
                shared.holderUpdates++;
                holder.checkpoint();
            }
        }).start(waiter -> {
            shared.updates = shared.updates + 1;
            shared.waiterIn = true;
        }).join();
        if (shared.updates != shared.holderUpdates + 1) {
            throw new AssertionError("lost update: " + shared.updates + " after " + shared.holderUpdates
                    + " by the holder and 1 by the attaching thread, which ran between the holder's read and write");
        }
    }

    /** What the two threads share. */
    private static final class Shared {
        /** Plain: only the lock keeps the two threads' read-modify-writes apart. */
        int updates;
        /** The holder's own count of its updates; read after the join. */
        int holderUpdates;
        /** Written by the waiter once it is in the runtime; volatile so the holder's loop sees it. */
        volatile boolean waiterIn;
    }
}
