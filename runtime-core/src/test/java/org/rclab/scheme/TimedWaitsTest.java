package org.rclab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimedWaitsTest {
    @Test
    void absentOptionMeansTheClock() {
        assertEquals(TimedWaits.CLOCK, TimedWaits.parse(null));
    }

    @Test
    void everyWordIsAccepted() {
        assertEquals(TimedWaits.CLOCK, TimedWaits.parse("clock"));
        assertEquals(TimedWaits.EXPIRED, TimedWaits.parse(" expired "));
        assertEquals(TimedWaits.PARKS_EXPIRE, TimedWaits.parse("parks-expire"));
    }

    @Test
    void parksExpireUnderBothValuesButTheClock() {
        assertFalse(TimedWaits.CLOCK.parksExpire());
        assertTrue(TimedWaits.EXPIRED.parksExpire());
        assertTrue(TimedWaits.PARKS_EXPIRE.parksExpire());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "EXPIRED", "0", "true", "expire", "parks_expire", "PARKS-EXPIRE", "parks-expired"})
    void anyOtherTextIsRefusedInOneLineNamingTheOption(final String text) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimedWaits.parse(text));
        assertEquals("timed-waits: '" + text + "' is not one of clock, expired, parks-expire (default clock)", e.getMessage());
    }
}
