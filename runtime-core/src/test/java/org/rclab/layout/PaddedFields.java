package org.rclab.layout;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.regex.Pattern;

import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;
import org.openjdk.jol.vm.VM;

/**
 * Checks that a padded class keeps its written fields 128 bytes away from any neighbouring object,
 * as HotSpot really lays it out (read by JOL): a garbage collection that copies another thread's
 * objects next to it must not put the two threads' writes on one cache line (two lines: Intel's
 * spatial prefetcher fetches lines in pairs).
 *
 * <p>Why a test: since JDK 15 HotSpot fills a gap in a superclass's layout with a subclass's
 * field. With compressed class pointers the header is 12 bytes and a padding {@code long} starts
 * at 16, so a 4-byte field of the subclass (an {@code int} or a compressed reference) goes into
 * bytes 12-15, next to the object before, outside the padding. A padding class closes the gap with
 * an {@code int headerGap}.
 */
public final class PaddedFields {
    /** The padding distance each side of a written field. */
    public static final int PAD = 128;

    /** Padding fields: {@code p00} to {@code p1f}, and the one that fills the header's gap. */
    private static final Pattern PADDING = Pattern.compile("p[0-9a-f]{2}|headerGap");

    private PaddedFields() {
    }

    /**
     * Asserts that every field of a class but its padding has {@link #PAD} bytes of padding before
     * it and after it. Skipped (an assumption) on a layout without compressed class pointers and
     * oops, where the gap this guards against does not arise in the same place.
     *
     * @param type the padded class
     */
    public static void assertPadded(final Class<?> type) {
        assumeTrue(VM.current().objectHeaderSize() == 12 && VM.current().sizeOfField("oop") == 4,
                "the gap is a compressed-class-pointer layout's: " + VM.current().details());
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
