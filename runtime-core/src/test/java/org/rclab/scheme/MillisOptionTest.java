package org.rclab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MillisOptionTest {
    private final MillisOption option = new MillisOption("switch-interval-ms", 5.0);

    @Test
    void absentOptionGivesTheDefault() {
        assertEquals(5_000_000L, option.parseNanos(null));
    }

    @Test
    void decimalMillisecondsAreRoundedToNanoseconds() {
        assertEquals(1_000_000L, option.parseNanos("1"));
        assertEquals(500_000L, option.parseNanos(" 0.5 "));
        assertEquals(1L, option.parseNanos("0.000001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-1", "abc", "NaN", "1e3", "5d", "0x10", "0.0000001", "99999999999999999999"})
    void malformedValueIsRejectedNamingTheOption(final String text) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> option.parseNanos(text));
        assertTrue(e.getMessage().startsWith("switch-interval-ms: "), e.getMessage());
        assertTrue(e.getMessage().contains("default 5.0"), e.getMessage());
    }

    @Test
    void invalidDefaultIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MillisOption("x-ms", 0));
    }
}
