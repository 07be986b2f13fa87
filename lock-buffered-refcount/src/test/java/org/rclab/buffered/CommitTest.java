package org.rclab.buffered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rclab.heap.MisuseKind;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/** Who commits, and when: full logs, quiesce, the commit thread, closing, unattached threads, misuse. */
class CommitTest {
    private static Committer committer(final RcRuntime rt) {
        return ((BufferedScheme.Instance) rt.schemeInstance()).committer();
    }

    private static RcRuntime.Builder buffered() {
        return RcRuntime.builder(new BufferedScheme());
    }

    @Test
    void fullLogMakesItsThreadCommitAndCountsTheWait() {
        try (RcRuntime rt = buffered().option(BufferedScheme.LOG_CAPACITY, "4")
                .option(BufferedScheme.COMMIT_THREAD, "off").build();
             RuntimeThread self = rt.attach()) {
            final RcObject o = rt.newStr("x");
            for (int i = 0; i < 10; i++) {
                rt.incref(o);
            }
            assertTrue(rt.metrics().value(BufferedMetrics.FULL_LOG_WAITS) >= 2,
                    "ten entries in a ring of four need at least two commits by the logging thread");
            assertTrue(rt.metrics().value(BufferedMetrics.FULL_LOG_WAIT_NANOS) > 0);
            assertTrue(rt.refcount(o) > 1, "the thread's own commits applied some increments");
            rt.quiesce();
            assertEquals(11, rt.refcount(o));
            for (int i = 0; i < 11; i++) {
                rt.decref(o);
            }
            rt.quiesce();
            assertTrue(o.isFreed());
            assertEquals(21, rt.metrics().value(BufferedMetrics.ENTRIES_APPLIED));
            assertEquals(1, rt.metrics().value(BufferedMetrics.OBJECTS_FREED));
            assertTrue(rt.metrics().value(BufferedMetrics.BACKLOG_HIGH_WATER) >= 4);
        }
    }

    @Test
    void commitThreadAppliesLogsWithoutBeingAsked() throws InterruptedException {
        try (RcRuntime rt = buffered().build(); RuntimeThread self = rt.attach()) {
            final RcObject o = rt.newStr("x");
            rt.incref(o);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rt.refcount(o) != 2) {
                assertTrue(System.nanoTime() < deadline, "the commit thread applied nothing in 30 s");
                Thread.onSpinWait();
            }
            assertTrue(rt.metrics().value(BufferedMetrics.BACKGROUND_COMMITS) >= 1);
            rt.decref(o);
            rt.decref(o);
            rt.quiesce();
            assertTrue(o.isFreed());
        }
    }

    @Test
    void closeStopsTheCommitThreadAndAppliesWhatADeadThreadLogged() throws Exception {
        final RcRuntime rt = buffered().build();
        final Committer committer = committer(rt);
        assertTrue(committer.threadAlive());
        final RcObject[] made = new RcObject[1];
        final AttachedWorker worker = new AttachedWorker(rt, "dies attached");
        worker.step(self -> {
            made[0] = rt.newStr("x");
            rt.incref(made[0]);
            rt.decref(made[0]);
            rt.decref(made[0]);
        });
        worker.endWithoutDetaching();
        rt.close();
        assertFalse(committer.threadAlive(), "close left the commit thread running");
        assertTrue(made[0].isFreed());
        rt.heap().assertNoLeaks();
    }

    @Test
    void threadsThatAreNotAttachedShareALogThatIsApplied() throws InterruptedException {
        try (RcRuntime rt = buffered().option(BufferedScheme.LOG_CAPACITY, "2").build()) {
            final RcObject[] made = new RcObject[2];
            final Thread[] threads = new Thread[2];
            for (int t = 0; t < threads.length; t++) {
                final int index = t;
                threads[t] = new Thread(() -> {
                    final RcObject o = rt.newStr("x");
                    for (int i = 0; i < 100; i++) {
                        rt.incref(o);
                    }
                    for (int i = 0; i < 100; i++) {
                        rt.decref(o);
                    }
                    made[index] = o;
                });
                threads[t].start();
            }
            for (final Thread thread : threads) {
                thread.join();
            }
            rt.quiesce();
            assertEquals(1, rt.refcount(made[0]));
            assertEquals(1, rt.refcount(made[1]));
            rt.decref(made[0]);
            rt.decref(made[1]);
            rt.quiesce();
            rt.heap().assertNoLeaks();
        }
    }

    @Test
    void releaseOfAnObjectTheCommitWillFreeIsThrownByQuiesce() {
        try (RcRuntime rt = buffered().option(BufferedScheme.COMMIT_THREAD, "off").build();
             RuntimeThread self = rt.attach()) {
            final RcObject o = rt.newStr("x");
            rt.decref(o);
            rt.decref(o);      // logged: the runtime cannot see yet that the count reaches zero
            final RefcountMisuseException e = assertThrows(RefcountMisuseException.class, rt::quiesce);
            assertEquals(MisuseKind.OVER_RELEASE, e.kind());
            assertEquals(1, rt.heap().misuseCount(MisuseKind.OVER_RELEASE));
            assertEquals(1, rt.heap().freed(), "the object is freed once");
            rt.quiesce();      // thrown once
        }
    }

    @Test
    void malformedOptionsAreRefusedByName() {
        final IllegalArgumentException capacity = assertThrows(IllegalArgumentException.class,
                () -> buffered().option(BufferedScheme.LOG_CAPACITY, "1000").build());
        assertTrue(capacity.getMessage().contains(BufferedScheme.LOG_CAPACITY), capacity.getMessage());
        final IllegalArgumentException thread = assertThrows(IllegalArgumentException.class,
                () -> buffered().option(BufferedScheme.COMMIT_THREAD, "maybe").build());
        assertTrue(thread.getMessage().contains(BufferedScheme.COMMIT_THREAD), thread.getMessage());
    }
}
