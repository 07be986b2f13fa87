package org.rclab.stress.scenarios;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.rclab.object.RcDict;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/*
 * Scenario 11 (the changes): two threads change dicts at the same time.
 *
 * A dict put is a lookup, a count change of the new value (and of the key, if new) and a release
 * of the replaced value; all of it must happen as one step under the dict's section, or two puts
 * can both release the same old value (a double free) or neither release it (a leak). An
 * update(other) copies every entry of other inside a two-object section over both dicts; without
 * the section on other, a concurrent put or remove on other releases a value the copy is taking a
 * reference to, and the count is lost. Actor A makes every object and keeps its own reference to
 * each until the audit, which compares each count with the references it finds.
 */
public final class DictRace {
    /** Puts per actor, and keys of the copied dict, per sample. */
    static final int ROUNDS = 32;

    private DictRace() {
    }

    /** Both actors map one key, over and over, to values of their own. */
    @JCStressTest
    @Scenario(value = "11-dict-put-put", paths = {"lock-contended", "handovers"}, controlFails = true)
    @Description("dict put || dict put of the same key: exactly one value stays, every replaced one is released once")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: one value stays mapped; every count equals its references")
    @Outcome(id = "[1-9][0-9]*, 0, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "leaks: a replaced value (or the key) kept a count above its references: a release was lost (r1 = how many)")
    @Outcome(id = "[0-9]+, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "double-free: a value (or the key) was released more often than referenced, or freed while referenced (r2 = how many)")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "loses-counts: a put failed: the dict changed under it (r3 = how many)")
    @State
    public static class PutPut {
        private static final ActorRuntime RT = ActorRuntime.checked(PutPut.class);

        private final Rendezvous meet = new Rendezvous();
        private RcDict dict;
        private RcObject key;
        private RcObject[] valuesB;
        private int failedB;

        /**
         * Actor A: makes the dict, the key and both actors' values, puts its own, then audits.
         *
         * @param r r1 = objects counted above their references, r2 = below, r3 = puts that failed
         */
        @Actor
        public void first(final III_Result r) {
            final RcRuntime rt = RT.runtime();
            final RcObject[] valuesA;
            try (ActorRuntime.Turn turn = RT.turn()) {
                dict = rt.newDict();
                key = rt.newStr("key");
                valuesA = Batch.newObjects(rt, ROUNDS);
                valuesB = Batch.newObjects(rt, ROUNDS);
            }
            meet.meetA(1);
            final int failed;
            try (ActorRuntime.Turn turn = RT.turn()) {
                failed = putAll(dict, key, valuesA);
            }
            meet.awaitFinish();
            try (ActorRuntime.Turn turn = RT.turn()) {
                turn.settle();
                final HoldingAudit audit = new HoldingAudit(rt);
                audit.countDict(dict, new RcObject[] {key});
                audit.countHeld(key);
                audit.countHeld(valuesA);
                audit.countHeld(valuesB);
                r.r1 = audit.countedHigh();
                r.r2 = audit.countedLow();
                r.r3 = failed + failedB + (dict.size() == 1 ? 0 : 1);
                releaseAll(rt, valuesA);
                releaseAll(rt, valuesB);
                ListRace.releaseQuietly(rt, key);
                ListRace.releaseQuietly(rt, dict);
                dict = null;
                key = null;
                valuesB = null;
            }
        }

        /** Actor B: puts its values under the same key. */
        @Actor
        public void second() {
            meet.meetB(1);
            try (ActorRuntime.Turn turn = RT.turn()) {
                failedB = putAll(dict, key, valuesB);
            }
            meet.finish();
        }

        private static int putAll(final RcDict dict, final RcObject key, final RcObject[] values) {
            int failed = 0;
            for (final RcObject value : values) {
                try {
                    dict.put(key, value);
                } catch (final RuntimeException e) {
                    failed++;
                }
            }
            return failed;
        }
    }

    /** Actor A copies a dict into a new one with {@code update} while actor B puts into and removes from it. */
    @JCStressTest
    @Scenario(value = "11-dict-update", paths = {"lock-contended", "handovers"}, controlFails = true)
    @Description("dict.update(other) || put and remove on other: the two-object section excludes; every count exact")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: every key and value is counted exactly as often as the dicts and holders reference it")
    @Outcome(id = "[1-9][0-9]*, 0, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "leaks: an object's count is above its references: a release was lost (r1 = how many)")
    @Outcome(id = "[0-9]+, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "loses-counts: an object's count is below its references (an increment was lost) or it was freed (r2 = how many)")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "loses-counts: other changed under the copy and an operation failed (r3 = how many)")
    @State
    public static class UpdateChange {
        private static final ActorRuntime RT = ActorRuntime.checked(UpdateChange.class);

        private final Rendezvous meet = new Rendezvous();
        private RcDict other;
        private RcObject[] keys;
        private RcObject[] fresh;
        private final RcObject[] removedB = new RcObject[ROUNDS];
        private int failedB;

        /**
         * Actor A: fills other, copies it into a new dict, then audits both.
         *
         * @param r r1 = objects counted above their references, r2 = below, r3 = operations that failed
         */
        @Actor
        public void copier(final III_Result r) {
            final RcRuntime rt = RT.runtime();
            final RcObject[] values;
            try (ActorRuntime.Turn turn = RT.turn()) {
                other = rt.newDict();
                keys = new RcObject[ROUNDS];
                for (int i = 0; i < ROUNDS; i++) {
                    keys[i] = rt.newStr("key" + i);
                }
                values = Batch.newObjects(rt, ROUNDS);
                fresh = Batch.newObjects(rt, ROUNDS);
                for (int i = 0; i < ROUNDS; i++) {
                    other.put(keys[i], values[i]);
                }
            }
            meet.meetA(1);
            final RcDict copy;
            int failed = 0;
            try (ActorRuntime.Turn turn = RT.turn()) {
                copy = rt.newDict();
                try {
                    copy.update(other);
                } catch (final RuntimeException e) {
                    failed++;
                }
            }
            meet.awaitFinish();
            try (ActorRuntime.Turn turn = RT.turn()) {
                turn.settle();
                final HoldingAudit audit = new HoldingAudit(rt);
                audit.countDict(copy, keys);
                audit.countDict(other, keys);
                audit.countHeld(keys);
                audit.countHeld(values);
                audit.countHeld(fresh);
                audit.countHeld(removedB);
                r.r1 = audit.countedHigh();
                r.r2 = audit.countedLow();
                r.r3 = failed + failedB;
                releaseAll(rt, removedB);
                releaseAll(rt, keys);
                releaseAll(rt, values);
                releaseAll(rt, fresh);
                ListRace.releaseQuietly(rt, copy);
                ListRace.releaseQuietly(rt, other);
                other = null;
                keys = null;
                fresh = null;
            }
        }

        /** Actor B: maps every even key of other to a fresh value and removes every odd one, keeping it. */
        @Actor
        public void changer() {
            meet.meetB(1);
            int failed = 0;
            try (ActorRuntime.Turn turn = RT.turn()) {
                for (int i = ROUNDS - 1; i >= 0; i--) {
                    try {
                        if (i % 2 == 0) {
                            other.put(keys[i], fresh[i]);
                        } else {
                            removedB[i] = other.remove(keys[i]);
                        }
                    } catch (final RuntimeException e) {
                        failed++;
                    }
                }
            }
            failedB = failed;
            meet.finish();
        }
    }

    /** Releases references whose fate the audit has judged; {@code null} entries are skipped. */
    private static void releaseAll(final RcRuntime rt, final RcObject[] objects) {
        for (final RcObject o : objects) {
            if (o != null) {
                ListRace.releaseQuietly(rt, o);
            }
        }
    }
}
