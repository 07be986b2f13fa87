package org.rclab.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JMH JSON fixture (a run shaped like a real one, values chosen, not measured), and a
 * three-round run made from it: every score of round r multiplied by {@link #DRIFT}[r - 1], as a
 * machine drifting between rounds would. Ratios taken within a round are therefore exactly the
 * fixture's ratios, while scores spread across rounds.
 */
final class Fixtures {
    /** The drift factor of each round. */
    static final double[] DRIFT = {1.0, 1.3, 0.8};

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

    static List<ForkResult> forks() {
        final List<ForkResult> forks = new ArrayList<>();
        final List<Measurement> base = measurements();
        for (int round = 1; round <= DRIFT.length; round++) {
            for (int i = 0; i < base.size(); i++) {
                forks.add(fork(round, i + 1, scaled(base.get(i), DRIFT[round - 1]), 0.5));
            }
        }
        return forks;
    }

    static Measurement scaled(final Measurement m, final double factor) {
        return new Measurement(m.benchmark(), m.method(), m.mode(), m.threads(), m.params(), m.score() * factor,
                m.error(), m.unit());
    }

    static ForkResult fork(final int round, final int position, final Measurement m, final double load) {
        return new ForkResult(round, position, m, load, load, Map.of());
    }

    static Measurement measurement(final String method, final String scheme, final double score,
                                   final Map<String, String> params) {
        final Map<String, String> all = new java.util.TreeMap<>(params);
        if (!scheme.isEmpty()) {
            all.put(Measurement.SCHEME, scheme);
        }
        return new Measurement("x." + method, method, "avgt", 1, all, score, Double.NaN, "ns/op");
    }

    static BenchReport report() {
        return new BenchReport(forks(), "unsafe", Target.project());
    }
}
