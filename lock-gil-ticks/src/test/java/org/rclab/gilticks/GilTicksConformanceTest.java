package org.rclab.gilticks;

import org.rclab.conformance.SchemeConformanceTest;

/** The conformance kit, multi-threaded tests included, run against {@code gil-ticks}. */
class GilTicksConformanceTest extends SchemeConformanceTest {
    @Override
    protected String schemeName() {
        return GilTicksScheme.NAME;
    }
}
