package org.rclab.finegrained;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rclab.layout.PaddedFields;

/**
 * The padded classes' fields as HotSpot lays them out: a section frame, a section stack and the
 * parking lot (its parker count) keep 128 bytes between their written fields and any neighbouring
 * object ({@link PaddedFields} says why this needs a test: before the fix the stack's {@code depth}
 * sat at offset 12, seen in the C2 code of a section).
 */
class PaddingLayoutTest {
    @ParameterizedTest
    @ValueSource(classes = {Section.class, SectionStack.class, ParkingLot.class})
    void everyFieldHas128BytesOfPaddingBeforeItAndAfterIt(final Class<?> type) {
        PaddedFields.assertPadded(type);
    }
}
