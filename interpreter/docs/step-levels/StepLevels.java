import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.rclab.interp.compile.Parser;
import org.rclab.interp.eval.Interpreter;
import org.rclab.object.RcInt;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Schemes;

/**
 * Is a slow interpreted step the interpreter's or the process's? One JVM, one runtime, one thread:
 * each round calls the program's {@code countdown} (the interpreted cell's work), then runs the same
 * countdown written in Java on the same runtime (the same allocation, release and checkpoint per
 * step, no interpreter), and prints, per round: the interpreted step's wall and CPU ns, the JVM's
 * uptime, the Java step's CPU ns and the minor page faults during the interpreted call. A slow
 * spell that only the interpreted step shows is the interpreter's (its compiled loop); one that the
 * Java step shares is not.
 *
 * <p>Usage: {@code StepLevels SCHEME ROUNDS STEPS PROGRAM.py}; prints
 * {@code round wallNs uptimeS cpuNs javaCpuNs faults} lines.
 */
public final class StepLevels {
    private StepLevels() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: StepLevels SCHEME ROUNDS STEPS PROGRAM.py");
            System.exit(2);
        }
        final int rounds = Integer.parseInt(args[1]);
        final long steps = Long.parseLong(args[2]);
        final long javaSteps = steps / 4;
        final String source = Files.readString(Path.of(args[3]));
        final Interpreter.Program program = new Interpreter.Program(Path.of(args[3]).getFileName().toString(),
                source, Parser.parseModule(source));
        final RcRuntime rt = RcRuntime.builder(Schemes.byName(args[0])).strictChecks(false).build();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        final StringBuilder out = new StringBuilder();
        try (RuntimeThread self = rt.attach()) {
            final Interpreter interp = new Interpreter(rt, program, "__mp_main__", System.out, System.err, () -> {
                throw new IllegalStateException("the program makes no pool");
            }, new AtomicLong());
            interp.run(self);
            final RcObject countdown = interp.lookupFunction("countdown");
            for (int round = 0; round < rounds; round++) {
                final long faults0 = minorFaults();
                final long cpu0 = threads.getCurrentThreadCpuTime();
                final long wall0 = System.nanoTime();
                final RcInt n = rt.newInt(steps);
                rt.decref(interp.call(self, countdown, n));
                rt.decref(n);
                final long wall1 = System.nanoTime();
                final long cpu1 = threads.getCurrentThreadCpuTime();
                final long faults1 = minorFaults();
                javaCountdown(rt, self, javaSteps);
                final long cpu2 = threads.getCurrentThreadCpuTime();
                out.append(String.format("%d %.1f %.2f %.1f %.1f %d%n", round, (wall1 - wall0) / (double) steps,
                        (System.currentTimeMillis() - start) / 1e3, (cpu1 - cpu0) / (double) steps,
                        (cpu2 - cpu1) / (double) javaSteps, faults1 - faults0));
            }
            rt.decref(countdown);
            interp.shutdown(self);
        }
        System.out.print(out);
    }

    /** The countdown in Java on the runtime's ints: a new int per step, the old one released, a checkpoint. */
    private static void javaCountdown(final RcRuntime rt, final RuntimeThread self, final long steps) {
        RcInt n = rt.newInt(steps);
        while (n.value() > 0) {
            final RcInt next = rt.newInt(n.value() - 1);
            rt.decref(n);
            n = next;
            self.checkpoint();
        }
        rt.decref(n);
    }

    /** This process's minor page faults so far (field 10 of {@code /proc/self/stat}). */
    private static long minorFaults() throws java.io.IOException {
        final String stat = Files.readString(Path.of("/proc/self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
    }
}
