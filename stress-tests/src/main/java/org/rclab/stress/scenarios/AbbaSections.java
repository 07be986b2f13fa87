package org.rclab.stress.scenarios;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;

/*
 * Scenario 9: two threads lock the same two objects in opposite orders.
 *
 * Thread 1 enters two-object critical sections over (x, y) again and again while thread 2 enters
 * them over (y, x). With two plain locks taken in the order given, each can end up holding one
 * lock and waiting for the other forever (ABBA deadlock). A two-object section must take both in
 * one global order. This is a jcstress termination test: the sample passes only if both threads
 * finish; jcstress reports one that does not finish within its timeout as stale, which the
 * verdict table calls a deadlock.
 */
@JCStressTest(Mode.Termination)
@Scenario("09-abba-sections")
@Description("two-object critical sections in opposite orders: both threads finish (no deadlock)")
@Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE,
        desc = "terminated: both threads got through every two-object section")
@Outcome(id = "STALE", expect = Expect.FORBIDDEN,
        desc = "deadlock: the threads locking (x, y) and (y, x) blocked each other and never finished")
@Outcome(id = "ERROR", expect = Expect.FORBIDDEN,
        desc = "error: a section failed with an exception, so termination was not shown")
@State
public class AbbaSections {
    /** Sections each thread enters per sample. */
    static final int SECTIONS = 64;

    private static final ActorRuntime RT = ActorRuntime.checked();

    /** Written inside every section, so a section is never empty. */
    private volatile int lastInside;
    /** What thread 2 threw, reported by thread 1 so the sample counts as an error. */
    private volatile Throwable oppositeFailure;

    /**
     * Thread 1: makes x and y, starts thread 2 on (y, x), enters (x, y) itself, and waits for
     * thread 2. Both attach for the sample and detach at its end: jcstress runs each sample of
     * a termination test on a new thread.
     *
     * @throws InterruptedException never: jcstress does not interrupt the actor
     */
    @Actor
    public void lockBothWays() throws InterruptedException {
        final RcRuntime rt = RT.runtime();
        try (RuntimeThread self = rt.attach()) {
            final RcList x = rt.newList();
            final RcList y = rt.newList();
            final Thread opposite = new Thread(() -> {
                try (RuntimeThread other = rt.attach()) {
                    enterAll(rt, y, x, 2);
                } catch (final RuntimeException | Error e) {
                    oppositeFailure = e;
                }
            }, "rclab-abba-opposite");
            opposite.start();
            enterAll(rt, x, y, 1);
            // Released while waiting: under a GIL, thread 2 needs the runtime to finish. If the
            // two are deadlocked this never returns, and jcstress reports the sample as stale.
            self.release();
            opposite.join();
            self.reacquire();
            if (oppositeFailure != null) {
                throw new IllegalStateException("thread 2 failed in its sections", oppositeFailure);
            }
            rt.decref(x);
            rt.decref(y);
        }
    }

    /** Nothing to signal: the sections must finish on their own. */
    @Signal
    public void signal() {
        // jcstress calls this once the actor runs; a deadlock cannot be broken from here.
    }

    private void enterAll(final RcRuntime rt, final RcList first, final RcList second, final int who) {
        for (int i = 0; i < SECTIONS; i++) {
            try (CriticalSection section = rt.enter(first, second)) {
                lastInside = who;
            }
        }
    }
}
