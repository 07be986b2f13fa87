package org.rclab.bench;

import org.openjdk.jmh.infra.Control;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The attachment of one JMH worker thread in a benchmark where several worker threads share a
 * runtime. It holds the runtime only while its thread measures.
 *
 * <p>Why: between iterations JMH makes its worker threads meet at barriers. Under a GIL a thread
 * that waited at a barrier while holding the lock would keep the other thread, blocked on the
 * lock inside the benchmark method, from ever reaching the barrier: a deadlock. So the thread
 * attaches and at once releases the runtime; it takes it back at the start of each iteration
 * ({@link #resume()}, from an iteration-level setup, which JMH runs after its set-up barrier) and
 * releases it as soon as JMH says measurement has stopped ({@link #pauseIfStopped(Control)},
 * called by the benchmark method, which JMH keeps calling until every thread has finished).
 */
final class MeasuringThread {
    private final RuntimeThread self;

    /**
     * Attaches the calling thread, lets it make its own objects, then releases the runtime.
     *
     * @param runtime the shared runtime; no other thread may hold it idle
     * @param makeObjects run while attached, to make the objects this thread will own
     */
    MeasuringThread(final RcRuntime runtime, final Runnable makeObjects) {
        this.self = runtime.attach();
        makeObjects.run();
        self.release();
    }

    /** Takes the runtime back for an iteration; call from {@code @Setup(Level.Iteration)}. */
    void resume() {
        if (self.isReleased()) {
            self.reacquire();
        }
    }

    /**
     * Releases the runtime once JMH has stopped measuring this iteration.
     *
     * @param control JMH's control of the running iteration
     * @return {@code true} if measurement has stopped and the caller must not touch objects
     */
    boolean pauseIfStopped(final Control control) {
        if (!control.stopMeasurement) {
            return false;
        }
        if (!self.isReleased()) {
            self.release();
        }
        return true;
    }

    /**
     * A checkpoint, as an interpreter passes one on every loop back-edge.
     */
    void checkpoint() {
        self.checkpoint();
    }

    /**
     * Takes the runtime back, lets the thread drop its objects, and detaches; call from
     * {@code @TearDown(Level.Trial)}.
     *
     * @param dropObjects run while attached, to release the references this thread holds
     */
    void detach(final Runnable dropObjects) {
        resume();
        dropObjects.run();
        self.detach();
    }
}
