package org.rclab.stress.scenarios;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/*
 * Scenario 1: two threads add references to one object at the same time.
 *
 * With a plain read-modify-write both threads can read the same count and both write it plus
 * one: one increment is lost. The count is then lower than the number of references, so the
 * object is freed while a reference still exists (the crash case). Each actor adds a burst of
 * increments so that the two bursts overlap even though they start one cache-line transfer
 * apart. Afterwards actor A compares the count with the references it knows exist, then releases
 * all of them and watches when the object is freed.
 */
@JCStressTest
@Scenario(value = "01-incref-incref", paths = "handovers", controlFails = true)
@Description("incref || incref on one shared object: no increment may be lost")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: every increment counted; freed when its last reference was released")
@Outcome(id = "[1-9][0-9]*, [0-9]", expect = Expect.FORBIDDEN,
        desc = "loses-counts: lost increment (r1 = how many): the count is short, the object is freed while still referenced")
@Outcome(id = "-[0-9]+, [0-9]", expect = Expect.FORBIDDEN,
        desc = "leaks: the count is higher than the references (r1 = -excess), the object is never freed")
@Outcome(id = "0, 1", expect = Expect.FORBIDDEN,
        desc = "use-after-free: the count looked exact but the object was freed before its last reference was released")
@Outcome(id = "0, 2", expect = Expect.FORBIDDEN,
        desc = "leaks: the count looked exact but the object was not freed when its last reference was released")
@State
public class IncrefIncref {
    /** Increments each actor makes per sample. */
    static final int BURST = 128;

    private static final ActorRuntime RT = ActorRuntime.checked(IncrefIncref.class);

    private final Rendezvous meet = new Rendezvous();
    private RcObject shared;

    /**
     * Actor A: makes the object, adds its burst of references, then judges.
     *
     * @param r r1 = increments lost, r2 = the object's {@link Fate} when every reference was released
     */
    @Actor
    public void owner(final II_Result r) {
        final RcRuntime rt = RT.runtime();
        try (ActorRuntime.Turn turn = RT.turn()) {
            shared = rt.newStr("shared");
        }
        meet.meetA(1);
        try (ActorRuntime.Turn turn = RT.turn()) {
            for (int i = 0; i < BURST; i++) {
                rt.incref(shared);
            }
        }
        meet.awaitFinish();
        try (ActorRuntime.Turn turn = RT.turn()) {
            Fate.judgeCount(turn, rt, shared, 1 + 2L * BURST, r);
            shared = null;
        }
    }

    /** Actor B: adds its burst of references to the object A made. */
    @Actor
    public void other() {
        meet.meetB(1);
        final RcRuntime rt = RT.runtime();
        try (ActorRuntime.Turn turn = RT.turn()) {
            for (int i = 0; i < BURST; i++) {
                rt.incref(shared);
            }
        }
        meet.finish();
    }
}
