package org.rclab.brc;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * A second thread a test steps one action at a time: each {@link #call} runs on the actor's own
 * Java thread (always the same one, so it can own objects, detach and attach again) and returns
 * only when the action is done, so the test's steps happen in exactly the order written. The
 * wait has a generous bound as a liveness guard only.
 */
final class Actor implements AutoCloseable {
    private static final Duration LIVENESS_GUARD = Duration.ofSeconds(60);

    /** An action run on the actor's thread. */
    @FunctionalInterface
    interface Step {
        /**
         * Runs the action.
         *
         * @throws Exception to fail the test
         */
        void run() throws Exception;
    }

    private final RcRuntime rt;
    private final ExecutorService executor;
    private final Thread thread;
    private RuntimeThread attachment;

    Actor(final String name, final RcRuntime rt) {
        this.rt = rt;
        final Thread[] made = new Thread[1];
        this.executor = Executors.newSingleThreadExecutor(r -> {
            made[0] = new Thread(r, name);
            // A stuck actor fails its test through the liveness guard; it must not also keep the JVM alive.
            made[0].setDaemon(true);
            return made[0];
        });
        call(() -> null);
        this.thread = made[0];
    }

    /**
     * Runs an action on the actor's thread and waits for it.
     *
     * @param action what to do
     * @param <T> what it returns
     * @return its result
     */
    <T> T call(final Callable<T> action) {
        final Future<T> result = executor.submit(action);
        try {
            return result.get(LIVENESS_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new AssertionError("actor step failed", cause);
        } catch (final TimeoutException e) {
            throw new AssertionError(thread + " did not finish a step within " + LIVENESS_GUARD + ": stuck", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + thread, e);
        }
    }

    /**
     * Runs an action that returns nothing on the actor's thread and waits for it.
     *
     * @param step what to do
     */
    void run(final Step step) {
        call(() -> {
            step.run();
            return null;
        });
    }

    /**
     * Submits a long action (a race loop) without waiting; the caller waits on the returned future.
     *
     * @param step what to do
     * @return its completion
     */
    Future<?> start(final Step step) {
        return executor.submit(() -> {
            step.run();
            return null;
        });
    }

    /** Attaches the actor's thread to the runtime. */
    void attach() {
        run(() -> attachment = rt.attach());
    }

    /** Detaches the actor's thread; the runtime counts it detached even if the scheme's detach throws. */
    void detach() {
        run(() -> {
            try {
                attachment.detach();
            } finally {
                attachment = null;
            }
        });
    }

    /** Passes a checkpoint on the actor's thread. */
    void checkpoint() {
        run(() -> attachment.checkpoint());
    }

    /**
     * The actor's Java thread.
     *
     * @return the thread every step runs on
     */
    Thread thread() {
        return thread;
    }

    @Override
    public void close() {
        run(() -> {
            if (attachment != null) {
                attachment.detach();
                attachment = null;
            }
        });
        executor.shutdown();
    }
}
