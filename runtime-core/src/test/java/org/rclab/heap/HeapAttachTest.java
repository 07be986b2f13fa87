package org.rclab.heap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

class HeapAttachTest {
    @Test
    void aThreadOwnsItsAccountingSlotFromTheMomentItAttaches() throws Exception {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        try (RcRuntime rt = RcRuntime.create("unsafe")) {
            final Thread t = new Thread(() -> {
                try {
                    assertFalse(rt.heap().ownsCounters(), "a new thread has no slot yet");
                    try (RuntimeThread self = rt.attach()) {
                        // Before any allocation: the first one must not take the slow path.
                        assertTrue(rt.heap().ownsCounters());
                    }
                } catch (final Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }
}
