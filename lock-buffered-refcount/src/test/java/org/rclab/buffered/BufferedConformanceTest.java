package org.rclab.buffered;

import org.rclab.conformance.SchemeConformanceTest;

/** The shared conformance kit, run against {@code buffered}. */
class BufferedConformanceTest extends SchemeConformanceTest {
    @Override
    protected String schemeName() {
        return BufferedScheme.NAME;
    }
}
