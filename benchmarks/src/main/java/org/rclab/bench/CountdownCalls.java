package org.rclab.bench;

import org.rclab.runtime.RuntimeThread;

/**
 * One counting thread's calls of the countdown, each in a frame of its own, as CPython makes a
 * frame for each call of {@code countdown(n)}.
 *
 * <p>Why not one frame for the whole trial: a long-lived frame is promoted to the old generation
 * after a few collections, and from then on every store of a new int into its slot pays G1's
 * post-write barrier in full, a locked instruction per step (about 2.8 ns of a 14.7 ns gil step,
 * 20%, in {@code runtime-core/docs/step-cost}), which CPython's stores into its frame do not pay;
 * and when the frame was promoted depended on the fork, which moved the countdown's figures
 * between forks. A frame made for the call stays young for the call (a countdown is tens of
 * milliseconds), where G1 filters the barrier out after one load.
 *
 * <p>The frame is stored in {@link #current}, the thread's pointer to its running frame (CPython's
 * thread state has one), so it escapes: the JIT can scalar-replace neither the frame nor the ints
 * stored in its slot.
 */
final class CountdownCalls {
    /** The running call's frame, {@code null} between calls. */
    private CountdownStep current;

    /**
     * Calls the countdown in a new frame.
     *
     * @param self the calling thread's attachment, holding the runtime
     * @param steps how many steps
     * @return the final counter value, for the caller to consume
     */
    long call(final RuntimeThread self, final long steps) {
        final CountdownStep frame = new CountdownStep();
        current = frame;
        try {
            return frame.run(self, steps);
        } finally {
            current = null;
        }
    }
}
