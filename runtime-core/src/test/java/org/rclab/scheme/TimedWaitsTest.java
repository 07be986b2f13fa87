package org.rclab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimedWaitsTest {
    @Test
    void absentOptionMeansTheClock() {
        assertEquals(TimedWaits.CLOCK, TimedWaits.parse(null));
    }

    @Test
    void bothWordsAreAccepted() {
        assertEquals(TimedWaits.CLOCK, TimedWaits.parse("clock"));
        assertEquals(TimedWaits.EXPIRED, TimedWaits.parse(" expired "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "EXPIRED", "0", "true", "expire"})
    void anyOtherTextIsRefusedInOneLineNamingTheOption(final String text) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimedWaits.parse(text));
        assertEquals("timed-waits: '" + text + "' is not one of clock, expired (default clock)", e.getMessage());
    }
}
