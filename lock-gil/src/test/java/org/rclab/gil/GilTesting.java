package org.rclab.gil;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
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

    /**
     * A CPU-bound thread attaches and passes checkpoints until a thread that attaches after it
     * (the calling thread, once {@code whileHolding} has run) is in; then both detach. The holder
     * never drops on its own, so the caller gets in only by a drop request; if it never does,
     * the liveness guard fails the test.
     *
     * @param whileHolding run once the CPU-bound thread holds the GIL, before the caller attaches
     */
    static void attachBesideACpuBoundHolder(final RcRuntime rt, final Runnable whileHolding) {
        final CountDownLatch holding = new CountDownLatch(1);
        final AtomicBoolean waiterGotIn = new AtomicBoolean();
        assertTimeoutPreemptively(LIVENESS_GUARD, () -> {
            final TestThread cpuBound = TestThread.start("cpu-bound", () -> {
                try (RuntimeThread self = rt.attach()) {
                    holding.countDown();
                    while (!waiterGotIn.get()) {
                        rt.decref(rt.newStr("work"));
                        self.checkpoint();
                    }
                }
            });
            holding.await();
            whileHolding.run();
            try (RuntimeThread self = rt.attach()) {
                waiterGotIn.set(true);
            }
            cpuBound.joinAndRethrow();
        });
    }
}
