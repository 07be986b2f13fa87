package org.rclab.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The state bits and the id live in one word ({@code RcObject.stateId}); writing either keeps the
 * other, whichever comes first, on each of the three paths that write the state.
 */
class StateAndIdShareAWordTest {
    @Test
    void aNamedObjectKeepsItsIdWhenFreedByCompareAndSet() {
        try (RcRuntime rt = RcRuntime.create("unsafe");
             RuntimeThread self = rt.attach()) {
            final RcList list = rt.newList();
            final long id = list.id();
            rt.decref(list); // unsafe: frees by compare-and-set, to catch double frees
            assertTrue(list.isFreed());
            assertEquals(id, list.id());
        }
    }

    @Test
    void aNamedObjectKeepsItsIdWhenFreedByTheSingleFreersStore() {
        try (RcRuntime rt = RcRuntime.create("unsafe");
             RuntimeThread self = rt.attach()) {
            final RcList list = rt.newList();
            final long id = list.id();
            Header.setFreedRelease(list); // the path of thread-safe schemes without strict checks
            assertTrue(list.isFreed());
            assertFalse(list.isImmortal());
            assertEquals(id, list.id());
        }
    }

    @Test
    void aNamedObjectKeepsItsIdWhenMadeImmortal() {
        try (RcRuntime rt = RcRuntime.create("unsafe");
             RuntimeThread self = rt.attach()) {
            final RcInt big = rt.newInt(1_000_000);
            final long id = big.id();
            assertTrue(Header.makeImmortal(big));
            assertTrue(big.isImmortal());
            assertFalse(big.isFreed());
            assertEquals(id, big.id());
            assertFalse(Header.markFreed(big), "an immortal is never freed");
        }
    }

    @Test
    void namingAFreedOrImmortalObjectKeepsItsState() {
        try (RcRuntime rt = RcRuntime.create("unsafe");
             RuntimeThread self = rt.attach()) {
            final RcList freed = rt.newList();
            rt.decref(freed);
            final long id = freed.id(); // as a misuse report naming it does
            assertTrue(id > 0);
            assertTrue(freed.isFreed());
            assertEquals(id, freed.id());
            final RcInt immortal = rt.newInt(7);
            final long smallId = immortal.id();
            assertTrue(immortal.isImmortal());
            assertFalse(immortal.isFreed());
            assertEquals(smallId, immortal.id());
        }
    }
}
