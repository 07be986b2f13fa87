package org.rclab.gilticks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.Schemes;

/** The {@code check-interval} option: its default, valid values, and a clear error for the rest. */
class CheckIntervalOptionTest {
    @Test
    void defaultIsOneHundredTicksAsInCPython() {
        try (RcRuntime rt = RcRuntime.create(GilTicksScheme.NAME)) {
            assertEquals(100, ((GilTicksInstance) rt.schemeInstance()).checkInterval());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "7", " 250 ", "2147483647"})
    void wholeNumbersAboveZeroAreAccepted(final String text) {
        try (RcRuntime rt = build(text)) {
            assertEquals(Integer.parseInt(text.trim()), ((GilTicksInstance) rt.schemeInstance()).checkInterval());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "00", "-1", "-100", "abc", "", " ", "1.5", "1e3", "+5", "0x10", "2147483648",
        "99999999999999999999"})
    void anythingElseIsRejectedWithAnErrorNamingTheOption(final String text) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(text).close());
        assertTrue(e.getMessage().startsWith(CheckInterval.OPTION + ": '" + text + "' is "), e.getMessage());
        assertTrue(e.getMessage().contains("default 100"), e.getMessage());
    }

    @Test
    void zeroAndNegativesAreSaidToBeNotAboveZero() {
        for (final String text : new String[] {"0", "-3"}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(text).close());
            assertTrue(e.getMessage().contains("is not greater than zero"), e.getMessage());
        }
    }

    @Test
    void theOptionIsDeclaredWithWhatItMeans() {
        assertTrue(Schemes.byName(GilTicksScheme.NAME).options().containsKey(CheckInterval.OPTION));
    }

    private static RcRuntime build(final String text) {
        return RcRuntime.builder(Schemes.byName(GilTicksScheme.NAME)).option(CheckInterval.OPTION, text).build();
    }
}
