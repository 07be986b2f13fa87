package org.rclab.gilpriority;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.Schemes;

/** Small helpers shared by the scheme's tests. */
final class PriorityGilTesting {
    /** Liveness guard for tests that would hang if the lock were broken; never a speed check. */
    static final Duration LIVENESS_GUARD = Duration.ofSeconds(60);

    private PriorityGilTesting() {
    }

    /** A {@code gil-priority} runtime with strict checks and the given switch interval. */
    static RcRuntime runtime(final String intervalMillis) {
        return RcRuntime.builder(Schemes.byName(GilPriorityScheme.NAME))
                .option(GilPriorityScheme.SWITCH_INTERVAL_OPTION, intervalMillis).build();
    }

    static PriorityGilInstance lock(final RcRuntime runtime) {
        return (PriorityGilInstance) runtime.schemeInstance();
    }

    static long metric(final RcRuntime runtime, final String name) {
        return runtime.metrics().value(name);
    }

    /**
     * Starts a daemon thread (a thread stuck on a broken lock cannot keep the test JVM alive)
     * whose result or failure {@link #join} hands back.
     */
    static FutureTask<Void> start(final String name, final Callable<Void> body) {
        final FutureTask<Void> task = new FutureTask<>(body);
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** Waits for a thread started by {@link #start} and rethrows what it threw. */
    static void join(final FutureTask<Void> task) throws Exception {
        try {
            task.get();
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Spins (yielding the CPU) until a metric reaches a value; the liveness guard bounds it. */
    static void awaitMetric(final RcRuntime runtime, final String name, final long atLeast) {
        while (runtime.metrics().value(name) < atLeast) {
            Thread.yield();
        }
    }
}
