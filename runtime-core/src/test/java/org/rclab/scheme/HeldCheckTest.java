package org.rclab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/** The SPI's checks for a scheme with one lock per runtime: counts and sections refuse a caller without it. */
class HeldCheckTest {
    /** A lock that is held or not as the test says. */
    private static final class Switch implements HeldCheck {
        boolean held = true;
        String refused;

        @Override
        public boolean heldByCurrentThread() {
            return held;
        }

        @Override
        public RuntimeException notHeld(final String action) {
            refused = action;
            return new IllegalStateException(action);
        }
    }

    @Test
    void countsPlainlyWhileTheLockIsHeldAndRefusesEveryChangeWhenItIsNot() {
        try (RcRuntime rt = RcRuntime.create("unsafe"); RuntimeThread self = rt.attach()) {
            final RcStr s = rt.newStr("s");
            final Switch lock = new Switch();
            final CheckedPlainRefCounter counter = new CheckedPlainRefCounter(lock);
            counter.incref(s);
            assertEquals(2, counter.count(s));
            assertFalse(counter.decref(s));
            lock.held = false;
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> counter.incref(s));
            assertSame(lock.refused, e.getMessage());
            assertTrue(e.getMessage().startsWith("incref str object"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> counter.decref(s));
            assertThrows(IllegalStateException.class, () -> counter.init(s));
            assertEquals(1, counter.count(s), "a refused change changes nothing; reading is never refused");
            rt.decref(s);
        }
    }

    @Test
    void sectionsLockNothingButRefuseACallerWithoutTheLock() {
        try (RcRuntime rt = RcRuntime.create("unsafe"); RuntimeThread self = rt.attach()) {
            final RcStr a = rt.newStr("a");
            final RcStr b = rt.newStr("b");
            final Switch lock = new Switch();
            final CheckedNoOpSections sections = new CheckedNoOpSections(lock);
            assertSame(CriticalSection.NONE, sections.enter(a));
            assertSame(CriticalSection.NONE, sections.enter(a, b));
            lock.held = false;
            assertThrows(IllegalStateException.class, () -> sections.enter(a));
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> sections.enter(a, b));
            assertTrue(e.getMessage().startsWith("enter a critical section on str object"), e.getMessage());
            rt.decref(a);
            rt.decref(b);
        }
    }
}
