package org.rclab.conformance;

/** The conformance kit against the {@code unsafe} control (single-threaded tests only). */
class UnsafeConformanceTest extends SchemeConformanceTest {
    @Override
    protected String schemeName() {
        return "unsafe";
    }
}
