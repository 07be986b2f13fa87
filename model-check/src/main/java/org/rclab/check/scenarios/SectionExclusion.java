package org.rclab.check.scenarios;

import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;

/**
 * The lock a scheme gives one object, on its own: two threads each do a plain read-modify-write
 * of a Java field inside a critical section on one list (two, not three: with three the
 * negative control's lost update lies beyond the quick budget). Under {@code fine-grained} and {@code brc}
 * that is the per-object lock word and its parking lot (a contended thread spins, then parks; the
 * unlock wakes it or hands it the lock); under {@code gil} the sections are empty and the GIL
 * itself excludes. A lost update means two threads were inside at once; a wake-up lost by the
 * parking lot leaves a thread parked forever, which the model checker reports as a deadlock.
 */
public final class SectionExclusion implements Scenario {
    private static final int THREADS = 2;

    @Override
    public String name() {
        return "section-exclusion";
    }

    @Override
    public String property() {
        return "2 threads × one read-modify-write inside a critical section on one object: "
                + "no update lost (mutual exclusion), every thread gets in (no lost wake-up)";
    }

    @Override
    public boolean unsafeMustFail() {
        return true;
    }

    @Override
    public void run(final RcRuntime rt) {
        final Box box = new Box();
        try (RuntimeThread main = rt.attach()) {
            final RcList list = rt.newList();
            final Actors actors = new Actors(rt);
            for (int i = 0; i < THREADS; i++) {
                actors.start(t -> {
                    try (CriticalSection section = rt.enter(list)) {
                        box.value = box.value + 1;
                    }
                });
            }
            actors.joinReleased(main);
            rt.decref(list);
        }
        if (box.value != THREADS) {
            throw new AssertionError("lost update inside a critical section: " + box.value
                    + " of " + THREADS + " increments");
        }
    }

    /** A plain field: only a lock makes its increments exact. */
    private static final class Box {
        int value;
    }
}
