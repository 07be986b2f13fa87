package org.rclab.gil;

import java.util.concurrent.atomic.AtomicBoolean;

import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Schemes;

/**
 * Shows the convoy effect (Beazley 2010, bpo-7946): the time per short blocking call of a thread
 * that runs its calls released, alone and next to a CPU-bound thread. Not a test: run it by hand
 * after {@code mvn verify}:
 *
 * <pre>
 * java -cp lock-gil/target/test-classes:lock-gil/target/classes:runtime-core/target/classes \
 *     org.rclab.gil.ConvoyMeasurement default 1
 * </pre>
 *
 * Each argument is a switch interval in milliseconds, or {@code default}. The blocking call is a
 * 1 ms sleep, made 200 times, each followed by a little object work, as in the CPython figures in
 * the project's REFERENCE.md.
 */
public final class ConvoyMeasurement {
    private static final int CALLS = 200;
    private static final long SLEEP_MILLIS = 1;

    private ConvoyMeasurement() {
    }

    /**
     * Runs the measurement for each interval and prints one line each.
     *
     * @param args switch intervals in milliseconds, or {@code default}
     * @throws Exception if a thread fails
     */
    public static void main(final String[] args) throws Exception {
        for (final String interval : args.length == 0 ? new String[] {"default", "1"} : args) {
            final double alone = millisPerCall(interval, false);
            final double withCpu = millisPerCall(interval, true);
            System.out.printf("interval %s ms: %.2f ms per 1 ms blocking call alone, %.2f ms next to a CPU-bound "
                    + "thread (%.1fx)%n", "default".equals(interval) ? SwitchInterval.DEFAULT_MILLIS + " (default)"
                    : interval, alone, withCpu, withCpu / alone);
        }
    }

    private static double millisPerCall(final String interval, final boolean cpuNeighbour) throws Exception {
        final RcRuntime.Builder builder = RcRuntime.builder(Schemes.byName(GilScheme.NAME)).strictChecks(false);
        if (!"default".equals(interval)) {
            builder.option(SwitchInterval.OPTION, interval);
        }
        try (RcRuntime rt = builder.build()) {
            final AtomicBoolean stop = new AtomicBoolean();
            final Thread cpu = new Thread(() -> {
                try (RuntimeThread self = rt.attach()) {
                    long i = 0;
                    while (!stop.get()) {
                        rt.decref(rt.newInt(1_000 + i++));
                        self.checkpoint();
                    }
                }
            }, "cpu");
            if (cpuNeighbour) {
                cpu.start();
            }
            final long nanos;
            try (RuntimeThread self = rt.attach()) {
                final long start = System.nanoTime();
                for (int call = 0; call < CALLS; call++) {
                    self.callReleased(() -> {
                        Thread.sleep(SLEEP_MILLIS);
                        return null;
                    });
                    final RcStr reply = rt.newStr("reply " + call);
                    rt.decref(reply);
                    self.checkpoint();
                }
                nanos = System.nanoTime() - start;
                stop.set(true);
                // Joined released: the CPU thread needs the GIL to see the stop flag and detach.
                if (cpuNeighbour) {
                    self.callReleased(() -> {
                        cpu.join();
                        return null;
                    });
                }
            }
            return nanos / 1e6 / CALLS;
        }
    }
}
