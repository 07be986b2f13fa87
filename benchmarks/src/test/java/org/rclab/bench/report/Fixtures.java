package org.rclab.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The JMH JSON fixture: a run shaped like a real one (values chosen, not measured). */
final class Fixtures {
    private Fixtures() {
    }

    static String jmhJson() {
        try (InputStream in = Fixtures.class.getResourceAsStream("jmh-fixture.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Measurement> measurements() {
        return Measurement.fromJmhJson(jmhJson());
    }

    static BenchReport report() {
        return new BenchReport(measurements(), "unsafe", Target.project());
    }
}
