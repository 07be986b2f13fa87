package org.rclab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jdk.jfr.Event;
import jdk.jfr.Recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rclab.object.RcInt;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.runtime.events.ThreadAttachEvent;
import org.rclab.runtime.events.ThreadDetachEvent;
import org.rclab.scheme.Schemes;

/**
 * The shipped schemes' slow paths emit the events the lanes are built from: each scenario drives
 * one path to completion with latches and flags (no timing), then reads the recording back.
 */
class SchemeEventsTest {
    @Test
    void aGilWaiterRequestsADropAndTheHolderIsForcedToSwitch(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("gil.jfr");
        try (RcRuntime rt = RcRuntime.create("gil")) {
            final AtomicBoolean waiterIn = new AtomicBoolean();
            final CountDownLatch holderIn = new CountDownLatch(1);
            record(file, "gil", () -> {
                final Thread holder = new Thread(() -> {
                    try (RuntimeThread self = rt.attach()) {
                        holderIn.countDown();
                        // Runs until the waiter has had the GIL, which only a forced switch gives it.
                        while (!waiterIn.get()) {
                            self.checkpoint();
                        }
                    }
                }, "holder");
                final Thread waiter = new Thread(() -> {
                    awaitQuietly(holderIn);
                    try (RuntimeThread self = rt.attach()) {
                        waiterIn.set(true);
                    }
                }, "waiter");
                runAll(holder, waiter);
            });
        }
        final Timeline t = LaneBuilder.build(TraceReader.read(file));
        assertEquals(List.of("org.rclab.gil.DropRequest"), names(lane(t, "waiter").marks()));
        assertEquals(List.of("org.rclab.gil.ForcedSwitch"), names(lane(t, "holder").marks()));
        assertTrue(t.handovers() >= 2, "the waiter took the lock from the holder and back: " + t.handovers());
        assertEquals(1L, t.counts().get("org.rclab.gil.ForcedSwitch"));
        assertTrue(lane(t, "waiter").total(State.WAITING) > 0);
        assertTrue(lane(t, "holder").total(State.WAITING) > 0, "the holder waited for the switch and to take back");
    }

    @Test
    void aBrcReleaseByANonOwnerIsQueuedAndTheOwnerMergesIt(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("brc.jfr");
        try (RcRuntime rt = RcRuntime.create("brc")) {
            final AtomicReference<RcInt> shared = new AtomicReference<>();
            final CountDownLatch made = new CountDownLatch(1);
            final CountDownLatch released = new CountDownLatch(1);
            record(file, "brc", () -> {
                final Thread owner = new Thread(() -> {
                    try (RuntimeThread self = rt.attach()) {
                        final RcInt n = rt.newInt(1L << 40);
                        rt.incref(n);
                        shared.set(n);
                        made.countDown();
                        self.callReleased(() -> {
                            released.await();
                            return null;
                        });
                        self.checkpoint();
                        rt.decref(n);
                    } catch (final InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, "owner");
                final Thread other = new Thread(() -> {
                    awaitQuietly(made);
                    try (RuntimeThread self = rt.attach()) {
                        rt.decref(shared.get());
                    }
                    released.countDown();
                }, "other");
                runAll(owner, other);
            });
            rt.heap().assertNoLeaks();
        }
        final Timeline t = LaneBuilder.build(TraceReader.read(file));
        assertEquals(List.of("org.rclab.brc.Queued"), names(lane(t, "other").marks()));
        assertEquals(1L, t.counts().get("org.rclab.brc.Queued"));
        assertEquals(1L, t.counts().get("org.rclab.brc.MergeExplicit"));
        assertTrue(lane(t, "owner").total(State.RELEASED) > 0);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void record(final Path file, final String scheme, final Body body) throws Exception {
        try (Recording recording = new Recording()) {
            for (final Class<? extends Event> type : Schemes.byName(scheme).events()) {
                recording.enable(type).withoutStackTrace().withoutThreshold();
            }
            recording.enable(ThreadAttachEvent.class).withoutStackTrace();
            recording.enable(ThreadDetachEvent.class).withoutStackTrace();
            recording.enable(org.rclab.runtime.events.ReleasedEvent.class).withoutStackTrace().withoutThreshold();
            recording.start();
            body.run();
            recording.stop();
            recording.dump(file);
        }
    }

    private static void runAll(final Thread... threads) throws InterruptedException {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        for (final Thread t : threads) {
            t.setUncaughtExceptionHandler((th, e) -> failure.compareAndSet(null, e));
            t.start();
        }
        for (final Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a thread failed", failure.get());
        }
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (final InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(final List<Timeline.Mark> marks) {
        return marks.stream().map(Timeline.Mark::name).toList();
    }

    private static Timeline.Lane lane(final Timeline t, final String name) {
        return t.lanes().stream().filter(l -> l.threadName().equals(name)).findFirst().orElseThrow();
    }
}
