package org.rclab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rclab.gil.GilTesting.gil;
import static org.rclab.gil.GilTesting.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;

/** The switch interval: the runtime option, its validation, and changing it while running. */
class SwitchIntervalTest {
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

    @Test
    void intervalCanBeChangedWhileThreadsRun() {
        try (RcRuntime rt = runtime("5")) {
            final GilInstance gil = gil(rt);
            gil.setSwitchIntervalMillis(0.25);
            assertEquals(0.25, gil.switchIntervalMillis());
            assertEquals(250_000, SwitchInterval.ofMillis(0.25).nanos());
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
