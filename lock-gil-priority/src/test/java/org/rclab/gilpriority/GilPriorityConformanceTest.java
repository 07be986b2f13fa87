package org.rclab.gilpriority;

import org.rclab.conformance.SchemeConformanceTest;

/** The behaviour every scheme must have, run against {@code gil-priority}, multi-threaded tests included. */
class GilPriorityConformanceTest extends SchemeConformanceTest {
    @Override
    protected String schemeName() {
        return GilPriorityScheme.NAME;
    }
}
