import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A/B of countdown-step variants inside one JVM: each variant (a class path: a build of
 * runtime-core, the scheme jars and StepLoop's class) gets a class loader of its own; rounds run
 * every (variant, scheme, with/without checkpoint) cell once in turn, timed by the thread's CPU
 * time, and the report gives each cell's median ns per step and the median (and quartiles) of its
 * per-round ratio to the first variant's cell of the same scheme. Usage:
 * {@code java StepCost.java ROUNDS STEPS SCHEMES name=cp[,name=cp...]}.
 */
public final class StepCost {
    private record Cell(String variant, String scheme, boolean checkpoint, Object stepper, Method run, Method live,
                        List<Double> nsPerStep) {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: StepCost ROUNDS STEPS gil,brc,... name=classpath ...");
            System.exit(2);
        }
        final int rounds = Integer.parseInt(args[0]);
        final long steps = Long.parseLong(args[1]);
        final String[] schemes = args[2].split(",");
        final List<Cell> cells = new ArrayList<>();
        // -Dcheckpoint=both adds a cell without the checkpoint call for each scheme and variant.
        final boolean withoutCheckpoint = "both".equals(System.getProperty("checkpoint"));
        for (int a = 3; a < args.length; a++) {
            final String name = args[a].substring(0, args[a].indexOf('='));
            final String[] cp = args[a].substring(name.length() + 1).split(":");
            final URL[] urls = new URL[cp.length];
            for (int i = 0; i < cp.length; i++) {
                urls[i] = Path.of(cp[i]).toUri().toURL();
            }
            final ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            final Class<?> loop = Class.forName("StepLoop", true, loader);
            final Thread me = Thread.currentThread();
            final ClassLoader previous = me.getContextClassLoader();
            me.setContextClassLoader(loader);
            try {
                for (final String scheme : schemes) {
                    for (final boolean cpt : withoutCheckpoint ? new boolean[] {true, false} : new boolean[] {true}) {
                        final Object stepper = loop.getMethod("open", String.class).invoke(null, scheme);
                        cells.add(new Cell(name, scheme, cpt, stepper,
                                loop.getMethod(cpt ? "countdown" : "countdownNoCheckpoint", Object.class, long.class),
                                loop.getMethod("live", Object.class), new ArrayList<>()));
                    }
                }
            } finally {
                me.setContextClassLoader(previous);
            }
        }
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // Thread CPU time leaves out the collector's threads; -Dclock=wall times the whole step, GC pauses included.
        final boolean wall = "wall".equals(System.getProperty("clock"));
        for (int r = -3; r < rounds; r++) { // three warm-up rounds, not recorded
            for (final Cell c : cells) {
                final long t0 = wall ? System.nanoTime() : mx.getCurrentThreadCpuTime();
                c.run.invoke(null, c.stepper, steps);
                final long t1 = wall ? System.nanoTime() : mx.getCurrentThreadCpuTime();
                if (r >= 0) {
                    c.nsPerStep.add((t1 - t0) / (double) steps);
                }
            }
        }
        System.out.printf("%-16s %-13s %-5s %8s %8s %8s %8s %8s %8s%n", "variant", "scheme", "ckpt", "median", "q1", "q3",
                "/first", "pair-q1", "pair-q3");
        for (final Cell c : cells) {
            final long live = (long) c.live.invoke(null, c.stepper);
            if (live != 0) {
                throw new IllegalStateException(c.variant + " " + c.scheme + ": " + live + " live objects after the runs");
            }
            final Cell first = cells.stream().filter(x -> x.scheme.equals(c.scheme) && x.checkpoint == c.checkpoint)
                    .findFirst().orElseThrow();
            // Paired by round: a slow spell of the host lasts seconds and hits neighbouring cells alike.
            final List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < c.nsPerStep.size(); i++) {
                ratios.add(c.nsPerStep.get(i) / first.nsPerStep.get(i));
            }
            System.out.printf("%-16s %-13s %-5s %8.2f %8.2f %8.2f %8.3f %8.3f %8.3f%n", c.variant, c.scheme,
                    c.checkpoint ? "yes" : "no", q(c.nsPerStep, 0.5), q(c.nsPerStep, 0.25), q(c.nsPerStep, 0.75),
                    q(ratios, 0.5), q(ratios, 0.25), q(ratios, 0.75));
        }
    }

    private static double q(final List<Double> xs, final double p) {
        final double[] s = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(p * (s.length - 1)))];
    }
}
