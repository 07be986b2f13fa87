package org.rclab.brc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.rclab.object.RcList;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The runtime counts each container read made without the lock as a hit or a fallback, so the
 * stress suite can prove its lock-free rows took that path.
 */
class LockFreeReadMetricsTest {
    @Test
    void ownerReadIsAHitAndNonOwnerReadOfAnUnsharedItemFallsBack() throws Exception {
        try (RcRuntime rt = RcRuntime.create(BrcScheme.NAME); RuntimeThread self = rt.attach()) {
            final RcList list = rt.newList();
            final RcStr item = rt.newStr("x");
            list.append(item);
            rt.decref(item);

            // The owner holds the item through its local count: try-incref succeeds.
            rt.decref(list.get(0));
            // Another thread finds a shared count of zero: try-incref refuses, the read takes the lock.
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread other = new Thread(() -> {
                try (RuntimeThread handle = rt.attach()) {
                    rt.decref(list.get(0));
                } catch (final RuntimeException | Error e) {
                    failure.set(e);
                }
            });
            other.start();
            other.join();

            assertEquals(null, failure.get());
            assertEquals(1, rt.metrics().value("brc." + RcRuntime.LOCK_FREE_READS));
            assertEquals(1, rt.metrics().value("brc." + RcRuntime.LOCK_FREE_FALLBACKS));
            rt.decref(list);
            self.checkpoint();
            rt.heap().assertNoLeaks();
        }
    }
}
