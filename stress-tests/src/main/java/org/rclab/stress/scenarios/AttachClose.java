package org.rclab.stress.scenarios;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/*
 * A thread attaches to a runtime while another closes it.
 *
 * Closing refuses while a thread is attached, and attaching refuses once the runtime is closed;
 * each is a check and then an act, so without one lock over both a thread could pass attach's
 * check, close could find nobody attached and close, and the thread would then be attached to a
 * closed runtime. The attaching actor looks, while attached, whether the runtime says it is
 * closed. Every sample has a fresh runtime (close is for good); the arbiter drops it once judged,
 * since jcstress keeps an epoch's samples alive and a runtime carries its own small ints.
 */
@JCStressTest
@Scenario("18-attach-close")
@Description("attach || close of one runtime: a thread is never attached to a closed runtime")
@Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE,
        desc = "attached first: close refused while a thread was attached")
@Outcome(id = "0, 1, 0", expect = Expect.ACCEPTABLE,
        desc = "closed first: attach refused")
@Outcome(id = "1, 1, 0", expect = Expect.ACCEPTABLE,
        desc = "attached, worked and detached, then closed")
@Outcome(id = "1, [01], 1", expect = Expect.FORBIDDEN,
        desc = "use-after-free: a thread was attached to a runtime that close had already closed")
@Outcome(id = "0, 0, 0", expect = Expect.FORBIDDEN,
        desc = "error: both refused: close saw a thread attached that attach then refused")
@State
public class AttachClose {
    private RcRuntime rt = RcRuntime.builder(ActorRuntime.schemeUnderTest()).build();
    private int attached;
    private int sawClosed;
    private int closed;

    /** Attaches, touches the runtime, looks whether it is closed, and detaches. */
    @Actor
    public void attach() {
        final RuntimeThread self;
        try {
            self = rt.attach();
        } catch (final IllegalStateException refused) {
            return;
        }
        try {
            attached = 1;
            rt.decref(rt.newStr("work while attached"));
            sawClosed = rt.isClosed() ? 1 : 0;
        } finally {
            self.detach();
        }
    }

    /** Closes the runtime, or is refused because a thread is attached. */
    @Actor
    public void close() {
        try {
            rt.close();
            closed = 1;
        } catch (final IllegalStateException refused) {
            closed = 0;
        }
    }

    /**
     * Records what happened, and closes a runtime the close actor could not close.
     *
     * @param r r1 = attached, r2 = closed, r3 = the attached thread saw the runtime closed
     */
    @Arbiter
    public void judge(final III_Result r) {
        r.r1 = attached;
        r.r2 = closed;
        r.r3 = sawClosed;
        rt.close();
        rt = null;
    }
}
