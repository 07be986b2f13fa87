package org.rclab.gilpriority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rclab.gilpriority.PriorityGilTesting.lock;
import static org.rclab.gilpriority.PriorityGilTesting.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;

/** The scheme's option, its validation, and the misuse a lock that must be held catches. */
class PriorityGilOptionsAndMisuseTest {
    @Test
    void switchIntervalIsDeclaredAndDefaultsToFiveMilliseconds() {
        final Scheme scheme = Schemes.byName(GilPriorityScheme.NAME);
        assertTrue(scheme.options().containsKey("switch-interval-ms"), scheme.options().toString());
        try (RcRuntime rt = RcRuntime.builder(scheme).build()) {
            assertEquals(5_000_000L, lock(rt).switchIntervalNanos());
        }
    }

    @Test
    void switchIntervalIsReadFromTheOptionAndChangeableWhileRunning() {
        try (RcRuntime rt = runtime("2.5")) {
            assertEquals(2_500_000L, lock(rt).switchIntervalNanos());
            lock(rt).setSwitchIntervalMillis(0.5);
            assertEquals(500_000L, lock(rt).switchIntervalNanos());
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lock(rt).setSwitchIntervalMillis(0));
            assertTrue(e.getMessage().startsWith("switch-interval-ms: "), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "fast", "1e3", "NaN", ""})
    void malformedSwitchIntervalFailsTheRuntimeNamingTheOption(final String value) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runtime(value).close());
        assertTrue(e.getMessage().startsWith("switch-interval-ms: "), e.getMessage());
        assertTrue(e.getMessage().contains("greater than 0"), e.getMessage());
    }

    @Test
    void touchingObjectsWhileReleasedFailsWithStrictChecks() throws Exception {
        try (RcRuntime rt = runtime("5"); RuntimeThread self = rt.attach()) {
            final RcStr s = rt.newStr("kept");
            final PriorityGilNotHeldException e = self.callReleased(
                    () -> assertThrows(PriorityGilNotHeldException.class, () -> rt.incref(s)));
            assertTrue(e.getMessage().contains("cannot incref str object #"), e.getMessage());
            assertTrue(e.getMessage().contains("held by nobody"), e.getMessage());
            assertEquals(1, rt.refcount(s), "the refused incref changed nothing");
            rt.decref(s);
            rt.heap().assertNoLeaks();
        }
    }

    @Test
    void checkpointAndSectionsFailForAThreadThatDoesNotHoldTheLock() throws Exception {
        try (RcRuntime rt = runtime("5"); RuntimeThread self = rt.attach()) {
            final RcStr s = rt.newStr("kept");
            self.callReleased(() -> {
                assertThrows(PriorityGilNotHeldException.class, () -> rt.enter(s));
                assertThrows(PriorityGilNotHeldException.class, () -> rt.enter(s, s));
                // The runtime refuses a released thread's checkpoint before the gate is called.
                assertThrows(IllegalStateException.class, self::checkpoint);
                return null;
            });
            rt.decref(s);
        }
    }
}
