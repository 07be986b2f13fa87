package org.rclab.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;

import org.junit.jupiter.api.Test;
import org.rclab.heap.MisuseKind;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * A list in a state only two threads inside its critical sections at once can make is reported
 * as the scheme's broken promise, counted by the heap, instead of an internal exception. The
 * states are made here by writing the list's size directly, which is what a lost or torn update
 * under a scheme without exclusion leaves behind.
 */
class BrokenPromiseTest {
    private static void setSize(final RcList list, final int size) throws ReflectiveOperationException {
        final Field field = RcList.class.getDeclaredField("size");
        field.setAccessible(true);
        field.setInt(list, size);
    }

    @Test
    void anEmptyItemSlotBelowTheSizeNamesTheSchemeAndThePromise() throws Exception {
        try (RcRuntime rt = RcRuntime.create("unsafe"); RuntimeThread self = rt.attach()) {
            final RcList list = rt.newList();
            list.append(rt.none());
            list.append(rt.none());
            setSize(list, 3);
            final RefcountMisuseException pop = assertThrows(RefcountMisuseException.class, list::pop);
            assertEquals(MisuseKind.BROKEN_PROMISE, pop.kind());
            assertTrue(pop.getMessage().contains("scheme 'unsafe' let two threads into critical sections"),
                    pop.getMessage());
            assertTrue(pop.getMessage().contains("pop found empty item slot 2 (size 3) of " + list.describe()),
                    pop.getMessage());
            final RefcountMisuseException get = assertThrows(RefcountMisuseException.class, () -> list.get(2));
            assertEquals(MisuseKind.BROKEN_PROMISE, get.kind());
            assertTrue(get.getCause() instanceof NullPointerException, "the internal exception is kept as the cause");
            assertEquals(2, rt.heap().misuseCount(MisuseKind.BROKEN_PROMISE));
            setSize(list, 2);
            rt.decref(list);
        }
    }

    @Test
    void aSizeBeyondTheStorageNamesTheSchemeAndThePromise() throws Exception {
        try (RcRuntime rt = RcRuntime.create("unsafe"); RuntimeThread self = rt.attach()) {
            final RcList list = rt.newList();
            setSize(list, 5);
            final RefcountMisuseException append = assertThrows(RefcountMisuseException.class,
                    () -> list.append(rt.none()));
            assertEquals(MisuseKind.BROKEN_PROMISE, append.kind());
            assertTrue(append.getMessage().contains("append found size 5 beyond capacity 4"), append.getMessage());
            final RefcountMisuseException get = assertThrows(RefcountMisuseException.class, () -> list.get(4));
            assertTrue(get.getMessage().contains("get found size 5 beyond capacity 4"), get.getMessage());
            assertEquals(2, rt.heap().misuseCount(MisuseKind.BROKEN_PROMISE));
            setSize(list, 0);
            rt.decref(list);
        }
    }
}
