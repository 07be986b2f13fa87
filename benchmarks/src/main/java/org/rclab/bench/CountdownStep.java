package org.rclab.bench;

import org.rclab.object.RcInt;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The loop of the seeds' program {@code while n > 0: n -= 1}, run on runtime objects as CPython
 * runs it: the counter is a runtime int, every step allocates the next value, stores it in the
 * frame slot, drops the old value (which frees it) and passes a checkpoint, as the interpreter
 * does on each loop back-edge.
 *
 * <p>The values stay above the immortal small-int cache, so every step really allocates and
 * frees. The frame slot is a field, not a local: the new int escapes into the heap as a Python
 * local does into its frame, so the JIT cannot scalar-replace the allocation away.
 */
final class CountdownStep {
    private RcInt slot;

    /**
     * Counts down {@code steps} times.
     *
     * @param runtime the runtime the thread is attached to
     * @param self the calling thread's attachment, holding the runtime
     * @param steps how many steps
     * @return the final counter value, for the caller to consume
     */
    long run(final RcRuntime runtime, final RuntimeThread self, final long steps) {
        final long last = BenchRuntimes.FIRST_MORTAL_INT;
        slot = runtime.newInt(last + steps);
        while (slot.value() > last) {
            final RcInt next = runtime.newInt(slot.value() - 1);
            runtime.decref(slot);
            slot = next;
            self.checkpoint();
        }
        final long result = slot.value();
        runtime.decref(slot);
        slot = null;
        return result;
    }
}
