package org.rclab.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;
import org.openjdk.jol.vm.VM;

/**
 * The header's size as HotSpot lays it out, read by JOL. A countdown step's cost grows with the
 * int's size (runtime-core/docs/step-cost, "A 56-byte int"), so a field added to the header, or
 * one that moves, shows here first. When a change makes an object smaller, these figures change
 * with it, on purpose.
 *
 * <p>The figures hold for a 64-bit JDK 17 with compressed oops and class pointers (a 12-byte
 * object header, 4-byte references, 8-byte alignment: the default below a 32 GiB heap); on any
 * other layout the tests are skipped, not failed.
 */
class ObjectLayoutTest {
    @BeforeAll
    static void compressedLayoutOnly() {
        assumeTrue(VM.current().objectHeaderSize() == 12
                        && VM.current().sizeOfField("oop") == 4
                        && VM.current().objectAlignment() == 8,
                "layout figures are for compressed oops and class pointers: " + VM.current().details());
    }

    @Test
    void theHeaderFieldsEndAtByte48() {
        assertEquals(48, fieldsEnd(RcObject.class), ClassLayout.parseClass(RcObject.class).toPrintable());
    }

    @Test
    void anIntIs56BytesWithItsLongRightAfterTheHeader() {
        // Before the state and id shared a word the header ended at 52 and value (8-aligned)
        // started at 56, with RcInt's BigInteger (now RcBigInt's) in the four bytes between: 64.
        final ClassLayout layout = ClassLayout.parseClass(RcInt.class);
        assertEquals(56, layout.instanceSize(), layout.toPrintable());
        assertEquals(48, offsetOf(layout, "value"), layout.toPrintable());
    }

    @Test
    void aFloatIs56BytesWithNothingLost() {
        final ClassLayout layout = ClassLayout.parseClass(RcFloat.class);
        assertEquals(56, layout.instanceSize(), layout.toPrintable());
        assertEquals(0, layout.getLossesInternal(), layout.toPrintable());
    }

    private static long fieldsEnd(final Class<?> type) {
        return ClassLayout.parseClass(type).fields().stream()
                .mapToLong(f -> f.offset() + f.size()).max().orElseThrow();
    }

    private static long offsetOf(final ClassLayout layout, final String name) {
        return layout.fields().stream().filter(f -> f.name().equals(name))
                .mapToLong(FieldLayout::offset).findFirst().orElseThrow();
    }
}
