package org.rclab.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * A second thread attached to a benchmark's runtime that makes objects, so that they are owned by
 * a thread other than the measuring ones, and keeps one reference to each until it is closed.
 *
 * <p>While the benchmark runs it idles with the runtime released: under a GIL an idle attached
 * thread that kept the lock would stop every measured thread. On {@link #close()} it takes the
 * runtime back, drops its references and detaches; the owner thread thus stays alive for the
 * whole trial, which is the case biased counting's slow path is built for.
 */
final class SideThread implements AutoCloseable {
    private final RcRuntime runtime;
    private final Function<RcRuntime, List<RcObject>> maker;
    private final Thread thread;
    private final CountDownLatch made = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile List<RcObject> objects;
    private volatile Throwable failure;

    private SideThread(final RcRuntime runtime, final String name, final Function<RcRuntime, List<RcObject>> maker) {
        this.runtime = runtime;
        this.maker = maker;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts the thread and waits until it has made its objects and released the runtime. The
     * calling thread must not hold the runtime (under a GIL the side thread could not attach).
     *
     * @param runtime the runtime to attach to
     * @param name the thread's name
     * @param maker makes the objects; each comes with one reference the side thread keeps
     * @return the started thread
     */
    static SideThread start(final RcRuntime runtime, final String name,
                            final Function<RcRuntime, List<RcObject>> maker) {
        final SideThread side = new SideThread(runtime, name, maker);
        side.thread.start();
        await(side.made, name + " did not make its objects");
        side.rethrow();
        return side;
    }

    /**
     * The objects the thread made, in the order the maker returned them.
     *
     * @return the objects
     */
    List<RcObject> objects() {
        return objects;
    }

    /**
     * Stops the thread: it takes the runtime back, releases its references and detaches. The
     * calling thread must not hold the runtime.
     */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(BenchRuntimes.HELPER_TIMEOUT_SECONDS));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + thread.getName(), e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " did not stop within "
                    + BenchRuntimes.HELPER_TIMEOUT_SECONDS + " s (a scheme that never hands the runtime over?)");
        }
        rethrow();
    }

    private void run() {
        try (RuntimeThread self = runtime.attach()) {
            objects = List.copyOf(maker.apply(runtime));
            self.release();
            made.countDown();
            stop.await();
            self.reacquire();
            for (final RcObject o : objects) {
                runtime.decref(o);
            }
        } catch (final Throwable t) {
            failure = t;
        } finally {
            made.countDown();
        }
    }

    private void rethrow() {
        final Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException(thread.getName() + " failed: " + t, t);
        }
    }

    static void await(final CountDownLatch latch, final String what) {
        try {
            if (!latch.await(BenchRuntimes.HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(what + " within " + BenchRuntimes.HELPER_TIMEOUT_SECONDS + " s");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }
}
