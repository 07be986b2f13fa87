package org.rclab.stress.scenarios;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.III_Result;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.CriticalSection;

/*
 * Scenarios 9 and 14: critical sections that could deadlock, with work inside them that only
 * the sections protect.
 *
 * Per-object locks deadlock when two threads take the same two locks in opposite orders. PEP 703
 * avoids it in two ways, and each row drives one: a two-object section takes both locks in one
 * global order (row 09); a thread about to block releases the sections it holds and, when it
 * continues, retakes only the innermost, so nested single sections in opposite orders (row 14,
 * nested) and a section held across blocking work (row 14, blocking) cannot wait on each other
 * forever.
 *
 * Inside each section the actors increment a plain counter that belongs to the section's object,
 * with a pause between the read and the write, so that two threads inside one object's section at
 * once lose an increment: a scheme whose sections do not exclude shows `loses-counts`. A scheme
 * that deadlocks never finishes the sample; jcstress stops waiting after its timeout and the row
 * reads `deadlock`. Both actors start at a meeting point, so their sections overlap.
 */
public final class SectionRace {
    /** Sections each actor enters per sample in the looping rows. */
    static final int SECTIONS = 64;
    /** Spins between a guarded read and its write: the window a missing lock leaves open. */
    private static final int WINDOW_SPINS = 16;

    private SectionRace() {
    }

