package org.rclab.bench;

import org.rclab.object.RcInt;
import org.rclab.runtime.RuntimeThread;

/**
 * The loop of the seeds' program {@code while n > 0: n -= 1}, run on runtime objects as CPython
 * runs it: the counter is a runtime int, every step allocates the next value, stores it in the
 * frame slot, drops the old value (which frees it) and passes a checkpoint, as the interpreter
 * does on each loop back-edge.
 *
 * <p>The values stay above the immortal small-int cache, so every step really allocates and
 * frees. The step makes and drops its ints through the thread's handle ({@link RuntimeThread#newInt},
 * {@link RuntimeThread#decref}), as an eval loop does through the thread state it keeps in a local
 * ({@code tstate} in CPython's): the path a runtime's own hot loop takes. The frame slot is a field, not a local: the new int escapes into the heap as a Python
 * local does into its frame, so the JIT cannot scalar-replace the allocation away. Each instance is
 * the frame of one call ({@link CountdownCalls} makes one per call and says why).
 *
 * <p>The slot is written at every step, and each counting thread has its own frame: two of them
 * in one cache line would bounce it between the cores and slow exactly the two-thread shapes. A
 * frame is made by its own thread, but a GC copies both to wherever its worker puts them. Checked
 * with JOL's {@code VM.addressOf} after each of 12 countdowns, under three schemes, when one frame
 * served a whole trial: the two frames ended 560–632 bytes apart, never in one 64-byte line or one
 * 128-byte pair. The slot is padded
 * all the same, 128 bytes on each side (two lines: Intel's spatial prefetcher fetches lines in
 * pairs), so no GC placement can put another thread's hot field next to it.
 */
final class CountdownStep extends CountdownStepSlot {
    // The padding after the slot; the padding before it is in the superclasses (HotSpot lays out a
    // superclass's fields before a subclass's, so the order pad, slot, pad is kept).
    @SuppressWarnings("unused")
    private long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;


    /**
     * Counts down {@code steps} times.
     *
     * @param self the calling thread's attachment, holding the runtime; the step makes and drops
     *             ints through it, as CPython's eval loop works through its thread state
     * @param steps how many steps
     * @return the final counter value, for the caller to consume
     */
    long run(final RuntimeThread self, final long steps) {
        final long last = BenchRuntimes.FIRST_MORTAL_INT;
        slot = self.newInt(last + steps);
        while (slot.value() > last) {
            final RcInt next = self.newInt(slot.value() - 1);
            self.decref(slot);
            slot = next;
            self.checkpoint();
        }
        final long result = slot.value();
        self.decref(slot);
        slot = null;
        return result;
    }
}

/** 128 bytes before {@link CountdownStep}'s slot. */
abstract class CountdownStepPadBefore {
    // The header is 12 bytes and the first long starts at 16: HotSpot would put the subclass's slot
    // (a compressed reference) into bytes 12-15, next to the object before (it did until the
    // thirteenth session). This int takes the gap.
    @SuppressWarnings("unused")
    private int headerGap;
    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

/** {@link CountdownStep}'s frame slot, between its paddings. */
abstract class CountdownStepSlot extends CountdownStepPadBefore {
    /** The frame slot: the current counter value. */
    RcInt slot;
}
