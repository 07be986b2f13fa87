package org.rclab.gil;

import org.rclab.conformance.SchemeConformanceTest;

/** The behaviour every scheme must have, run against {@code gil}, multi-threaded tests included. */
class GilConformanceTest extends SchemeConformanceTest {
    @Override
    protected String schemeName() {
        return GilScheme.NAME;
    }
}