    /** Actor A enters two-object sections over (x, y), actor B over (y, x). */
    @JCStressTest
    @Scenario(value = "09-abba-sections", paths = "lock-contended", controlFails = true)
    @Description("two-object critical sections over (x, y) || over (y, x): both finish, and they exclude")
    @Outcome(id = "0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: both threads got through every two-object section, one at a time")
    @Outcome(id = "[1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "loses-counts: two threads were inside sections over the same pair at once; increments lost (r1 = how many)")
    @Outcome(id = "0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "error: a section failed with an exception (r2 = how many)")
    @State
    public static class AbbaPairs {
        private static final ActorRuntime RT = ActorRuntime.checked(AbbaPairs.class);

        private final Pair pair = new Pair(RT);

        /**
         * Actor A: enters (x, y) {@value #SECTIONS} times, then judges.
         *
         * @param r r1 = increments lost, r2 = sections that failed
         */
        @Actor
        public void forward(final II_Result r) {
            pair.make();
            pair.meet.meetA(1);
            final int failed = pair.twoObjectSections(pair.x, pair.y);
            pair.judge(r, failed, 2 * SECTIONS, 0);
        }

        /** Actor B: enters (y, x) {@value #SECTIONS} times. */
        @Actor
        public void backward() {
            pair.meet.meetB(1);
            pair.failedB = pair.twoObjectSections(pair.y, pair.x);
            pair.meet.finish();
        }
    }

    /** Actor A nests a section on y inside one on x; actor B nests x inside y. */
    @JCStressTest
    @Scenario(value = "14-nested-sections", paths = {"lock-parks", "suspensions"}, controlFails = true)
    @Description("nested single-object sections x then y || y then x: both finish, because a blocked thread suspends its outer section")
    @Outcome(id = "0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: both threads got through every nested section; each object's work was done under its lock")
    @Outcome(id = "[1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "loses-counts: two threads were inside one object's section at once; increments lost (r1 = how many)")
    @Outcome(id = "0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "error: a section failed with an exception (r2 = how many)")
    @State
    public static class NestedOpposite {
        private static final ActorRuntime RT = ActorRuntime.checked(NestedOpposite.class);

        private final Pair pair = new Pair(RT);

        /**
         * Actor A: x, then y inside it, {@value #SECTIONS} times; then judges.
         *
         * @param r r1 = increments lost, r2 = sections that failed
         */
        @Actor
        public void xThenY(final II_Result r) {
            pair.make();
            pair.meet.meetA(1);
            final int failed = pair.nestedSections(pair.x, pair.y);
            pair.judge(r, failed, 2 * SECTIONS, 2 * SECTIONS);
        }

        /** Actor B: y, then x inside it, {@value #SECTIONS} times. */
        @Actor
        public void yThenX() {
            pair.meet.meetB(1);
            pair.failedB = pair.nestedSections(pair.y, pair.x);
            pair.meet.finish();
        }
    }

    /**
     * Actor A holds a section on x across blocking work that waits for actor B to have been
     * inside a section on x; B tries to enter while A holds it.
     */
    @JCStressTest
    @Scenario(value = "14-section-across-blocking", paths = {"lock-parks", "suspensions", "handoffs"})
    @Description("a section on x held across released blocking work that waits for another thread's section on x: it finishes, because blocking suspends the section")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: the other thread entered x while the holder was blocked, and the holder got x back afterwards")
    @Outcome(id = "[1-9][0-9]*, [0-9]+, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "loses-counts: two threads were inside the section on x at once; increments lost (r1 = how many)")
    @Outcome(id = "0, 1, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "deadlock: the other thread could not enter x while the holder blocked released inside its section: blocking did not suspend it")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "error: a section failed with an exception (r3 = how many)")
    @State
    public static class HeldAcrossBlocking {
        private static final ActorRuntime RT = ActorRuntime.checked(HeldAcrossBlocking.class);
        /** How long the holder keeps x after the other thread has blocked on it: past the 1 ms after which a parked waiter is handed a lock. */
        private static final long HOLD_NANOS = 1_500_000L;

        private final Pair pair = new Pair(RT);
        private volatile Thread entering;
        private volatile boolean holding;
        private volatile boolean enteredB;

        /**
         * Actor A: enters x, lets B try it, keeps x until B has blocked on it for a while, then
         * waits released for B to have been inside; then judges.
         *
         * @param r r1 = increments lost, r2 = 1 if B never got in while A blocked, r3 = sections that failed
         */
        @Actor
        public void holder(final III_Result r) {
            pair.make();
            pair.meet.meetA(1);
            boolean stuck = false;
            int failed = 0;
            try (ActorRuntime.Turn turn = RT.turn(); CriticalSection section = RT.runtime().enter(pair.x.list)) {
                pair.x.bump();
                holding = true;
                // B is now entering x (or, under a GIL, taking the runtime). Wait until it has
                // blocked, then a little longer, so that the release below finds a waiter that
                // has waited long enough to be handed the lock; a scheme where B never blocks
                // lets it finish instead.
                Rendezvous.await(() -> enteredB || isBlocked(entering), "actor B to block on x or get in");
                final long blockedAt = System.nanoTime();
                while (!enteredB && System.nanoTime() - blockedAt < HOLD_NANOS) {
                    Thread.onSpinWait();
                }
                try {
                    turn.released(() -> Rendezvous.await(() -> enteredB, "actor B inside x"));
                    // Waits for B only while released: if the scheme kept x locked meanwhile, B
                    // cannot get in, the wait gives up, and the sample reports it.
                } catch (final IllegalStateException e) {
                    stuck = true;
                }
                pair.x.bump();
            } catch (final RuntimeException e) {
                failed++;
            }
            pair.meet.awaitFinish();
            try (ActorRuntime.Turn turn = RT.turn()) {
                r.r1 = 3 - pair.x.value();
                r.r2 = stuck ? 1 : 0;
                r.r3 = failed + pair.failedB;
                pair.release();
            }
        }

        /** Actor B: once A holds x, enters x itself. */
        @Actor
        public void enterer() {
            entering = Thread.currentThread();
            pair.meet.meetB(1);
            Rendezvous.await(() -> holding, "actor A inside x");
            try (ActorRuntime.Turn turn = RT.turn(); CriticalSection section = RT.runtime().enter(pair.x.list)) {
                pair.x.bump();
            } catch (final RuntimeException e) {
                pair.failedB++;
            }
            enteredB = true;
            pair.meet.finish();
        }

        private static boolean isBlocked(final Thread thread) {
            if (thread == null) {
                return false;
            }
            final Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
        }
    }

    /** A list whose section guards a plain counter. */
    static final class Guarded {
        final RcList list;
        /** Written only inside a section on {@link #list}; plain on purpose. */
        private int count;

        Guarded(final RcRuntime rt) {
            this.list = rt.newList();
        }

        /** One guarded increment: read, pause, write; two threads at once lose one. */
        void bump() {
            final int seen = count;
            for (int i = 0; i < WINDOW_SPINS; i++) {
                Thread.onSpinWait();
            }
            count = seen + 1;
        }

        int value() {
            return count;
        }
    }

    /** The two guarded objects of a sample and the steps the rows share. */
    static final class Pair {
        final ActorRuntime rt;
        final Rendezvous meet = new Rendezvous();
        Guarded x;
        Guarded y;
        int failedB;

        Pair(final ActorRuntime rt) {
            this.rt = rt;
        }

        /** Actor A makes the two objects, before the first meeting point publishes them. */
        void make() {
            try (ActorRuntime.Turn turn = rt.turn()) {
                x = new Guarded(rt.runtime());
                y = new Guarded(rt.runtime());
            }
        }

        /** Enters (first, second) {@value #SECTIONS} times, bumping first's counter inside. */
        int twoObjectSections(final Guarded first, final Guarded second) {
            int failed = 0;
            try (ActorRuntime.Turn turn = rt.turn()) {
                for (int i = 0; i < SECTIONS; i++) {
                    try (CriticalSection section = rt.runtime().enter(first.list, second.list)) {
                        x.bump();
                    } catch (final RuntimeException e) {
                        failed++;
                    }
                }
            }
            return failed;
        }

        /** Enters outer, then inner inside it, {@value #SECTIONS} times, bumping each under its own section. */
        int nestedSections(final Guarded outer, final Guarded inner) {
            int failed = 0;
            try (ActorRuntime.Turn turn = rt.turn()) {
                for (int i = 0; i < SECTIONS; i++) {
                    try (CriticalSection outside = rt.runtime().enter(outer.list)) {
                        outer.bump();
                        try (CriticalSection inside = rt.runtime().enter(inner.list)) {
                            inner.bump();
                        }
                    } catch (final RuntimeException e) {
                        failed++;
                    }
                }
            }
            return failed;
        }

        /** Actor A's judgement once B is done: the counters against what both did. */
        void judge(final II_Result r, final int failedA, final int expectedX, final int expectedY) {
            meet.awaitFinish();
            try (ActorRuntime.Turn turn = rt.turn()) {
                r.r1 = (expectedX - x.value()) + (expectedY - y.value());
                r.r2 = failedA + failedB;
                release();
            }
        }

        void release() {
            ListRace.releaseQuietly(rt.runtime(), x.list);
            ListRace.releaseQuietly(rt.runtime(), y.list);
        }
    }
}
