package org.rclab.finegrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rclab.heap.Tracking;
import org.rclab.object.RcList;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.Schemes;

/** Atomic counts and containers shared by threads under {@code fine-grained}. */
class FineGrainedSchemeTest {
    private static final int APPENDS_PER_THREAD = 10_000;

    private RcRuntime rt;

    @BeforeEach
    void openRuntime() {
        rt = RcRuntime.builder(Schemes.byName(FineGrainedScheme.NAME)).tracking(Tracking.OBJECTS).build();
    }

    @AfterEach
    void closeRuntime() {
        rt.close();
    }

    @Test
    void twoThreadsAppendingTenThousandItemsEachEndWithEveryItemAndExactCounts() {
        final RcList list = rt.newList();
        final List<List<RcStr>> made = List.of(new ArrayList<>(), new ArrayList<>());
        Workers.run(rt, 2, (worker, index) -> {
            for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                final RcStr item = rt.newStr(index + ":" + i);
                list.append(item);
                made.get(index).add(item);
                if (i % 2 == 0) {
                    // Half the items keep a second reference, so "exact" is not just "one".
                    continue;
                }
                rt.decref(item);
            }
        });
        assertEquals(2 * APPENDS_PER_THREAD, list.size());
        for (final List<RcStr> items : made) {
            for (int i = 0; i < items.size(); i++) {
                assertEquals(i % 2 == 0 ? 2 : 1, rt.refcount(items.get(i)), items.get(i).toString());
            }
        }
        rt.decref(list);
        for (final List<RcStr> items : made) {
            for (int i = 0; i < items.size(); i++) {
                final RcStr item = items.get(i);
                assertEquals(i % 2 == 0, !item.isFreed(), "freed exactly when the list held the last reference");
                if (i % 2 == 0) {
                    rt.decref(item);
                }
            }
        }
        rt.heap().assertNoLeaks();
        assertEquals(0, rt.heap().misuseCount());
    }

    @Test
    void tryIncrefAddsToALiveObjectAndRefusesOneWhoseCountReachedZero() {
        final RefCounter counter = rt.schemeInstance().refCounter();
        assertTrue(counter.lockFreeReads());
        final RcStr s = rt.newStr("s");
        assertTrue(counter.tryIncref(s));
        assertEquals(2, rt.refcount(s));
        rt.decref(s);
        rt.decref(s);
        assertTrue(s.isFreed());
        assertFalse(counter.tryIncref(s), "a count that reached zero never rises again");
        assertEquals(0, counter.count(s));
        rt.heap().assertNoLeaks();
    }
}
