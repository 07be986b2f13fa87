package org.rclab.check.scenarios;

import java.util.Map;
import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.TimedWaits;

/**
 * The GIL's take, drop and forced switch, on their own: a thread that stays in the runtime,
 * doing a read-modify-write of a plain field in a critical section between checkpoints, must let
 * a thread that attaches in (progress), and the attaching thread's own read-modify-write, in a
 * section on the same object, must not land between the holder's read and write (mutual
 * exclusion). The holder loops until the attached thread has said it is in.
 *
 * <p>Under a GIL the sections are empty and the lock excludes: the attaching thread gets the
 * lock only if its timed wait asks for a drop and the holder's checkpoint then drops with a
 * forced switch (the holder waits until the other thread holds it). A lost request, or a dropper
 * that takes the lock straight back, leaves the holder looping forever: the model checker
 * reports that as a livelock. A GIL that let the attaching thread in anywhere but at a
 * checkpoint loses an update. Schemes without a global lock let the thread in at once; their
 * per-object lock excludes, and their checkpoints do other work ({@code brc} merges);
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
        return "a holder doing read-modify-writes in a critical section between checkpoints ∥ a thread attaching "
                + "and doing one in a section on the same object: the attaching thread gets in (under a GIL: drop "
                + "request, drop, forced switch), no update is lost, and the holder gets back";
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
        final RcList guard;
        try (RuntimeThread main = rt.attach()) {
            guard = rt.newList();
            // Both threads are fresh ones: a hung invocation then leaves no attachment on the
            // model checker's own thread, and Lincheck can replay the hang with its interleaving.
            new Actors(rt).start(holder -> {
                while (!shared.waiterIn) {
                    try (CriticalSection section = rt.enter(guard)) {
                        shared.updates = shared.updates + 1;
                    }
                    shared.holderUpdates++;
                    holder.checkpoint();
                }
            }).start(waiter -> {
                try (CriticalSection section = rt.enter(guard)) {
                    shared.updates = shared.updates + 1;
                }
                shared.waiterIn = true;
            }).joinReleased(main);
            rt.decref(guard);
        }
        if (shared.updates != shared.holderUpdates + 1) {
            throw new AssertionError("lost update: " + shared.updates + " after " + shared.holderUpdates
                    + " by the holder and 1 by the attaching thread, which ran inside the holder's critical section");
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
