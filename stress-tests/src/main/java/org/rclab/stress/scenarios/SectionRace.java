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
 * These are jcstress termination tests: each sample runs on a fresh thread, which starts a second
 * one; jcstress reports a sample that does not finish as stale (`deadlock`). A termination test
 * can only end, hang or throw, so the work inside the sections is judged by throwing: the actors
 * bump a plain counter that belongs to the section's object, with a pause between the read and
 * the write, and the first thread throws if an increment was lost (two threads were inside one
 * object's section at once) or a section failed. That outcome reads `loses-counts`; a scheme whose
 * sections do not exclude (the `unsafe` control's are no-ops) shows it. Both threads start at a
 * gate, released, so their sections overlap.
 */
public final class SectionRace {
    /**
     * Sections each thread enters per sample in the looping rows: enough (a few hundred
     * microseconds) that the two threads overlap even when the second is slow to wake from the
     * start gate, which with 64 they did in well under one sample in a hundred.
     */
    static final int SECTIONS = 512;
    /** Spins between a guarded read and its write: the window a missing lock leaves open. */
    private static final int WINDOW_SPINS = 16;

    private SectionRace() {
    }

    /** The first thread enters two-object sections over (x, y), the second over (y, x). */
    @JCStressTest(Mode.Termination)
    @Scenario(value = "09-abba-sections", paths = "lock-contended", controlFails = true)
    @Description("two-object critical sections over (x, y) || over (y, x): both finish, and they exclude")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE,
            desc = "terminated: both threads got through every two-object section, one at a time")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN,
            desc = "deadlock: the threads locking (x, y) and (y, x) blocked each other and never finished")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN,
            desc = "loses-counts: two threads were inside sections over the same pair at once (increments lost), or a section threw")
    @State
    public static class AbbaPairs {
        private static final ActorRuntime RT = ActorRuntime.checked(AbbaPairs.class);

        /** Runs both threads of the sample. */
        @Actor
        public void bothWays() {
            Pair.race(RT.runtime(), pair -> pair.twoObjectSections(pair.x, pair.y),
                    pair -> pair.twoObjectSections(pair.y, pair.x), 2 * SECTIONS, 0);
        }

        /** Nothing to signal: the sections must finish on their own. */
        @Signal
        public void signal() {
            // A deadlock cannot be broken from here.
        }
    }

    /** The first thread nests a section on y inside one on x; the second nests x inside y. */
    @JCStressTest(Mode.Termination)
    @Scenario(value = "14-nested-sections", paths = {"lock-parks", "suspensions"}, controlFails = true)
    @Description("nested single-object sections x then y || y then x: both finish, because a blocked thread suspends its outer section")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE,
            desc = "terminated: both threads got through every nested section; each object's work was done under its lock")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN,
            desc = "deadlock: each thread held its outer section and waited for the other's: blocking did not suspend them")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN,
            desc = "loses-counts: two threads were inside one object's section at once (increments lost), or a section threw")
    @State
    public static class NestedOpposite {
        private static final ActorRuntime RT = ActorRuntime.checked(NestedOpposite.class);

        /** Runs both threads of the sample. */
        @Actor
        public void bothWays() {
            Pair.race(RT.runtime(), pair -> pair.nestedSections(pair.x, pair.y),
                    pair -> pair.nestedSections(pair.y, pair.x), 2 * SECTIONS, 2 * SECTIONS);
        }

        /** Nothing to signal: the sections must finish on their own. */
        @Signal
        public void signal() {
            // A deadlock cannot be broken from here.
        }
    }

    /**
     * The first thread holds a section on x across blocking work that waits for the second thread
     * to have been inside a section on x; the second tries to enter while the first holds it.
     */
    @JCStressTest(Mode.Termination)
    @Scenario(value = "14-section-across-blocking", paths = {"lock-parks", "suspensions", "handoffs"})
    @Description("a section on x held across released blocking work that waits for another thread's section on x: it finishes, because blocking suspends the section")
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE,
            desc = "terminated: the other thread entered x while the holder was blocked, and the holder got x back afterwards")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN,
            desc = "deadlock: the other thread could not enter x while the holder blocked released inside its section: blocking did not suspend it")
    @Outcome(id = "ERROR", expect = Expect.FORBIDDEN,
            desc = "loses-counts: two threads were inside the section on x at once (increments lost), or a section threw")
    @State
    public static class HeldAcrossBlocking {
        /** How long the holder keeps x after the other thread has blocked on it: past the 1 ms after which a parked waiter is handed a lock. */
        private static final long HOLD_NANOS = 1_500_000L;

        private static final ActorRuntime RT = ActorRuntime.checked(HeldAcrossBlocking.class);

        private volatile boolean holding;
        private volatile boolean enteredB;

        /** Runs both threads of the sample. */
        @Actor
        public void holdAcrossBlocking() {
            Pair.race(RT.runtime(), this::holder, this::enterer, 3, 0);
        }

        /** Nothing to signal: the blocked section must be suspended on its own. */
        @Signal
        public void signal() {
            // A deadlock cannot be broken from here.
        }

        /** The first thread: enters x, keeps it until the second has blocked on it, then blocks released. */
        private void holder(final Pair pair) {
            final RcRuntime rt = pair.runtime;
            try (CriticalSection section = rt.enter(pair.x.list)) {
                pair.x.bump();
                holding = true;
                // The other thread is now entering x (or, under a GIL, taking the runtime). Wait
                // until it has blocked, then a little longer, so that the release below finds a
                // waiter that has waited long enough to be handed the lock; a scheme where it
                // never blocks lets it finish instead.
                Rendezvous.await(() -> enteredB || isBlocked(pair.second), "the other thread to block on x or get in");
                final long blockedAt = System.nanoTime();
                while (!enteredB && System.nanoTime() - blockedAt < HOLD_NANOS) {
                    Thread.onSpinWait();
                }
                // Waits without giving up: if the scheme kept x locked while released, the other
                // thread never gets in, the sample never ends, and jcstress reports it stale.
                rt.current().callReleased(() -> {
                    while (!enteredB) {
                        Thread.yield();
                    }
                    return null;
                });
                pair.x.bump();
            }
        }

        /** The second thread: once the first holds x, enters x itself. */
        private void enterer(final Pair pair) {
            final RuntimeThread self = pair.runtime.current();
            self.release();
            Rendezvous.await(() -> holding, "the first thread inside x");
            self.reacquire();
            try (CriticalSection section = pair.runtime.enter(pair.x.list)) {
                pair.x.bump();
            }
            enteredB = true;
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

    /** What one thread of a sample does with the pair, holding the runtime. */
    @FunctionalInterface
    interface Work {
        void run(Pair pair);
    }

    /** The two guarded objects of a sample and the steps the rows share. */
    static final class Pair {
        final RcRuntime runtime;
        final Guarded x;
        final Guarded y;
        /** The second thread, set before it starts (the holder of row 14 watches whether it blocked). */
        volatile Thread second;
        private volatile boolean ready;
        private volatile boolean go;
        private volatile Throwable secondFailure;

        private Pair(final RcRuntime runtime) {
            this.runtime = runtime;
            this.x = new Guarded(runtime);
            this.y = new Guarded(runtime);
        }

        /**
         * One sample: the calling thread attaches, makes the pair, starts a second attached
         * thread, and both pass a start gate (released, so a GIL lets both through) before
         * running their work. The calling thread then waits for the second released, and throws
         * if the second failed or the counters lost increments. Both attach for the sample and
         * detach at its end: jcstress runs each sample of a termination test on a new thread.
         */
        static void race(final RcRuntime rt, final Work first, final Work secondWork, final int expectedX,
                         final int expectedY) {
            try (RuntimeThread self = rt.attach()) {
                final Pair pair = new Pair(rt);
                final Thread other = new Thread(() -> {
                    try (RuntimeThread handle = rt.attach()) {
                        handle.release();
                        pair.ready = true;
                        Rendezvous.await(() -> pair.go, "the start gate");
                        handle.reacquire();
                        secondWork.run(pair);
                    } catch (final RuntimeException | Error e) {
                        pair.secondFailure = e;
                    }
                }, "rclab-sections-second");
                pair.second = other;
                other.start();
                self.release();
                Rendezvous.await(() -> pair.ready, "the second thread at the start gate");
                pair.go = true;
                self.reacquire();
                first.run(pair);
                // Released while waiting: under a GIL the second thread needs the runtime to finish.
                self.callReleased(() -> {
                    other.join();
                    return null;
                });
                if (pair.secondFailure != null) {
                    throw new IllegalStateException("the second thread failed in its sections", pair.secondFailure);
                }
                final int lost = (expectedX - pair.x.value()) + (expectedY - pair.y.value());
                if (lost != 0) {
                    throw new IllegalStateException(lost + " increment(s) inside the sections were lost");
                }
                rt.decref(pair.x.list);
                rt.decref(pair.y.list);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the second thread", e);
            }
        }

        /** Enters (first, second) {@value #SECTIONS} times, bumping x's counter inside. */
        void twoObjectSections(final Guarded first, final Guarded second) {
            for (int i = 0; i < SECTIONS; i++) {
                try (CriticalSection section = runtime.enter(first.list, second.list)) {
                    x.bump();
                }
            }
        }

        /** Enters outer, then inner inside it, {@value #SECTIONS} times, bumping each under its own section. */
        void nestedSections(final Guarded outer, final Guarded inner) {
            for (int i = 0; i < SECTIONS; i++) {
                try (CriticalSection outside = runtime.enter(outer.list)) {
                    outer.bump();
                    try (CriticalSection inside = runtime.enter(inner.list)) {
                        inner.bump();
                    }
                }
            }
        }
    }
}
