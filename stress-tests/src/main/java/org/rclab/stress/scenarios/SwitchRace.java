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
 * Scenario 15: a GIL's drop requests and forced switching inside the samples.
 *
 * Both actors take one long turn each, adding references to one object and passing a checkpoint
 * every few increments, as an interpreter loop would. The runtime's switch interval is set very
 * short ({@value #SWITCH_INTERVAL_MS} ms, the option every scheme is given and only a GIL reads),
 * so the actor that waits for the runtime times out within the other's turn, asks it to drop,
 * and the holder drops at its next checkpoint and waits until the waiter has the lock (forced
 * switching). The lock changes hands many times inside one sample, each time at a checkpoint,
 * and no increment may be lost across a switch. Without the interval option the rows before this
 * one finish a turn long before any waiter times out, so they never run this path.
 */
@JCStressTest
@Scenario(value = "15-gil-switching", paths = {"drop-requests", "forced-drops"}, controlFails = true)
@Description("two long turns of increments with checkpoints, switch interval 0.01 ms: the GIL is handed over on request inside the turns, counts exact")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: every increment counted across the switches; freed when its last reference was released")
@Outcome(id = "[1-9][0-9]*, [0-9]", expect = Expect.FORBIDDEN,
        desc = "loses-counts: lost increment (r1 = how many): the count is short, the object is freed while still referenced")
@Outcome(id = "-[0-9]+, [0-9]", expect = Expect.FORBIDDEN,
        desc = "leaks: the count is higher than the references (r1 = -excess), the object is never freed")
@Outcome(id = "0, 1", expect = Expect.FORBIDDEN,
        desc = "use-after-free: the count looked exact but the object was freed before its last reference was released")
@Outcome(id = "0, 2", expect = Expect.FORBIDDEN,
        desc = "leaks: the count looked exact but the object was not freed when its last reference was released")
@State
public class SwitchRace {
    /** The switch interval of this scenario's runtime, in milliseconds: {@value}. */
    static final String SWITCH_INTERVAL_MS = "0.01";
    /** Increments per actor per sample: a turn lasts many switch intervals. */
    static final int STEPS = 50_000;
    /** Increments between two checkpoints. */
    static final int CHECKPOINT_EVERY = 32;

    private static final ActorRuntime RT = ActorRuntime.withOption(SwitchRace.class, "switch-interval-ms",
            SWITCH_INTERVAL_MS);

    private final Rendezvous meet = new Rendezvous();
    private RcObject shared;

    /**
     * Actor A: makes the object, takes its long turn, then judges.
     *
     * @param r r1 = increments lost, r2 = the object's {@link Fate} when every reference was released
     */
    @Actor
    public void first(final II_Result r) {
        final RcRuntime rt = RT.runtime();
        try (ActorRuntime.Turn turn = RT.turn()) {
            shared = rt.newStr("shared");
        }
        meet.meetA(1);
        longTurn(rt, shared);
        meet.awaitFinish();
        try (ActorRuntime.Turn turn = RT.turn()) {
            Fate.judgeCount(turn, rt, shared, 1 + 2L * STEPS, r);
            shared = null;
        }
    }

    /** Actor B: takes its long turn on the same object. */
    @Actor
    public void second() {
        meet.meetB(1);
        longTurn(RT.runtime(), shared);
        meet.finish();
    }

    private static void longTurn(final RcRuntime rt, final RcObject o) {
        try (ActorRuntime.Turn turn = RT.turn()) {
            for (int i = 1; i <= STEPS; i++) {
                rt.incref(o);
                if (i % CHECKPOINT_EVERY == 0) {
                    turn.checkpoint();
                }
            }
        }
    }
}
