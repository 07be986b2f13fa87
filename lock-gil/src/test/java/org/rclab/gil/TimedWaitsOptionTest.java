package org.rclab.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rclab.gil.GilTesting.attachBesideACpuBoundHolder;
import static org.rclab.gil.GilTesting.metric;

import org.junit.jupiter.api.Test;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.Schemes;
import org.rclab.scheme.TimedWaits;

/** The {@code timed-waits} option: with {@code expired} no wait of the GIL depends on the clock. */
class TimedWaitsOptionTest {
    /** Ten minutes: with the clock, no wait of this interval times out within {@code LIVENESS_GUARD}. */
    private static final String BEYOND_THE_GUARD_MS = "600000";

    private static RcRuntime runtime(final String waits) {
        return RcRuntime.builder(Schemes.byName(GilScheme.NAME)).option(SwitchInterval.OPTION, BEYOND_THE_GUARD_MS)
                .option(TimedWaits.OPTION, waits).build();
    }

    @Test
    void gilDeclaresTheOption() {
        assertTrue(Schemes.byName(GilScheme.NAME).options().containsKey(TimedWaits.OPTION));
    }

    @Test
    void aMalformedValueIsRefusedNamingTheOption() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runtime("soon"));
        assertTrue(e.getMessage().startsWith("timed-waits: 'soon'"), e.getMessage());
    }

    /**
     * The interval is far beyond the guard, so on the clock the attaching thread would wait for it
     * and the holder, which never drops on its own, would spin until the guard fails the test
     * (seen by running this with {@code clock}). With expired waits the waiter's first wait times
     * out at once: it asks for a drop, the holder's next checkpoint drops, and the forced drop's
     * own wait for the switch (also expired) ends when the waiter holds the lock.
     */
    @Test
    void withExpiredWaitsAWaiterAsksForADropAtOnceWhateverTheInterval() {
        try (RcRuntime rt = runtime("expired")) {
            attachBesideACpuBoundHolder(rt, () -> { });
            assertTrue(metric(rt, GilMetrics.DROP_REQUESTS) >= 1, rt.metrics().snapshot().toString());
            assertEquals(1, metric(rt, GilMetrics.FORCED_DROPS), rt.metrics().snapshot().toString());
            rt.heap().assertNoLeaks();
        }
    }
}
