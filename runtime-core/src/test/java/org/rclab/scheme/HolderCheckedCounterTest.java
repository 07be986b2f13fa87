package org.rclab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

class HolderCheckedCounterTest {
    /** A lock whose "held" answer the test sets. */
    private static final class FakeLock implements HolderCheckedCounter.Lock {
        boolean held = true;

        @Override
        public boolean heldByCurrentThread() {
            return held;
        }

        @Override
        public RuntimeException notHeld(final String action) {
            return new IllegalStateException("cannot " + action + ": not held");
        }
    }

    @Test
    void countsChangeWhileHeldAndChangesFailNamingTheObjectWhenNot() {
        final FakeLock lock = new FakeLock();
        final HolderCheckedCounter counter = new HolderCheckedCounter(lock);
        try (RcRuntime rt = RcRuntime.create("unsafe"); RuntimeThread self = rt.attach()) {
            final RcStr s = rt.newStr("checked");
            counter.init(s);
            counter.incref(s);
            assertEquals(2, counter.count(s));
            lock.held = false;
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> counter.incref(s));
            assertTrue(e.getMessage().startsWith("cannot incref str object #"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> counter.decref(s));
            assertEquals(2, counter.count(s), "a refused change changed nothing");
            lock.held = true;
            assertFalse(counter.decref(s));
            assertTrue(counter.decref(s), "the last decref tells the caller to free");
            // Both counters keep the count in the header's local field: set it back to the
            // runtime's one reference and release that through the runtime.
            counter.init(s);
            rt.decref(s);
            rt.heap().assertNoLeaks();
        }
    }
}
