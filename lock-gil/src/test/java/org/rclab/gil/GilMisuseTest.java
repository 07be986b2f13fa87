package org.rclab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rclab.gil.GilTesting.LIVENESS_GUARD;
import static org.rclab.gil.GilTesting.gil;

import org.junit.jupiter.api.Test;
import org.rclab.object.RcList;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Schemes;

/** Touching objects without the GIL, and attach/detach mistakes, fail clearly. */
class GilMisuseTest {
    private static RcRuntime runtime(final boolean strictChecks) {
        return RcRuntime.builder(Schemes.byName("gil")).strictChecks(strictChecks).build();
    }

    @Test
    void unattachedThreadCannotAllocateUnderStrictChecks() {
        try (RcRuntime rt = runtime(true)) {
            final GilNotHeldException e = assertThrows(GilNotHeldException.class, rt::newList);
            assertTrue(e.getMessage().contains("does not hold the GIL"), e.getMessage());
            assertTrue(e.getMessage().contains(Thread.currentThread().getName()), e.getMessage());
            assertEquals(0, rt.heap().live());
        }
    }

    @Test
    void releasedThreadTouchingCountsFailsUnderStrictChecks() {
        try (RcRuntime rt = runtime(true); RuntimeThread self = rt.attach()) {
            final RcStr s = rt.newStr("shared");
            final GilNotHeldException e = self.callReleased(
                    () -> assertThrows(GilNotHeldException.class, () -> rt.incref(s)));
            assertTrue(e.getMessage().contains("incref str object"), e.getMessage());
            assertThrows(GilNotHeldException.class, () -> self.callReleased(() -> {
                rt.decref(s);
                return null;
            }));
            assertEquals(1, rt.refcount(s), "a refused incref or decref must not change the count");
            rt.decref(s);
            rt.heap().assertNoLeaks();
        }
    }

    @Test
    void containerChangeWithoutTheGilFailsEvenWithStrictChecksOff() {
        try (RcRuntime rt = runtime(false); RuntimeThread self = rt.attach()) {
            final RcList list = rt.newList();
            final RcStr item = rt.newStr("item");
            self.release();
            final GilNotHeldException e = assertThrows(GilNotHeldException.class, () -> list.append(item));
            assertTrue(e.getMessage().contains("critical section"), e.getMessage());
            self.reacquire();
            assertEquals(0, list.size());
            rt.decref(item);
            rt.decref(list);
            rt.heap().assertNoLeaks();
        }
    }

    @Test
    void strictChecksOffLeaveCountsPlainEvenForAThreadWithoutTheGil() {
        // This is what the stress suite relies on to show released code losing counts.
        try (RcRuntime rt = runtime(false); RuntimeThread self = rt.attach()) {
            final RcStr s = rt.newStr("touched while released");
            self.callReleased(() -> {
                rt.incref(s);
                return null;
            });
            assertEquals(2, rt.refcount(s));
            rt.decref(s);
            rt.decref(s);
            rt.heap().assertNoLeaks();
        }
    }

    @Test
    void checkpointWithoutTheGilFails() {
        try (RcRuntime rt = runtime(true); RuntimeThread self = rt.attach()) {
            self.release();
            final IllegalStateException e = assertThrows(IllegalStateException.class, self::checkpoint);
            assertTrue(e.getMessage().contains("checkpoint"), e.getMessage());
            self.reacquire();
            self.checkpoint();
        }
    }

    @Test
    void attachingTwiceFailsWithoutLosingTheGil() {
        try (RcRuntime rt = runtime(true)) {
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                try (RuntimeThread self = rt.attach()) {
                    final IllegalStateException e = assertThrows(IllegalStateException.class, rt::attach);
                    assertTrue(e.getMessage().contains("already attached"), e.getMessage());
                    assertTrue(gil(rt).isHeldByCurrentThread());
                }
            });
            assertEquals(0, rt.attachedCount());
        }
    }
}
