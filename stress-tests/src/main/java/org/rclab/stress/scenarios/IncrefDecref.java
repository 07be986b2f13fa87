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
 * Scenario 3: one thread adds references while another drops references to the same object.
 *
 * A hands B a burst of references up front; then A adds a burst while B drops its burst. The
 * count afterwards must equal the references that still exist. A lost increment leaves it short
 * (the object is freed while referenced); a lost decrement leaves it high (never freed). A then
 * releases every reference it knows of and watches when the object is freed.
 */
@JCStressTest
@Scenario(value = "03-incref-decref", paths = {"queued", "merges-explicit", "handovers", "background-commits"}, controlFails = true)
@Description("incref || decref on one shared object: the count afterwards is exact")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: the count equals the references; freed when its last reference was released")
@Outcome(id = "[1-9][0-9]*, [0-9]", expect = Expect.FORBIDDEN,
        desc = "loses-counts: lost increment (r1 = how many): the count is short, the object is freed while still referenced")
@Outcome(id = "-[0-9]+, [0-9]", expect = Expect.FORBIDDEN,
        desc = "leaks: lost decrement (r1 = -how many): the count stays above zero after every reference is gone")
@Outcome(id = "0, 1", expect = Expect.FORBIDDEN,
        desc = "use-after-free: the count looked exact but the object was freed before its last reference was released")
@Outcome(id = "0, 2", expect = Expect.FORBIDDEN,
        desc = "leaks: the count looked exact but the object was not freed when its last reference was released")
@State
public class IncrefDecref {
    /** Increments A makes and decrements B makes per sample. */
    static final int BURST = 128;

    private static final ActorRuntime RT = ActorRuntime.checked(IncrefDecref.class);

    private final Rendezvous meet = new Rendezvous();
    private RcObject shared;

    /**
     * Actor A: makes the object, hands B a burst of references, adds its own burst, then judges.
     *
     * @param r r1 = references minus count (positive: increments lost, negative: decrements
     *          lost), r2 = the object's {@link Fate} when every reference was released
     */
    @Actor
    public void owner(final II_Result r) {
        final RcRuntime rt = RT.runtime();
        try (ActorRuntime.Turn turn = RT.turn()) {
            shared = rt.newStr("shared");
            for (int i = 0; i < BURST; i++) {
                rt.incref(shared);
            }
        }
        meet.meetA(1);
        try (ActorRuntime.Turn turn = RT.turn()) {
            for (int i = 0; i < BURST; i++) {
                rt.incref(shared);
            }
        }
        meet.awaitFinish();
        try (ActorRuntime.Turn turn = RT.turn()) {
            Fate.judgeCount(turn, rt, shared, 1 + BURST, r);
            shared = null;
        }
    }

    /** Actor B: drops the burst of references A handed it. */
    @Actor
    public void other() {
        meet.meetB(1);
        final RcRuntime rt = RT.runtime();
        try (ActorRuntime.Turn turn = RT.turn()) {
            for (int i = 0; i < BURST; i++) {
                rt.decref(shared);
            }
        }
        meet.finish();
    }
}
