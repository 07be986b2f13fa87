package org.rclab.stress.scenarios;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.rclab.object.Header;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;

/*
 * Scenario 19: one thread names objects (RcObject.id()) while another frees them or makes them
 * immortal.
 *
 * An object's id and its state bits (immortal, freed) share one word of the header, and neither
 * writer owns it: the id is assigned by whichever thread names the object first (a two-object
 * critical section orders its locks by id, a parking lot hashes it, an event records it), the
 * state by the runtime's free or a scheme's saturating count. Each write must keep the other
 * half, so both are compare-and-sets on the whole word, retried when the other half changed in
 * between. A write made from a stale read (a plain store, or a CAS that does not retry) loses
 * the other half: a freed object reads as live again, an immortal one is counted again, or an
 * object changes its id after a thread has used it.
 *
 * Actor A makes a batch and, in its turn, releases its only reference to each (or makes each
 * immortal, as a saturating count does); actor B names each object, walking the batch from its
 * end so that the walks cross. B names with the runtime released: naming changes no count, and
 * under a GIL a turn would serialise it with A's work and hide the race, which is the runtime's
 * word and the same under every scheme. B names objects it holds no reference to, as a thread
 * that queued its reference to an owner and then records an event naming the object does. The
 * runtimes have strict checks on, so every scheme frees by compare-and-set; a thread-safe scheme
 * without strict checks frees with a release store instead, which may lose an id named at that
 * instant (RcObject.id() says so), and is not what these rows check.
 */
public final class IdRace {
    /** Objects per sample. */
    static final int OBJECTS = 64;

    private IdRace() {
    }

    /** Actor B names every object while actor A releases the last reference to each. */
    @JCStressTest
    @Scenario("19-id-free")
    @Description("id() || free of one object: the object stays freed and keeps the id it was named by")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: every object freed, each keeping the id it was named by")
    @Outcome(id = "[1-9][0-9]*, [0-9]+, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "loses-counts: lost update of the header word: an object's id changed after it was named (r1 = how many)")
    @Outcome(id = "0, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "use-after-free: naming undid the freed mark: a freed object reads as live again (r2 = how many)")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "use-after-free: the runtime refused a last release as a use of a freed object (r3 = how many)")
    @State
    public static class NameFree {
        private static final ActorRuntime RT = ActorRuntime.checked(NameFree.class);

        private final Rendezvous meet = new Rendezvous();
        private RcObject[] objects;
        private long[] named;

        /**
         * Actor A: makes the objects, releases its only reference to each, then judges.
         *
         * @param r r1 = ids changed after naming, r2 = objects not freed, r3 = releases refused
         */
        @Actor
        public void owner(final III_Result r) {
            final RcRuntime rt = RT.runtime();
            try (ActorRuntime.Turn turn = RT.turn()) {
                objects = Batch.newObjects(rt, OBJECTS);
            }
            meet.meetA(1);
            final int refused;
            try (ActorRuntime.Turn turn = RT.turn()) {
                refused = Batch.decrefEach(rt, objects);
            }
            meet.awaitFinish();
            try (ActorRuntime.Turn turn = RT.turn()) {
                turn.settle();
                r.r1 = idsChanged(objects, named);
                r.r2 = OBJECTS - Batch.countFreed(objects);
                r.r3 = refused;
                objects = null;
                named = null;
            }
        }

        /** Actor B, released: names every object, from the end of the batch. */
        @Actor
        public void other() {
            meet.meetB(1);
            named = nameEachReversed(objects);
            meet.finish();
        }
    }

    /** Actor B names every object while actor A makes each immortal. */
    @JCStressTest
    @Scenario("19-id-immortal")
    @Description("id() || immortalising one object: the object stays immortal and keeps the id it was named by")
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
            desc = "exact: every object immortal, each keeping the id it was named by")
    @Outcome(id = "[1-9][0-9]*, [0-9]+, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "loses-counts: lost update of the header word: an object's id changed after it was named (r1 = how many)")
    @Outcome(id = "0, [1-9][0-9]*, [0-9]+", expect = Expect.FORBIDDEN,
            desc = "loses-counts: naming undid the immortal mark: the object is counted again, from a count that stopped counting (r2 = how many)")
    @Outcome(id = "0, 0, [1-9][0-9]*", expect = Expect.FORBIDDEN,
            desc = "error: making a live object immortal was refused: naming set a state bit (r3 = how many)")
    @State
    public static class NameImmortalise {
        private static final ActorRuntime RT = ActorRuntime.checked(NameImmortalise.class);

        private final Rendezvous meet = new Rendezvous();
        private RcObject[] objects;
        private long[] named;

        /**
         * Actor A: makes the objects, makes each immortal (what a scheme's saturating count does,
         * {@link Header#makeImmortal}), then judges.
         *
         * @param r r1 = ids changed after naming, r2 = objects not immortal, r3 = immortalisations
         *          refused
         */
        @Actor
        public void owner(final III_Result r) {
            final RcRuntime rt = RT.runtime();
            try (ActorRuntime.Turn turn = RT.turn()) {
                objects = Batch.newObjects(rt, OBJECTS);
            }
            meet.meetA(1);
            int refused = 0;
            try (ActorRuntime.Turn turn = RT.turn()) {
                for (final RcObject o : objects) {
                    if (!Header.makeImmortal(o)) {
                        refused++;
                    }
                }
            }
            meet.awaitFinish();
            try (ActorRuntime.Turn turn = RT.turn()) {
                turn.settle();
                int mortal = 0;
                for (final RcObject o : objects) {
                    if (!o.isImmortal()) {
                        mortal++;
                    }
                }
                r.r1 = idsChanged(objects, named);
                r.r2 = mortal;
                r.r3 = refused;
                // Immortal objects are never freed: the sample just drops them (the heap counts
                // them as live, which no row reads).
                objects = null;
                named = null;
            }
        }

        /** Actor B, released: names every object, from the end of the batch. */
        @Actor
        public void other() {
            meet.meetB(1);
            named = nameEachReversed(objects);
            meet.finish();
        }
    }

    /** Names each object, last first, so that the walk crosses actor A's forward walk. */
    private static long[] nameEachReversed(final RcObject[] objects) {
        final long[] ids = new long[objects.length];
        for (int i = objects.length - 1; i >= 0; i--) {
            ids[i] = objects[i].id();
        }
        return ids;
    }

    /** How many objects now answer {@code id()} with another id than the one they were named by. */
    private static int idsChanged(final RcObject[] objects, final long[] named) {
        int changed = 0;
        for (int i = 0; i < objects.length; i++) {
            if (objects[i].id() != named[i]) {
                changed++;
            }
        }
        return changed;
    }
}
