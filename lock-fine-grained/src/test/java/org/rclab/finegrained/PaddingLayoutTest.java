package org.rclab.finegrained;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;
import org.openjdk.jol.vm.VM;

/**
 * The padded classes' fields as HotSpot lays them out, read by JOL: a section frame, a section
 * stack and the parking lot (its parker count) keep 128 bytes between their written fields and
 * any neighbouring object, so that a garbage collection that copies another thread's objects next
 * to them cannot put the two threads' writes on one cache line.
 *
 * <p>Why this needs a test: since JDK 15 HotSpot fills a gap in a superclass's layout with a
 * subclass's field. With compressed class pointers the header is 12 bytes and the first padding
 * {@code long} starts at 16, so a 4-byte field of the subclass (an {@code int} or a compressed
 * reference) went into bytes 12-15, next to the previous object, outside the padding (seen in the
 * C2 code of a section: the stack's {@code depth} at offset 12).
 */
class PaddingLayoutTest {
    /** Padding fields: {@code p00} to {@code p1f}, and the one that fills the header's gap. */
    private static final Pattern PADDING = Pattern.compile("p[0-9a-f]{2}|headerGap");
    private static final int PAD = 128;

    @BeforeAll
    static void compressedLayoutOnly() {
        assumeTrue(VM.current().objectHeaderSize() == 12 && VM.current().sizeOfField("oop") == 4,
                "the gap is a compressed-class-pointer layout's: " + VM.current().details());
    }

    @ParameterizedTest
    @ValueSource(classes = {Section.class, SectionStack.class, ParkingLot.class})
    void everyFieldHas128BytesOfPaddingBeforeItAndAfterIt(final Class<?> type) {
        final ClassLayout layout = ClassLayout.parseClass(type);
        for (final FieldLayout f : layout.fields()) {
            if (PADDING.matcher(f.name()).matches()) {
                continue;
            }
            assertTrue(f.offset() >= PAD, f.name() + " at offset " + f.offset() + ", within " + PAD
                    + " bytes of the object before:\n" + layout.toPrintable());
            assertTrue(layout.instanceSize() - (f.offset() + f.size()) >= PAD, f.name()
                    + " within " + PAD + " bytes of the object after:\n" + layout.toPrintable());
        }
    }
}
