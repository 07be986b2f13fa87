package org.rclab.stress.scenarios;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/*
 * Scenario 3, against a commit: one thread takes a second reference to its object and drops it
 * again, over and over, while the other thread applies deferred count changes as fast as it can.
 *
 * A scheme that applies count changes later, from logs (`buffered`), reads where a log's
 * increments end and then where its decrements end: a decrement logged between those two reads
 * falls in the batch, and the increment before it, logged after the first read, does not. The
 * epoch rule keeps that decrement back one round, and the increment is applied first; a commit
 * that applied it at once would take the count to zero while the object is held, and free it.
 * The row runs the scheme with its commit thread off (`commit-thread=off`; other schemes ignore
 * the option), so actor B, calling the runtime's quiesce in a loop, is the only committer, and
 * jcstress, not a timer, decides where B's reads of the log fall among A's changes. The changes
 * are ordered by program order, so plain counts get it right and the `unsafe` control need not
 * fail. The increment and the decrement come from one thread here: a commit between two threads'
 * changes needs a third thread running at once, and jcstress does not schedule more actors than
 * the machine has CPUs (two, in CI).
 */
@JCStressTest
@Scenario(value = "03-incref-decref-commit", paths = "commits")
@Description("incref then decref of a held object, over and over || a commit loop: never freed while held")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE,
        desc = "exact: the object was alive at every use and freed when its last reference was released")
@Outcome(id = "[1-9][0-9]*, [0-9]", expect = Expect.FORBIDDEN,
        desc = "use-after-free: a live object was freed: its holder found it freed, or a commit or the runtime refused a change to it (r1 = how many times)")
@Outcome(id = "0, 1", expect = Expect.FORBIDDEN,
        desc = "use-after-free: the object was freed before its last reference was released (found when the judge settled)")
@Outcome(id = "0, 2", expect = Expect.FORBIDDEN,
        desc = "leaks: the object was not freed when its last reference was released")
@State
public class IncrefDecrefCommit {
    /** Increment-decrement pairs A makes per sample. */
    static final int PAIRS = 256;

    private static final ActorRuntime RT = ActorRuntime.withOption(IncrefDecrefCommit.class, "commit-thread", "off");

    private final Rendezvous meet = new Rendezvous();
    /** Set by A when it has made its last change: B stops committing. */
    private volatile boolean done;
    private RcObject held;
    /** Misuse B's commits found; written before {@link Rendezvous#finish()}, read by A after it. */
    private int foundByB;

    /**
     * Actor A: holds one reference, and takes and drops a second one {@link #PAIRS} times, then
     * judges.
     *
     * @param r r1 = times the object was found freed while held, or a change to it refused,
     *          r2 = its {@link Fate} when its one reference was released
     */
    @Actor
    public void holder(final II_Result r) {
        final RcRuntime rt = RT.runtime();
        int found = 0;
        try (ActorRuntime.Turn turn = RT.turn()) {
            held = rt.newStr("held");
            meet.arriveA(1);
            try {
                for (int i = 0; i < PAIRS; i++) {
                    rt.incref(held);
                    rt.decref(held);
                    if (held.isFreed()) {
                        found++;
                        break;
                    }
                }
            } catch (final RefcountMisuseException e) {
                // The runtime refused a change: the object had been freed while held.
                found++;
            }
        }
        done = true;
        meet.awaitFinish();
        try (ActorRuntime.Turn turn = RT.turn()) {
            r.r1 = found + foundByB;
            r.r2 = Fate.release(turn, rt, held, 1);
            held = null;
        }
    }

    /**
     * Actor B: commits in a loop, released (it holds no turn, so a GIL does not stop A), until A
     * is done.
     */
    @Actor
    public void committer() {
        final RcRuntime rt = RT.runtime();
        int found = 0;
        Rendezvous.await(() -> meet.hasReachedA(1), "actor A to make its object");
        while (!done) {
            try {
                rt.quiesce();
            } catch (final RefcountMisuseException e) {
                // A commit applied a change to an object already freed.
                found++;
            }
        }
        foundByB = found;
        meet.finish();
    }
}
