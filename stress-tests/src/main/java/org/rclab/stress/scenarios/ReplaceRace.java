package org.rclab.stress.scenarios;

import java.util.function.Function;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.rclab.heap.MisuseKind;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.object.RcDict;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/*
 * Scenarios 8, 11 (the reads) and 13: a reader takes a value out of a container while a writer
 * replaces it (a list slot, a dict key), removes it, or pops it while the list grows.
 *
 * The writer's change drops the container's reference to the old value, which frees it. A reader
 * that loaded the old value just before must not then add a reference to it: that would
 * resurrect a freed object (use after free). A scheme that reads without the container's lock
 * needs a try-incref that refuses a dying object and a recheck that the container still holds it.
 *
 * The values are held through the shared count, so that biased counting's lock-free read really
 * runs: the reader makes them, the writer takes a reference to each (a non-owner's, in the shared
 * count), and the reader drops its own, which merges each value (its owner's count reached zero
 * while the shared count was not). From then on every thread counts a value on its shared word,
 * the reader's try-incref succeeds on a live value and refuses one that reached "count 0,
 * merged". Values the writer made itself would sit in its local count with a shared word of zero,
 * which the reader's try-incref always refuses: the read would always take the lock, and the row
 * would prove nothing about resurrection.
 */
public final class ReplaceRace {
    /** Changes the writer makes, and reads the reader makes, per sample. */
    static final int ROUNDS = 32;

    private ReplaceRace() {
    }

