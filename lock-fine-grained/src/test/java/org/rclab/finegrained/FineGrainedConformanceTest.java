package org.rclab.finegrained;

import org.rclab.conformance.SchemeConformanceTest;

/** The conformance kit against {@code fine-grained}, multi-threaded tests included. */
class FineGrainedConformanceTest extends SchemeConformanceTest {
    @Override
    protected String schemeName() {
        return FineGrainedScheme.NAME;
    }
}
