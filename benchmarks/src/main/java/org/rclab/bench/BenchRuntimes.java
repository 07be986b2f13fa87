package org.rclab.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.rclab.object.RcInt;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.Schemes;

/**
 * How every benchmark makes and closes the runtime it measures.
 *
 * <p>Runtimes are built with the schemes' strict checks off: those are the checks a scheme may
 * skip on the hot path (a GIL verifying that the caller holds it, for example), the counterpart
 * of CPython's debug build, which nobody benchmarks. The runtime's own always-on checks (freed and
 * immortal objects) stay, as they do in every use. Allocation-site tracking stays off.
 */
final class BenchRuntimes {
    /** The first int value outside the immortal small-int cache: from here on every int allocates. */
    static final long FIRST_MORTAL_INT = RcInt.SMALL_MAX + 1L;

    /** How long a benchmark's helper thread may take to start or stop before the run fails. */
    static final long HELPER_TIMEOUT_SECONDS = 60;

    /**
     * Every runtime this JVM opened, closed ones included: {@link SchemeMetricsProfiler} sums their
     * metrics. A fork opens a handful (one per trial-level state), so the list stays small.
     */
    static final List<RcRuntime> OPENED = new CopyOnWriteArrayList<>();

    private BenchRuntimes() {
    }

    /**
     * A runtime of the named scheme with strict checks off.
     *
     * @param scheme a discovered scheme's name
     * @return the runtime
     */
    static RcRuntime open(final String scheme) {
        return open(scheme, Map.of());
    }

    /**
     * A runtime of the named scheme with strict checks off and runtime options; a scheme ignores
     * options it does not declare, so a benchmark may set the same options for every scheme.
     *
     * @param scheme a discovered scheme's name
     * @param options option name to value
     * @return the runtime
     */
    static RcRuntime open(final String scheme, final Map<String, String> options) {
        final RcRuntime.Builder builder = RcRuntime.builder(Schemes.byName(scheme)).strictChecks(false);
        options.forEach(builder::option);
        final RcRuntime runtime = builder.build();
        OPENED.add(runtime);
        return runtime;
    }

    /**
     * Waits until only a given number of threads are still attached to a runtime. JMH tears a
     * shared state down from whichever worker thread gets there first, possibly before the other
     * workers have detached; closing the runtime then would fail.
     *
     * @param runtime the runtime
     * @param remaining how many threads may stay attached (helper threads the caller stops itself)
     */
    static void awaitDetached(final RcRuntime runtime, final int remaining) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HELPER_TIMEOUT_SECONDS);
        while (runtime.attachedCount() > remaining) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("threads still attached to " + runtime + " after "
                        + HELPER_TIMEOUT_SECONDS + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * Closes a runtime after checking that the benchmark left no object alive, once every
     * deferred count change is applied ({@link RcRuntime#quiesce()}). A scheme that lost or
     * leaked a count under the benchmark fails the run instead of getting a number.
     *
     * @param runtime a runtime whose threads have all detached
     */
    static void closeWithoutLeaks(final RcRuntime runtime) {
        try {
            runtime.quiesce();
            runtime.heap().assertNoLeaks();
        } finally {
            runtime.close();
        }
    }
}
