package org.rclab.gil;

import java.time.Duration;

import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.Schemes;

/** Small helpers shared by the scheme's tests. */
final class GilTesting {
    /** Liveness guard for tests that would hang if the lock were broken; never a speed check. */
    static final Duration LIVENESS_GUARD = Duration.ofSeconds(60);

    private GilTesting() {
    }

    /** A {@code gil} runtime with strict checks and the given switch interval. */
    static RcRuntime runtime(final String intervalMillis) {
        return RcRuntime.builder(Schemes.byName(GilScheme.NAME)).option(SwitchInterval.OPTION, intervalMillis).build();
    }

    static GilInstance gil(final RcRuntime runtime) {
        return (GilInstance) runtime.schemeInstance();
    }

    static long metric(final RcRuntime runtime, final String name) {
        return runtime.metrics().value(name);
    }
}
