package org.rclab.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/** What an interpreter needs of the model: ints of any size, floats, its own types, dict order. */
class ValuesForInterpretersTest {
    @Test
    void anIntHasOneRepresentationWhateverItsSize() {
        try (RcRuntime rt = RcRuntime.create("unsafe");
             RuntimeThread self = rt.attach()) {
            assertSame(rt.newInt(5), rt.newInt(BigInteger.valueOf(5)), "small values come from the cache");
            final RcInt fits = rt.newInt(BigInteger.valueOf(Long.MIN_VALUE));
            assertFalse(fits.isBig());
            final BigInteger huge = BigInteger.TWO.pow(70);
            final RcInt big = rt.newInt(huge);
            final RcInt same = rt.newInt(huge);
            assertTrue(big.isBig());
            assertEquals(big, same);
            assertEquals(big.hashCode(), same.hashCode());
            assertEquals("1180591620717411303424", big.repr());
            assertThrows(ArithmeticException.class, big::value);
            assertThrows(IllegalArgumentException.class, () -> new RcBigInt(rt, BigInteger.ONE));
            rt.decref(fits);
            rt.decref(big);
            rt.decref(same);
            rt.heap().assertNoLeaks();
        }
    }

    @Test
    void floatsAndAdoptedObjectsAreCountedAndFreed() {
        try (RcRuntime rt = RcRuntime.create("unsafe");
             RuntimeThread self = rt.attach()) {
            final RcFloat f = rt.newFloat(0.5);
            assertEquals(1, rt.heap().live(RcType.FLOAT));
            final RcObject own = rt.adopt(new RcObject(rt, false) {
                @Override
                public RcType type() {
                    return RcType.OBJECT;
                }

                @Override
                public String typeName() {
                    return "function";
                }

                @Override
                public String repr() {
                    return "<function f>";
                }
            });
            assertTrue(own.describe().startsWith("function object #"), own.describe());
            assertEquals(1, rt.heap().live(RcType.OBJECT));
            assertThrows(IllegalArgumentException.class, () -> rt.adopt(rt.newInt(1)), "immortals are not adopted");
            rt.decref(f);
            rt.decref(own);
            rt.heap().assertNoLeaks();
        }
    }

    @Test
    void dictSnapshotKeepsInsertionOrderAndGivesReferences() {
        try (RcRuntime rt = RcRuntime.create("unsafe");
             RuntimeThread self = rt.attach()) {
            final RcDict d = rt.newDict();
            final String[] names = {"c", "a", "b", "zz", "m"};
            for (final String name : names) {
                final RcStr k = rt.newStr(name);
                d.put(k, k);
                rt.decref(k);
            }
            final RcStr a = rt.newStr("a");
            final RcFloat replaced = rt.newFloat(1.0);
            d.put(a, replaced);
            final RcObject[] entries = d.snapshot();
            assertEquals(10, entries.length);
            for (int i = 0; i < names.length; i++) {
                assertEquals(names[i], ((RcStr) entries[2 * i]).value(), "a replaced value keeps its key's place");
            }
            assertSame(replaced, entries[3]);
            assertEquals(3, rt.refcount(replaced), "ours, the dict's and the snapshot's");
            for (final RcObject e : entries) {
                rt.decref(e);
            }
            rt.decref(a);
            rt.decref(replaced);
            rt.decref(d);
            rt.heap().assertNoLeaks();
        }
    }
}
