import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.rclab.interp.compile.Parser;
import org.rclab.interp.eval.Interpreter;
import org.rclab.object.RcInt;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;

/**
 * The interpreted cell's work for runtime-core's {@code StepCost} harness (same contract as its
 * {@code StepLoop}: {@code open}, {@code countdown}, {@code live}): one call of
 * {@code examples/countdown_pool.py}'s {@code countdown} per countdown, on a thread attached for the
 * call, in a runtime with strict checks off, as {@code InterpretedCountdown} runs it. Loaded once per
 * class loader, so each build of the interpreter has its own compiled {@code Eval.loop} and profiles.
 * The program's path comes from the system property {@code program}. A scheme named with {@code -2t}
 * ({@code gil-2t}) first has two threads count down together in its runtime. In a cell whose class
 * path holds the resource {@code load-elsewhere} (run.sh's {@code elsewhere} variant) another thread
 * loads the program and the counting thread is a later attacher, as the benchmark's counting threads
 * were until the fourteenth session: the runtime's counters then have another thread as their first
 * claimer, and every count of the countdown takes their table's path.
 */
public final class StepLoop {
    private final RcRuntime runtime;
    private final Interpreter interp;
    private final RcObject countdown;
    /** Live objects once the program is loaded: its module, function and globals. */
    private final long loaded;

    private StepLoop(final String name) throws Exception {
        final boolean twoThreadsFirst = name.endsWith("-2t");
        final String scheme = twoThreadsFirst ? name.substring(0, name.length() - "-2t".length()) : name;
        final Scheme s = Schemes.discover(StepLoop.class.getClassLoader()).stream()
                .filter(x -> x.name().equals(scheme)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scheme " + scheme));
        runtime = RcRuntime.builder(s).strictChecks(false).build();
        final Path file = Path.of(System.getProperty("program"));
        final String source = Files.readString(file);
        final Interpreter.Program program = new Interpreter.Program(file.getFileName().toString(), source,
                Parser.parseModule(source));
        if (StepLoop.class.getClassLoader().getResource("load-elsewhere") != null) {
            final Loaded[] made = new Loaded[1];
            final Thread loader = new Thread(() -> made[0] = load(runtime, program), "loader");
            loader.start();
            // join() orders the loader's write before the read below.
            loader.join();
            interp = made[0].interp();
            countdown = made[0].countdown();
        } else {
            final Loaded made = load(runtime, program);
            interp = made.interp();
            countdown = made.countdown();
        }
        loaded = runtime.heap().live();
        if (twoThreadsFirst) {
            twoThreads();
        }
    }

    /** A loaded program and its function. */
    private record Loaded(Interpreter interp, RcObject countdown) {
    }

    /** Attaches the calling thread, runs the module in the runtime, looks up the function, detaches. */
    private static Loaded load(final RcRuntime runtime, final Interpreter.Program program) {
        try (RuntimeThread self = runtime.attach()) {
            final Interpreter interp = new Interpreter(runtime, program, "__mp_main__", System.out, System.err, () -> {
                throw new IllegalStateException("the program makes no pool");
            }, new AtomicLong());
            interp.run(self);
            return new Loaded(interp, interp.lookupFunction("countdown"));
        }
    }

    /**
     * Two threads count down together once (under gil the lock changes hands at checkpoints), so
     * that the shared code's profiles have seen the schemes' slow paths, as in a benchmark fork
     * whose two-thread shape ran before the one-thread shape's iterations.
     */
    private void twoThreads() throws InterruptedException {
        final Thread[] threads = new Thread[2];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> countdown(this, 20_000_000));
            threads[i].start();
        }
        for (final Thread t : threads) {
            t.join();
        }
    }

    /**
     * A stepper: the program loaded in a new runtime of the scheme.
     *
     * @param scheme the scheme's name; with {@code -2t} ({@code gil-2t}), two threads count down
     *        together first
     * @return the stepper
     * @throws Exception if the program cannot be read
     */
    public static Object open(final String scheme) throws Exception {
        return new StepLoop(scheme);
    }

    /**
     * Attaches, calls {@code countdown(steps)}, detaches.
     *
     * @param stepper from {@link #open}
     * @param steps the argument
     * @return 0
     */
    public static long countdown(final Object stepper, final long steps) {
        final StepLoop s = (StepLoop) stepper;
        try (RuntimeThread self = s.runtime.attach()) {
            final RcInt n = s.runtime.newInt(steps);
            s.runtime.decref(s.interp.call(self, s.countdown, n));
            s.runtime.decref(n);
        }
        return 0;
    }

    /**
     * Live objects beyond the loaded program's ({@code StepCost} fails a cell whose count is not 0).
     *
     * @param stepper from {@link #open}
     * @return what the countdowns left alive
     */
    public static long live(final Object stepper) {
        final StepLoop s = (StepLoop) stepper;
        return s.runtime.heap().live() - s.loaded;
    }
}
