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
 * Scenario 10 (a demonstration of misuse): a thread touches counts while it has released the
 * runtime, next to a thread that holds it.
 *
 * Code running released (CPython's Py_BEGIN_ALLOW_THREADS, for blocking work) must not touch
 * objects. Under a GIL, counts are plain integers that are safe only because one thread at a
 * time holds the lock; a released thread that increments anyway races the holder and loses
 * increments. A scheme whose counts are atomic or biased survives the same misuse. The test runs
 * for every scheme, so the table shows which schemes depend on the rule; it never counts
 * against a scheme. The runtime's strict checks are off here, as in a release build: with them
 * on, a scheme may refuse the touch before it can race.
 */
@JCStressTest
@Scenario(value = "10-released-touch", demonstration = true)
@Description("demonstration: a released thread touches counts || a thread holding the runtime does too")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: no increment lost; this scheme's counts survive a released thread's touch")
@Outcome(id = "[1-9][0-9]*, [0-9]", expect = Expect.FORBIDDEN,
        desc = "loses-counts: the released thread's increments raced the holder's and were lost (r1 = how many): the rule shown")
@Outcome(id = "-[0-9]+, [0-9]", expect = Expect.FORBIDDEN,
        desc = "leaks: the count ended higher than the references (r1 = -excess): never freed")
@Outcome(id = "0, 1", expect = Expect.FORBIDDEN,
        desc = "use-after-free: the count looked exact but the object was freed before its last reference was released")
@Outcome(id = "0, 2", expect = Expect.FORBIDDEN,
        desc = "leaks: the count looked exact but the object was not freed when its last reference was released")
@State
public class ReleasedTouch {
    /** Increments each actor makes per sample. */
    static final int BURST = 128;

    private static final ActorRuntime RT = ActorRuntime.unchecked(ReleasedTouch.class);

    private final Rendezvous meet = new Rendezvous();
    private RcObject shared;

    /**
     * Actor A, holding the runtime: makes the object, adds its burst, then judges.
     *
     * @param r r1 = increments lost, r2 = the object's {@link Fate} when every reference was released
     */
    @Actor
    public void holder(final II_Result r) {
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

    /** Actor B, released: adds its burst without taking the runtime (the misuse shown). */
    @Actor
    public void released() {
        RT.idle();
        meet.meetB(1);
        final RcRuntime rt = RT.runtime();
        for (int i = 0; i < BURST; i++) {
            rt.incref(shared);
        }
        meet.finish();
    }
}
