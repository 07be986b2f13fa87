package org.rclab.brc;

import org.rclab.conformance.SchemeConformanceTest;

/** The shared conformance kit, run against {@code brc}. */
class BrcConformanceTest extends SchemeConformanceTest {
    @Override
    protected String schemeName() {
        return BrcScheme.NAME;
    }
}
