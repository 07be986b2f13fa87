package org.rclab.buffered;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * A thread attached to a runtime that runs one step at a time when told to, so a test decides the
 * exact order of two threads' log entries and the commit's cuts. Each {@link #step} returns once
 * the step has run on the worker: the step happens-before the test's next action.
 */
final class AttachedWorker implements AutoCloseable {
    private static final long STEP_BOUND_SECONDS = 30;

    private final BlockingQueue<Runnable> steps = new LinkedBlockingQueue<>();
    private final CompletableFuture<RuntimeThread> handle = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean detachAtEnd = true;

    AttachedWorker(final RcRuntime runtime, final String name) {
        thread = new Thread(() -> {
            final RuntimeThread self = runtime.attach();
            handle.complete(self);
            try {
                Runnable step;
                while ((step = steps.take()) != END) {
                    step.run();
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (detachAtEnd) {
                    self.detach();
                }
            }
        }, name);
        thread.start();
    }

    private static final Runnable END = () -> { };

    /**
     * The worker's attachment (its scheme state is its log).
     *
     * @return the handle
     */
    RuntimeThread handle() throws Exception {
        return handle.get(STEP_BOUND_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Runs a step on the worker and waits for it.
     *
     * @param body the step, given the worker's handle
     */
    void step(final Consumer<RuntimeThread> body) throws Exception {
        final RuntimeThread self = handle();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        steps.add(() -> {
            try {
                body.accept(self);
                done.complete(null);
            } catch (final Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(STEP_BOUND_SECONDS, TimeUnit.SECONDS);
    }

    /** Ends the worker's thread without detaching it, as a jcstress actor ends; waits for it. */
    void endWithoutDetaching() throws InterruptedException {
        detachAtEnd = false;
        close();
    }

    /** Ends the worker (detaching it) and waits for its thread. */
    @Override
    public void close() throws InterruptedException {
        steps.add(END);
        thread.join(TimeUnit.SECONDS.toMillis(STEP_BOUND_SECONDS));
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " did not end");
        }
    }
}
