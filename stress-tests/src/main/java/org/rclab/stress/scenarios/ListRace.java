package org.rclab.stress.scenarios;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/*
 * Scenarios 7 and 12: two threads change one list at the same time.
 *
 * A list owns a reference to each item, so a list change is a count change plus a change of the
 * list's storage, and both must happen as one step (a critical section on the list, or the GIL).
 * Without that, two appends can write the same slot (one item lost, still counted as held: a
 * leak), or a pop and an append can hand out an item twice. After each sample every item must be
 * held exactly once, by the list or by the thread that popped it, with a count of exactly 1.
 */
public final class ListRace {
    private ListRace() {
    }

    /** Each actor appends its own items to one list. */
    @JCStressTest
    @Scenario(value = "07-list-append-append", paths = {"lock-contended", "handovers"}, controlFails = true)
    @Description("list append || list append: no item lost, every item's count exact")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: the list holds every appended item once, each with a count of 1")
    @Outcome(id = "[1-9][0-9]*, [0-9]+, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "leaks: an appended item is not in the list, yet its count says the list holds it: never freed (r1 = how many)")
    @Outcome(id = "0, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "loses-counts: an item is in the list twice, a slot is empty, or a count is wrong (r2 = how many)")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "loses-counts: concurrent appends corrupted the list's storage and an append failed (r3 = how many)")
    @State
    public static class AppendAppend {
        /** Items each actor appends per sample. */
        static final int ITEMS = 32;

        private static final ActorRuntime RT = ActorRuntime.checked(AppendAppend.class);

        private final Rendezvous meet = new Rendezvous();
        private RcList list;
        private RcObject[] itemsB;
        private int failedB;

        /**
         * Actor A: makes the list and its items, appends them, then audits the list.
         *
         * @param r r1 = items missing, r2 = wrong holdings (duplicates, empty slots, wrong counts),
         *          r3 = operations that failed
         */
        @Actor
        public void owner(final III_Result r) {
            final RcRuntime rt = RT.runtime();
            final RcObject[] itemsA;
            try (ActorRuntime.Turn turn = RT.turn()) {
                list = rt.newList();
                itemsA = Batch.newObjects(rt, ITEMS);
            }
            meet.meetA(1);
            final int failedA;
            try (ActorRuntime.Turn turn = RT.turn()) {
                failedA = appendAndDrop(rt, list, itemsA);
            }
            meet.awaitFinish();
            try (ActorRuntime.Turn turn = RT.turn()) {
                turn.settle();
                final HoldingAudit audit = new HoldingAudit(rt);
                audit.countList(list);
                r.r1 = audit.missing(itemsA, itemsB);
                r.r2 = audit.wrong() + audit.heldMoreThanOnce();
                r.r3 = failedA + failedB;
                releaseQuietly(rt, list);
                list = null;
                itemsB = null;
            }
        }

        /** Actor B: makes its own items and appends them to A's list. */
        @Actor
        public void other() {
            final RcRuntime rt = RT.runtime();
            final RcObject[] mine;
            try (ActorRuntime.Turn turn = RT.turn()) {
                mine = Batch.newObjects(rt, ITEMS);
            }
            itemsB = mine;
            meet.meetB(1);
            try (ActorRuntime.Turn turn = RT.turn()) {
                failedB = appendAndDrop(rt, list, mine);
            }
            meet.finish();
        }
    }

    /** Actor A pops items off the end of a list while actor B appends to it. */
    @JCStressTest
    @Scenario(value = "07-list-pop-append", paths = {"lock-contended", "handovers"}, controlFails = true)
    @Description("list pop || list append: no item lost or handed out twice, every item's count exact")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: every item is held once, by the list or by the popper, each with a count of 1")
    @Outcome(id = "[1-9][0-9]*, [0-9]+, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "leaks: an item is held by neither the list nor the popper, yet still counted: never freed (r1 = how many)")
    @Outcome(id = "0, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "loses-counts: an item is held twice (popped and still in the list), a slot is empty, or a count is wrong (r2 = how many)")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "loses-counts: pop and append corrupted the list's storage and an operation failed (r3 = how many)")
    @State
    public static class PopAppend {
        /** Items in the list at the start, and pops and appends per actor per sample. */
        static final int ITEMS = 32;

        private static final ActorRuntime RT = ActorRuntime.checked(PopAppend.class);

        private final Rendezvous meet = new Rendezvous();
        private RcList list;
        private RcObject[] itemsB;
        private int failedB;

        /**
         * Actor A: makes the list full of its items, pops as many as B appends, then audits.
         *
         * @param r r1 = items missing, r2 = wrong holdings (duplicates, empty slots, wrong counts),
         *          r3 = operations that failed
         */
        @Actor
        public void owner(final III_Result r) {
            final RcRuntime rt = RT.runtime();
            final RcObject[] itemsA;
            try (ActorRuntime.Turn turn = RT.turn()) {
                list = rt.newList();
                itemsA = Batch.newObjects(rt, ITEMS);
                appendAndDrop(rt, list, itemsA);
            }
            meet.meetA(1);
            final RcObject[] popped = new RcObject[ITEMS];
            int failedA = 0;
            try (ActorRuntime.Turn turn = RT.turn()) {
                for (int i = 0; i < ITEMS; i++) {
                    try {
                        popped[i] = list.pop();
                    } catch (final RuntimeException e) {
                        failedA++;
                    }
                }
            }
            meet.awaitFinish();
            try (ActorRuntime.Turn turn = RT.turn()) {
                turn.settle();
                final HoldingAudit audit = new HoldingAudit(rt);
                audit.countList(list);
                audit.countHeld(popped);
                r.r1 = audit.missing(itemsA, itemsB);
                r.r2 = audit.wrong() + audit.heldMoreThanOnce();
                r.r3 = failedA + failedB;
                for (final RcObject item : popped) {
                    if (item != null) {
                        releaseQuietly(rt, item);
                    }
                }
                releaseQuietly(rt, list);
                list = null;
                itemsB = null;
            }
        }

        /** Actor B: makes its own items and appends them while A pops. */
        @Actor
        public void other() {
            final RcRuntime rt = RT.runtime();
            final RcObject[] mine;
            try (ActorRuntime.Turn turn = RT.turn()) {
                mine = Batch.newObjects(rt, ITEMS);
            }
            itemsB = mine;
            meet.meetB(1);
            try (ActorRuntime.Turn turn = RT.turn()) {
                failedB = appendAndDrop(rt, list, mine);
            }
            meet.finish();
        }
    }

    /**
     * Actor A extends a new list from a source list while actor B pops from the source and
     * appends to it (scenario 12). {@code extend} holds a two-object section over both lists: a
     * scheme that locked only the list being extended would let the pops and appends change the
     * source under the copy (an empty slot copied, an item copied after it was popped).
     */
    @JCStressTest
    @Scenario(value = "12-list-extend", paths = {"lock-contended", "handovers"}, controlFails = true)
    @Description("list.extend(source) || pop and append on source: the two-object section excludes; every count exact")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: every item is held where it was found (source, copy, popper, maker), each count equal to its references")
    @Outcome(id = "[1-9][0-9]*, [0-9]+, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "leaks: an item of the source is held by nobody, yet still counted: never freed (r1 = how many)")
    @Outcome(id = "0, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "loses-counts: an item's count differs from the references found, or a slot is empty (r2 = how many)")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "loses-counts: the source changed under the copy and an operation failed (r3 = how many)")
    @State
    public static class ExtendPopAppend {
        /** Items in the source at the start, and pops and appends B makes per sample. */
        static final int ITEMS = 32;

        private static final ActorRuntime RT = ActorRuntime.checked(ExtendPopAppend.class);

        private final Rendezvous meet = new Rendezvous();
        private RcList source;
        private RcObject[] fresh;
        private final RcObject[] poppedB = new RcObject[ITEMS];
        private int failedB;

        /**
         * Actor A: fills the source, makes the items B will append, extends a new list from the
         * source, then audits both lists.
         *
         * @param r r1 = items missing, r2 = wrong holdings, r3 = operations that failed
         */
        @Actor
        public void extender(final III_Result r) {
            final RcRuntime rt = RT.runtime();
            final RcObject[] items;
            try (ActorRuntime.Turn turn = RT.turn()) {
                source = rt.newList();
                items = Batch.newObjects(rt, ITEMS);
                appendAndDrop(rt, source, items);
                // A keeps its own reference to each fresh item; the audit counts it.
                fresh = Batch.newObjects(rt, ITEMS);
            }
            meet.meetA(1);
            final RcList copy;
            int failed = 0;
            try (ActorRuntime.Turn turn = RT.turn()) {
                copy = rt.newList();
                try {
                    copy.extend(source);
                } catch (final RuntimeException e) {
                    failed++;
                }
            }
            meet.awaitFinish();
            try (ActorRuntime.Turn turn = RT.turn()) {
                turn.settle();
                final HoldingAudit audit = new HoldingAudit(rt);
                audit.countList(copy);
                audit.countList(source);
                audit.countHeld(poppedB);
                audit.countHeld(fresh);
                r.r1 = audit.missing(items);
                r.r2 = audit.wrong();
                r.r3 = failed + failedB;
                for (final RcObject item : poppedB) {
                    if (item != null) {
                        releaseQuietly(rt, item);
                    }
                }
                for (final RcObject item : fresh) {
                    releaseQuietly(rt, item);
                }
                releaseQuietly(rt, copy);
                releaseQuietly(rt, source);
                source = null;
                fresh = null;
            }
        }

        /** Actor B: pops an item off the source and appends a fresh one, {@value #ITEMS} times. */
        @Actor
        public void changer() {
            meet.meetB(1);
            int failed = 0;
            try (ActorRuntime.Turn turn = RT.turn()) {
                for (int i = 0; i < ITEMS; i++) {
                    try {
                        poppedB[i] = source.pop();
                        source.append(fresh[i]);
                    } catch (final RuntimeException e) {
                        failed++;
                    }
                }
            }
            failedB = failed;
            meet.finish();
        }
    }

    /**
     * Appends each item and drops the caller's own reference, so the list holds the only one.
     *
     * @return how many appends failed
     */
    static int appendAndDrop(final RcRuntime rt, final RcList list, final RcObject[] items) {
        int failed = 0;
        for (final RcObject item : items) {
            try {
                list.append(item);
            } catch (final RuntimeException e) {
                // Only a scheme that lets two threads into the list at once gets here: the
                // list's storage was changed under this append.
                failed++;
            }
            releaseQuietly(rt, item);
        }
        return failed;
    }

    /**
     * Releases a reference whose fate the audit has already judged. After a broken scheme has
     * corrupted a list, freeing it can fail again (an empty slot inside its size); that is
     * already counted, so the failure is not reported twice.
     */
    static void releaseQuietly(final RcRuntime rt, final RcObject o) {
        try {
            rt.decref(o);
        } catch (final RuntimeException e) {
            // Counted by the audit.
        }
    }
}
