package org.rclab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rclab.gil.GilTesting.attachBesideACpuBoundHolder;
import static org.rclab.gil.GilTesting.gil;
import static org.rclab.gil.GilTesting.metric;
import static org.rclab.gil.GilTesting.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;

/** The switch interval: the runtime option, its validation, and changing it while running. */
class SwitchIntervalTest {
    /** Ten minutes: no wait with this interval times out within {@code LIVENESS_GUARD}. */
    private static final String BEYOND_THE_GUARD_MS = "600000";

    @Test
    void gilIsDiscoveredDeclaresTheOptionAndIsThreadSafe() {
        final Scheme scheme = Schemes.byName("gil");
        assertTrue(scheme instanceof GilScheme);
        assertTrue(scheme.threadSafe());
        assertTrue(scheme.options().containsKey("switch-interval-ms"));
    }

    @Test
    void intervalDefaultsToFiveMilliseconds() {
        try (RcRuntime rt = RcRuntime.create("gil")) {
            assertEquals(5.0, gil(rt).switchIntervalMillis());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0.5", " 2.25 ", ".75", "10."})
    void intervalOptionAcceptsDecimalMilliseconds(final String value) {
        try (RcRuntime rt = runtime(value)) {
            assertEquals(Double.parseDouble(value.trim()), gil(rt).switchIntervalMillis());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "-1", "NaN", "Infinity", "abc", "", "5d", "1e3", "0x10", "5ms",
        "0.0000001", "99999999999999999999"})
    void intervalOptionRejectsValuesThatAreNotPositiveDecimalMilliseconds(final String value) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runtime(value));
        assertTrue(e.getMessage().startsWith("switch-interval-ms: "), e.getMessage());
    }

    /**
     * The interval starts far longer than the liveness guard, so with it no waiter could ever
     * ask for the lock in time; it is shortened while a CPU-bound thread holds the GIL and passes
     * checkpoints. A thread that then attaches can only get the lock by a drop request after one
     * new interval (the holder never drops on its own), so it getting in at all proves the
     * running runtime took the new value. If the change were ignored the test would hang and the
     * guard would fail it.
     */
    @Test
    void intervalShortenedWhileAThreadHoldsTheGilGovernsTheNextWait() {
        try (RcRuntime rt = runtime(BEYOND_THE_GUARD_MS)) {
            final GilInstance gil = gil(rt);
            attachBesideACpuBoundHolder(rt, () -> gil.setSwitchIntervalMillis(0.5));
            assertEquals(0.5, gil.switchIntervalMillis());
            assertTrue(metric(rt, GilMetrics.DROP_REQUESTS) >= 1, "the waiter asked the holder to drop");
            assertTrue(metric(rt, GilMetrics.FORCED_DROPS) >= 1, "the holder dropped on request");
            rt.heap().assertNoLeaks();
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-9})
    void settingABadIntervalIsRejectedAndKeepsTheOldOne(final double millis) {
        try (RcRuntime rt = runtime("3")) {
            final GilInstance gil = gil(rt);
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> gil.setSwitchIntervalMillis(millis));
            assertTrue(e.getMessage().startsWith("switch-interval-ms: "), e.getMessage());
            assertEquals(3.0, gil.switchIntervalMillis());
        }
    }
}
