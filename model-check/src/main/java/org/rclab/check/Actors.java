package org.rclab.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The threads of one invocation: the calling thread (attached, typically the objects' owner)
 * plus actors started on fresh threads, each attached for its whole body.
 *
 * <p>The caller waits for the actors with the runtime released, as an interpreter blocked in a
 * join would: under a GIL, waiting while holding it would keep the actors out forever. An actor's
 * exception is rethrown by {@link #join()} so that the model checker reports it with the
 * interleaving that led to it.
 */
public final class Actors {
    private final RcRuntime runtime;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    /**
     * Actors of one runtime.
     *
     * @param runtime the runtime every actor attaches to
     */
    public Actors(final RcRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Starts an actor: a thread that attaches, runs the body and detaches.
     *
     * @param body what the actor does while attached
     * @return this
     */
    public Actors start(final Consumer<RuntimeThread> body) {
        final Thread thread = new Thread(() -> {
            try (RuntimeThread self = runtime.attach()) {
                body.accept(self);
            } catch (final Throwable t) {
                synchronized (failures) {
                    failures.add(t);
                }
            }
        });
        threads.add(thread);
        thread.start();
        return this;
    }

    /**
     * Waits for every actor, with the calling thread's runtime released, then rethrows the first
     * actor's failure.
     *
     * @param self the calling thread's handle
     */
    public void joinReleased(final RuntimeThread self) {
        self.release();
        try {
            join();
        } finally {
            self.reacquire();
        }
    }

    /** Waits for every actor (the caller is not attached), then rethrows the first failure. */
    public void join() {
        for (final Thread thread : threads) {
            try {
                thread.join();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while joining " + thread.getName(), e);
            }
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                final Throwable first = failures.get(0);
                if (first instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) first;
            }
        }
    }
}
