package org.rclab.gilpriority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rclab.gilpriority.PriorityGilTesting.LIVENESS_GUARD;
import static org.rclab.gilpriority.PriorityGilTesting.join;
import static org.rclab.gilpriority.PriorityGilTesting.start;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Schemes;
import org.rclab.scheme.TimedWaits;

/** The {@code timed-waits} option: with {@code expired} no rule of the lock depends on the clock. */
class PriorityTimedWaitsTest {
    /** Ten minutes: with the clock, no interval of this length elapses within {@code LIVENESS_GUARD}. */
    private static final String BEYOND_THE_GUARD_MS = "600000";

    private static RcRuntime runtime(final String waits) {
        return RcRuntime.builder(Schemes.byName(GilPriorityScheme.NAME))
                .option(GilPriorityScheme.SWITCH_INTERVAL_OPTION, BEYOND_THE_GUARD_MS)
                .option(TimedWaits.OPTION, waits).build();
    }

    @Test
    void aMalformedValueIsRefusedNamingTheOption() {
        assertTrue(Schemes.byName(GilPriorityScheme.NAME).options().containsKey(TimedWaits.OPTION));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runtime("later"));
        assertTrue(e.getMessage().startsWith("timed-waits: 'later'"), e.getMessage());
    }

    /**
     * A waiting-class thread behind a CPU-bound holder is entitled only after a full interval,
     * here far beyond the guard: on the clock the holder would spin until the guard fails the test
     * (seen by running this with {@code clock}). With expired waits the new waiter is entitled as
     * soon as it is head, asks for a drop, and the holder's next checkpoint hands it the lock.
     */
    @Test
    void withExpiredWaitsAQueueHeadIsEntitledAtOnceWhateverTheInterval() {
        try (RcRuntime rt = runtime("expired")) {
            final CountDownLatch holding = new CountDownLatch(1);
            final AtomicBoolean waiterGotIn = new AtomicBoolean();
            assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
                final FutureTask<Void> cpuBound = start("cpu-bound", () -> {
                    try (RuntimeThread self = rt.attach()) {
                        holding.countDown();
                        while (!waiterGotIn.get()) {
                            rt.decref(rt.newStr("work"));
                            self.checkpoint();
                        }
                    }
                    return null;
                });
                holding.await();
                try (RuntimeThread self = rt.attach()) {
                    waiterGotIn.set(true);
                }
                join(cpuBound);
            });
            assertEquals(1, rt.metrics().value(PriorityGilMetrics.FORCED_DROPS), rt.metrics().snapshot().toString());
            rt.heap().assertNoLeaks();
        }
    }
}
