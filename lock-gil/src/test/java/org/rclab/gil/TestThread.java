package org.rclab.gil;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A daemon thread for tests that keeps what its body threw, so a failed assertion inside it fails
 * the test, and a thread stuck on a broken lock cannot keep the test JVM alive.
 */
final class TestThread {
    /** A test thread's body. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private TestThread(final String name, final Body body) {
        thread = new Thread(() -> {
            try {
                body.run();
            } catch (final Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.setDaemon(true);
    }

    static TestThread start(final String name, final Body body) {
        final TestThread t = new TestThread(name, body);
        t.thread.start();
        return t;
    }

    /** Waits for the thread to end and rethrows what it threw, if anything. */
    void joinAndRethrow() throws Exception {
        thread.join();
        final Throwable t = failure.get();
        if (t instanceof Exception) {
            throw (Exception) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new AssertionError(thread.getName() + " failed", t);
        }
    }
}
