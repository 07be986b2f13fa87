package org.rclab.bench;

import org.junit.jupiter.api.Test;
import org.rclab.layout.PaddedFields;

class CountdownStepLayoutTest {
    @Test
    void theFrameSlotHas128BytesOfPaddingOnEachSide() {
        // Each counting thread writes its own frame's slot at every step: another thread's hot field
        // in the same line would slow exactly the two-thread shapes.
        PaddedFields.assertPadded(CountdownStep.class);
    }
}
