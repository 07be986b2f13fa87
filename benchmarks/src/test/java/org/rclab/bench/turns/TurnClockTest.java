package org.rclab.bench.turns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.Test;
import org.rclab.bench.report.Turns;

class TurnClockTest {
    /** A participant that reports CPU time: 7 ns of it per invocation. */
    private static final class Reporting implements LongUnaryOperator, LongSupplier {
        @Override
        public long applyAsLong(final long invocations) {
            return 42;
        }

        @Override
        public long getAsLong() {
            return 7;
        }
    }

    @Test
    void theSecondaryResultsTheReportReadsAreTheClocksPublicLongFields() throws NoSuchFieldException {
        // JMH names an @AuxCounters result after its field: a renamed field would leave the report's
        // "CPU held in its turns" rows silently empty.
        for (final String name : new String[] {Turns.TURN_WALL, Turns.TURN_CPU}) {
            final Field field = CellsInTurn.TurnClock.class.getField(name);
            assertEquals(long.class, field.getType(), name);
            assertEquals(0, field.getModifiers() & Modifier.STATIC, name);
        }
    }

    @Test
    void onlyAParticipantReportingCpuTimeAddsToTheClock() {
        final CellsInTurn.TurnClock clock = new CellsInTurn.TurnClock();
        assertEquals(42, clock.time(invocations -> 42));
        assertEquals(0, clock.turnWallNanos, "a bare cell reports no CPU time, so its wall time is not recorded");
        assertEquals(42, clock.time(new Reporting()));
        assertEquals(7, clock.turnCpuNanos);
        clock.reset();
        assertEquals(0, clock.turnCpuNanos + clock.turnWallNanos);
    }
}
