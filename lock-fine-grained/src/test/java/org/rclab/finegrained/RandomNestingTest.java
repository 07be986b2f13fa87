package org.rclab.finegrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;

/**
 * A soak of everything at once: threads enter random one- and two-object sections over a few
 * shared objects, nested up to three deep in random orders, sometimes running released work
 * inside. Every section does a slow plain read-modify-write of its objects' counters; a lost
 * update means two threads were inside one object's sections together, a hang means a lock
 * cycle or a lost wake-up.
 */
class RandomNestingTest {
    private static final int OBJECTS = 4;
    private static final int THREADS = 4;
    private static final int ROUNDS = 20_000;
    private static final int MAX_DEPTH = 3;
    private static final int RELEASE_ONE_IN = 2_000;
    private static final int RACE_WINDOW_SPINS = 50;

    /** Plain counters, one per object, changed only inside a section over that object. */
    private final long[] counters = new long[OBJECTS];
    private final AtomicLong expected = new AtomicLong();

    @Test
    void randomlyNestedSectionsKeepExclusionAndFinish() {
        final RcRuntime rt = RcRuntime.create(FineGrainedScheme.NAME);
        final RcList[] objects = new RcList[OBJECTS];
        for (int i = 0; i < OBJECTS; i++) {
            objects[i] = rt.newList();
        }
        Workers.run(rt, THREADS, (worker, index) -> {
            final SplittableRandom random = new SplittableRandom(index);
            for (int i = 0; i < ROUNDS; i++) {
                enterRandomly(rt, worker, objects, random, 1);
            }
        });
        long total = 0;
        for (final long c : counters) {
            total += c;
        }
        assertEquals(expected.get(), total, "no update inside a section was lost");
        for (final RcList o : objects) {
            assertFalse(ObjectLock.isLocked(o));
            rt.decref(o);
        }
        rt.heap().assertNoLeaks();
        rt.close();
    }

    private void enterRandomly(final RcRuntime rt, final RuntimeThread worker, final RcList[] objects,
                               final SplittableRandom random, final int depth) throws Exception {
        final int x = random.nextInt(OBJECTS);
        final int y = random.nextInt(OBJECTS);
        final boolean pair = random.nextBoolean();
        try (CriticalSection section = pair ? rt.enter(objects[x], objects[y]) : rt.enter(objects[x])) {
            incrementSlowly(x);
            if (pair) {
                incrementSlowly(y);
            }
            if (depth < MAX_DEPTH && random.nextInt(3) == 0) {
                enterRandomly(rt, worker, objects, random, depth + 1);
            }
            if (random.nextInt(RELEASE_ONE_IN) == 0) {
                worker.callReleased(() -> {
                    Thread.yield();
                    return null;
                });
            }
            // Again after the nested section or the released work: an outer section must hold
            // its objects again by the time its body continues.
            incrementSlowly(x);
            if (pair) {
                incrementSlowly(y);
            }
        }
        expected.addAndGet(pair ? 4 : 2);
    }

    private void incrementSlowly(final int i) {
        final long seen = counters[i];
        for (int spin = 0; spin < RACE_WINDOW_SPINS; spin++) {
            Thread.onSpinWait();
        }
        counters[i] = seen + 1;
    }
}
