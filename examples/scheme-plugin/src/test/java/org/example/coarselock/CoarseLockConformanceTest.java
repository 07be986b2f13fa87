package org.example.coarselock;

import org.rclab.conformance.SchemeConformanceTest;

/** Refcount Lab's conformance kit, run against {@code coarse-lock}: the one class a plugin needs. */
class CoarseLockConformanceTest extends SchemeConformanceTest {
    @Override
    protected String schemeName() {
        return CoarseLockScheme.NAME;
    }
}
