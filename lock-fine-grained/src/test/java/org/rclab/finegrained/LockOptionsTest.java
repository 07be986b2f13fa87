package org.rclab.finegrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rclab.object.Header;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;
import org.rclab.scheme.TimedWaits;

/** {@code lock-spins} and {@code timed-waits}: the lock's two settings for model checking. */
class LockOptionsTest {
    private final Scheme scheme = Schemes.byName(FineGrainedScheme.NAME);

    @Test
    void bothOptionsAreDeclaredAndDefaultToTheMeasuredLock() {
        assertTrue(scheme.options().containsKey(LockOptions.SPINS_OPTION), scheme.options().toString());
        assertTrue(scheme.options().containsKey(TimedWaits.OPTION), scheme.options().toString());
        try (RcRuntime rt = RcRuntime.create(FineGrainedScheme.NAME)) {
            assertEquals(LockOptions.DEFAULT, sections(rt).options());
            assertEquals(new LockOptions(40, 1_000_000L, 50_000L), LockOptions.DEFAULT);
        }
    }

    @Test
    void givenValuesAreRead() {
        try (RcRuntime rt = RcRuntime.builder(scheme).option(LockOptions.SPINS_OPTION, " 0 ")
                .option(TimedWaits.OPTION, "expired").build()) {
            assertEquals(new LockOptions(0, 0, 0), sections(rt).options());
        }
    }

    @Test
    void parksExpireZeroesOnlyTheFirstParkAndKeepsTheFairnessLimitOnTheClock() {
        try (RcRuntime rt = RcRuntime.builder(scheme).option(TimedWaits.OPTION, "parks-expire").build()) {
            assertEquals(new LockOptions(LockOptions.DEFAULT_SPINS, ObjectLock.FAIR_AFTER_NANOS, 0),
                    sections(rt).options());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "41", "+5", "1.5", "many", "9999999999"})
    void malformedSpinsAreRefusedInOneLineNamingTheOption(final String text) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RcRuntime.builder(scheme).option(LockOptions.SPINS_OPTION, text).build());
        assertEquals("lock-spins: '" + text + "' is not a whole number from 0 to 40 (default 40)", e.getMessage());
    }

    @Test
    void malformedTimedWaitsAreRefusedNamingTheOption() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RcRuntime.builder(scheme).option(TimedWaits.OPTION, "never").build());
        assertTrue(e.getMessage().startsWith("timed-waits: 'never'"), e.getMessage());
    }

    /**
     * With {@code lock-spins=0} a contended acquirer parks at once, and with expired waits the
     * unlock hands it the lock with no sleep to age it past 1 ms (as {@code ObjectLockTest} needs
     * on the clock): exactly one park and one hand-off, and the word left clear. On a real clock
     * this cannot tell the option from the clock: run with {@code clock} it passed too, because
     * the test's own wait for the parked state took over 1 ms. What tells them apart is the model
     * checker, whose clock never moves: {@code fine-grained × section-exclusion}
     * ({@code parks-expire}) shows parks, lost wake-ups taken back and no hand-off,
     * {@code lock-handoff} ({@code expired}) hand-offs, and model-check's
     * {@code PathsTheClockHidTest} requires them.
     */
    @Test
    void withExpiredWaitsAnUnlockHandsTheLockToAWaiterParkedForAnyTime() throws Exception {
        try (RcRuntime rt = RcRuntime.builder(scheme).option(LockOptions.SPINS_OPTION, "0")
                .option(TimedWaits.OPTION, "expired").build()) {
            final RcList guarded = rt.newList();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread waiter;
            try (CriticalSection held = rt.enter(guarded)) {
                waiter = new Thread(() -> {
                    try (CriticalSection section = rt.enter(guarded)) {
                        assertTrue(ObjectLock.isLocked(guarded));
                    } catch (final Throwable t) {
                        failure.set(t);
                    }
                }, "parked-waiter");
                waiter.start();
                assertTimeoutPreemptively(Workers.LIVENESS_GUARD, () -> Workers.awaitParkedWaiter(guarded));
            }
            assertTimeoutPreemptively(Workers.LIVENESS_GUARD, () -> waiter.join());
            assertEquals(null, failure.get());
            assertEquals(1, rt.metrics().value("fine-grained.lock-parks"));
            assertEquals(1, rt.metrics().value("fine-grained.handoffs"));
            assertEquals(0, Header.lockWordVolatile(guarded));
            rt.decref(guarded);
            rt.heap().assertNoLeaks();
        }
    }

    private static ObjectCriticalSections sections(final RcRuntime rt) {
        return (ObjectCriticalSections) rt.schemeInstance().criticalSections();
    }
}
