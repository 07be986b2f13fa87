package org.rclab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final int REGISTRATIONS = 20_000;

    @Test
    void snapshotListsEveryMetricInRegistrationOrder() {
        final Metrics metrics = new Metrics();
        metrics.counter("x.first", "one").add(3);
        metrics.maximum("x.second", "two").accumulate(7);
        metrics.counter("x.first", "registered again: same counter").increment();
        assertEquals(Map.of("x.first", 4L, "x.second", 7L), metrics.snapshot());
        assertEquals("[x.first, x.second]", metrics.snapshot().keySet().toString());
        assertEquals("one", metrics.description("x.first"));
        assertThrows(IllegalArgumentException.class, () -> metrics.maximum("x.first", "clash"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("x.second", "clash"));
        assertThrows(IllegalArgumentException.class, () -> metrics.value("x.none"));
        assertNull(metrics.description("x.none"));
    }

    @Test
    void aCounterKeptElsewhereIsReadThroughItsFunctionAsACounter() {
        final Metrics metrics = new Metrics();
        final AtomicLong kept = new AtomicLong(5);
        metrics.counterSum("x.kept", "counted elsewhere", kept::get);
        kept.addAndGet(2);
        assertEquals(7, metrics.value("x.kept"));
        assertEquals(Map.of("x.kept", 7L), metrics.snapshot());
        assertFalse(metrics.isMaximum("x.kept"));
        assertEquals("counted elsewhere", metrics.description("x.kept"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counterSum("x.kept", "again", () -> 0));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("x.kept", "not an adder"));
        assertThrows(IllegalArgumentException.class, () -> metrics.maximum("x.kept", "not a maximum"));
    }

    /**
     * A snapshot taken while another thread registers metrics sees each metric whole or not at
     * all. (Before the fix, a name became visible before its value: the snapshot threw a
     * {@code NullPointerException} on the first race it met.)
     */
    @Test
    void snapshotWhileMetricsAreRegisteredSeesEachWholeOrNotAtAll() throws Exception {
        final Metrics metrics = new Metrics();
        final CountDownLatch start = new CountDownLatch(1);
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread registrar = new Thread(() -> {
            try {
                start.await();
                for (int i = 0; i < REGISTRATIONS; i++) {
                    if (i % 2 == 0) {
                        metrics.counter("c." + i, "counter " + i).increment();
                    } else {
                        metrics.maximum("m." + i, "maximum " + i).accumulate(i);
                    }
                }
            } catch (final Throwable t) {
                failure.set(t);
            } finally {
                done.set(true);
            }
        }, "registrar");
        registrar.start();
        start.countDown();
        int snapshots = 0;
        while (!done.get()) {
            metrics.snapshot();
            snapshots++;
        }
        registrar.join();
        assertNull(failure.get());
        assertEquals(REGISTRATIONS, metrics.snapshot().size(), "after " + snapshots + " snapshots");
    }
}