    /** Actor A changes slot 0 of a list with {@code set} while actor B reads it with {@code get}. */
    @JCStressTest
    @Scenario(value = "08-read-replace",
            paths = {"lock-free-reads", "lock-free-fallbacks", "merges-owner-zero", "background-commits"},
            controlFails = true)
    @Description("list get || list set of the same slot, values held through the shared count: no resurrection")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: the reader only ever held live values; every replaced value was freed once")
    @Outcome(id = "[1-9][0-9]*, [0-9]+, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "use-after-free: the reader got or used a value the writer had already freed: resurrection, or a read broke on a container changed under it (r1 = how many)")
    @Outcome(id = "0, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "double-free: a replaced value was freed twice (r2 = how many)")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "leaks: a replaced value was never freed after the reader let go of it (r3 = how many)")
    @State
    public static class ListSet {
        private static final ActorRuntime RT = ActorRuntime.checked(ListSet.class);

        private final Sample sample = new Sample(RT, ListSlot::new);

        /**
         * Actor A, the writer.
         *
         * @param r r1 = uses of freed values, r2 = double frees, r3 = values let go of but never freed
         */
        @Actor
        public void writer(final III_Result r) {
            sample.writer(r);
        }

        /** Actor B, the reader. */
        @Actor
        public void reader() {
            sample.reader();
        }
    }

    /** Actor A maps one key to value after value with {@code put} while actor B looks it up. */
    @JCStressTest
    @Scenario(value = "11-dict-put-get", paths = {"lock-free-reads", "lock-free-fallbacks"}, controlFails = true)
    @Description("dict get || dict put of the same key, values held through the shared count: no resurrection")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: the reader only ever held live values; every replaced value was freed once")
    @Outcome(id = "[1-9][0-9]*, [0-9]+, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "use-after-free: the reader got or used a value the writer had already freed: resurrection, or a read broke on a container changed under it (r1 = how many)")
    @Outcome(id = "0, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "double-free: a replaced value was freed twice (r2 = how many)")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "leaks: a replaced value was never freed after the reader let go of it (r3 = how many)")
    @State
    public static class DictPut {
        private static final ActorRuntime RT = ActorRuntime.checked(DictPut.class);

        private final Sample sample = new Sample(RT, rt -> new DictSlot(rt, false));

        /**
         * Actor A, the writer.
         *
         * @param r r1 = uses of freed values, r2 = double frees, r3 = values let go of but never freed
         */
        @Actor
        public void writer(final III_Result r) {
            sample.writer(r);
        }

        /** Actor B, the reader. */
        @Actor
        public void reader() {
            sample.reader();
        }
    }

    /** Actor A maps one key to a value and removes it again, round after round, while B looks it up. */
    @JCStressTest
    @Scenario(value = "11-dict-remove-get", paths = {"lock-free-reads", "background-commits"}, controlFails = true)
    @Description("dict get || dict put then remove of the same key: a removed value is never resurrected")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: the reader only ever held live values (or found none); every removed value was freed once")
    @Outcome(id = "[1-9][0-9]*, [0-9]+, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "use-after-free: the reader got or used a value the writer had already removed and freed, or a read broke on a container changed under it (r1 = how many)")
    @Outcome(id = "0, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "double-free: a removed value was freed twice (r2 = how many)")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "leaks: a removed value was never freed after the reader let go of it (r3 = how many)")
    @State
    public static class DictRemove {
        private static final ActorRuntime RT = ActorRuntime.checked(DictRemove.class);

        private final Sample sample = new Sample(RT, rt -> new DictSlot(rt, true));

        /**
         * Actor A, the writer.
         *
         * @param r r1 = uses of freed values, r2 = double frees, r3 = values let go of but never freed
         */
        @Actor
        public void writer(final III_Result r) {
            sample.writer(r);
        }

        /** Actor B, the reader. */
        @Actor
        public void reader() {
            sample.reader();
        }
    }

    /**
     * Actor A pops the list's last value and appends a filler and the next value, so the list
     * grows by one each round through several array copies, while actor B reads the last slot.
     */
    @JCStressTest
    @Scenario(value = "13-read-pop-grow", paths = {"lock-free-reads", "lock-free-fallbacks", "background-commits"}, controlFails = true)
    @Description("list get of the last slot || pop of it and appends that grow the list: no resurrection, no torn read")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: the reader only ever held live values (or found the slot gone); every popped value was freed once")
    @Outcome(id = "[1-9][0-9]*, [0-9]+, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "use-after-free: the reader got or used a value the writer had already popped and freed, or a read broke on a container changed under it (r1 = how many)")
    @Outcome(id = "0, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "double-free: a popped value was freed twice (r2 = how many)")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "leaks: a popped value was never freed after the reader let go of it (r3 = how many)")
    @State
    public static class ListTail {
        private static final ActorRuntime RT = ActorRuntime.checked(ListTail.class);

        private final Sample sample = new Sample(RT, TailSlot::new);

        /**
         * Actor A, the writer.
         *
         * @param r r1 = uses of freed values, r2 = double frees, r3 = values let go of but never freed
         */
        @Actor
        public void writer(final III_Result r) {
            sample.writer(r);
        }

        /** Actor B, the reader. */
        @Actor
        public void reader() {
            sample.reader();
        }
    }

    /** The one place the writer changes and the reader reads. */
    interface Slot {
        /**
         * Makes the container hold its first value (writer, before the race).
         *
         * @param first the value; the caller keeps its reference
         */
        void fill(RcObject first);

        /**
         * Makes the container let go of its current value, holding {@code next} instead (or, for
         * a removing slot, nothing).
         *
         * @param next the next value; the caller keeps its reference
         */
        void change(RcObject next);

        /**
         * Reads the value (reader).
         *
         * @return a new reference, or {@code null} if there is none
         */
        RcObject read();

        /**
         * Takes the value the container holds after the race out of it and releases it, for the
         * judge. Not a read: a read would count as a lock-free read, and the row's figure must
         * count the reader's alone.
         *
         * @return the value that was held, or {@code null}
         */
        RcObject takeHeld();

        /** Releases the container and what the slot itself kept (the judge, at the end). */
        void release();
    }

    /** Slot 0 of a list, changed with {@code set}. */
    static final class ListSlot implements Slot {
        private final RcRuntime rt;
        private final RcList list;

        ListSlot(final RcRuntime rt) {
            this.rt = rt;
            this.list = rt.newList();
        }

        @Override
        public void fill(final RcObject first) {
            list.append(first);
        }

        @Override
        public void change(final RcObject next) {
            list.set(0, next);
        }

        @Override
        public RcObject read() {
            return list.get(0);
        }

        @Override
        public RcObject takeHeld() {
            final RcObject value = list.pop();
            rt.decref(value);
            return value;
        }

        @Override
        public void release() {
            ListRace.releaseQuietly(rt, list);
        }
    }

    /**
     * The last slot of a list that grows: a change pops the last value (releasing it) and appends
     * an immortal filler and the next value, so the list gains one slot per change and its array
     * is copied whenever it fills (4, 8, 16, 32 slots).
     */
    static final class TailSlot implements Slot {
        private final RcRuntime rt;
        private final RcList list;

        TailSlot(final RcRuntime rt) {
            this.rt = rt;
            this.list = rt.newList();
        }

        @Override
        public void fill(final RcObject first) {
            list.append(first);
        }

        @Override
        public void change(final RcObject next) {
            rt.decref(list.pop());
            list.append(rt.none());
            list.append(next);
        }

        @Override
        public RcObject read() {
            final int size = list.size();
            if (size == 0) {
                return null;
            }
            final RcObject value;
            try {
                value = list.get(size - 1);
            } catch (final IndexOutOfBoundsException e) {
                // Popped since the size was read: nothing to hold.
                return null;
            }
            if (value.isImmortal()) {
                // The filler, between a pop and the next append.
                return null;
            }
            return value;
        }

        @Override
        public RcObject takeHeld() {
            final RcObject value = list.pop();
            rt.decref(value);
            return value;
        }

        @Override
        public void release() {
            ListRace.releaseQuietly(rt, list);
        }
    }

    /** One key of a dict, changed with {@code put}, or with {@code put} then {@code remove}. */
    static final class DictSlot implements Slot {
        private final RcRuntime rt;
        private final RcDict dict;
        private final RcObject key;
        private final boolean removing;

        DictSlot(final RcRuntime rt, final boolean removing) {
            this.rt = rt;
            this.dict = rt.newDict();
            this.key = rt.newStr("key");
            this.removing = removing;
        }

        @Override
        public void fill(final RcObject first) {
            dict.put(key, first);
        }

        @Override
        public void change(final RcObject next) {
            if (!removing) {
                dict.put(key, next);
                return;
            }
            final RcObject old = dict.remove(key);
            if (old != null) {
                rt.decref(old);
            }
            dict.put(key, next);
        }

        @Override
        public RcObject read() {
            return dict.get(key);
        }

        @Override
        public RcObject takeHeld() {
            final RcObject value = dict.remove(key);
            if (value != null) {
                rt.decref(value);
            }
            return value;
        }

        @Override
        public void release() {
            ListRace.releaseQuietly(rt, dict);
            ListRace.releaseQuietly(rt, key);
        }
    }

    /** One sample: both actors' steps and the judgement, shared by the three rows. */
    static final class Sample {
        private final ActorRuntime rt;
        private final Function<RcRuntime, Slot> slots;
        private final Rendezvous meet = new Rendezvous();
        private RcObject[] values;
        private Slot slot;
        private int useAfterFreeB;
        private int doubleFreeB;

        Sample(final ActorRuntime rt, final Function<RcRuntime, Slot> slots) {
            this.rt = rt;
            this.slots = slots;
        }

        /** The writer: takes its references, fills the slot, changes it {@value #ROUNDS} times, judges. */
        void writer(final III_Result r) {
            final RcRuntime runtime = rt.runtime();
            meet.meetA(1);
            try (ActorRuntime.Turn turn = rt.turn()) {
                Batch.increfEach(runtime, values);
            }
            meet.meetA(2);
            meet.meetA(3);
            try (ActorRuntime.Turn turn = rt.turn()) {
                slot = slots.apply(runtime);
                slot.fill(values[0]);
                runtime.decref(values[0]);
            }
            meet.meetA(4);
            int useAfterFree = 0;
            int doubleFree = 0;
            try (ActorRuntime.Turn turn = rt.turn()) {
                for (int i = 1; i <= ROUNDS; i++) {
                    try {
                        slot.change(values[i]);
                        // The container now holds the only reference, so the next change frees
                        // this value unless the reader holds it.
                        runtime.decref(values[i]);
                    } catch (final RefcountMisuseException e) {
                        if (e.kind() == MisuseKind.DOUBLE_FREE) {
                            doubleFree++;
                        } else {
                            useAfterFree++;
                        }
                    } catch (final RuntimeException e) {
                        // Only a scheme that lets the reader into the container mid-change gets
                        // here (an empty slot read inside the size). Counted, not thrown: the
                        // other actor would wait for this one in vain.
                        useAfterFree++;
                    }
                }
            }
            meet.awaitFinish();
            try (ActorRuntime.Turn turn = rt.turn()) {
                turn.settle();
                RcObject held;
                try {
                    held = slot.takeHeld();
                } catch (final RuntimeException e) {
                    // The container was left broken, or its last value was released once too often.
                    held = null;
                    doubleFree++;
                }
                r.r1 = useAfterFree + useAfterFreeB;
                r.r2 = doubleFree + doubleFreeB;
                int leaked = 0;
                for (final RcObject value : values) {
                    if (value != held && !value.isFreed()) {
                        leaked++;
                    }
                }
                r.r3 = leaked;
                slot.release();
                slot = null;
                values = null;
            }
        }

        /** The reader: makes the values, drops its own references, then reads {@value #ROUNDS} times. */
        void reader() {
            final RcRuntime runtime = rt.runtime();
            try (ActorRuntime.Turn turn = rt.turn()) {
                values = Batch.newObjects(runtime, ROUNDS + 1);
            }
            meet.meetB(1);
            meet.meetB(2);
            try (ActorRuntime.Turn turn = rt.turn()) {
                Batch.decrefEach(runtime, values);
            }
            meet.meetB(3);
            meet.meetB(4);
            int useAfterFree = 0;
            int doubleFree = 0;
            try (ActorRuntime.Turn turn = rt.turn()) {
                for (int i = 0; i < ROUNDS; i++) {
                    try {
                        final RcObject value = slot.read();
                        if (value != null) {
                            // Using the value: the runtime refuses a freed one.
                            runtime.checkUsable(value);
                            runtime.decref(value);
                        }
                    } catch (final RefcountMisuseException e) {
                        if (e.kind() == MisuseKind.DOUBLE_FREE) {
                            doubleFree++;
                        } else {
                            useAfterFree++;
                        }
                    } catch (final RuntimeException e) {
                        // A read that broke on a container changed under it (see the writer).
                        useAfterFree++;
                    }
                }
            }
            useAfterFreeB = useAfterFree;
            doubleFreeB = doubleFree;
            meet.finish();
        }
    }
}
