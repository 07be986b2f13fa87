package org.rclab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.rclab.interp.compile.Parser;
import org.rclab.interp.eval.Interpreter;
import org.rclab.object.RcInt;
import org.rclab.object.RcObject;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * The seeds' countdown as a Python program, run by the interpreter: nanoseconds per loop step of
 * {@code while n>0: n -= 1}, the same unit as {@link Countdown} (the loop written in Java on the
 * same runtime ints) and as CPython's figure for the same function in the same round (the seeds
 * script emits it as {@code interpreted}). The ratio to {@link Countdown} is what interpreting
 * costs over the Java loop doing the same allocation, release and checkpoint per step; the ratio
 * to CPython is the lab's interpreter against CPython's on the same machine and load.
 *
 * <p>The program is the project's own {@code examples/countdown_pool.py}, carried in this jar as
 * {@value #PROGRAM}, and every runtime loads it as a pool worker does (the module run under the name
 * {@code __mp_main__}, so its {@code if __name__ == '__main__':} part does not run), then each
 * counting thread calls its {@code countdown} with its half of {@value #STEPS} steps: the shapes
 * are {@link CountingThreads}'s, where {@code 2threads} is two threads of one runtime (what two
 * {@code Thread}s of the program are) and {@code 2runtimes} two runtimes (what two pool workers
 * are). Each step runs the interpreter's instructions with CPython's reference traffic: two
 * loads of {@code n} (increfs), the constants (immortal small ints), a new int for {@code n - 1},
 * the old one released and freed, and a checkpoint on the back-edge.
 *
 * <p>What would make it lie: a countdown so short that the call's set-up shows (a call costs
 * microseconds, a countdown tens of milliseconds), or forks too short for the loop to reach C2 code
 * (the warm-up is the run settings'; a smoke run measures the interpreter in its first tier).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation((int) InterpretedCountdown.STEPS)
public class InterpretedCountdown extends CountingThreads {
    /** Steps in one countdown, split evenly between the counting threads: about 50 ms at 50 ns a step. */
    public static final long STEPS = 1_000_000;

    /** The program's resource path. */
    static final String PROGRAM = "/org/rclab/bench/interp/countdown_pool.py";

    /** The function every counting thread calls. */
    static final String FUNCTION = "countdown";

    private final List<Loaded> loaded = new ArrayList<>();

    /**
     * One runtime with the program loaded into it, and the program's function, held for the trial:
     * the counting threads only borrow it, so two threads of one runtime share no count change.
     */
    private record Loaded(RcRuntime runtime, Interpreter interpreter, RcObject function) {
    }

    /**
     * One whole countdown: every counting thread calls the program's {@code countdown}.
     *
     * @return a result to consume (the counters' call results, always 0: None is immortal)
     * @throws Exception if a counting thread failed or did not finish in time
     */
    @Benchmark
    public long interpreted() throws Exception {
        return countdownOnce();
    }

    @Override
    void opened(final List<RcRuntime> opened) {
        final Interpreter.Program program = program();
        for (final RcRuntime runtime : opened) {
            try (RuntimeThread self = runtime.attach()) {
                final Interpreter interpreter = new Interpreter(runtime, program, "__mp_main__", System.out,
                        System.err, () -> {
                            throw new IllegalStateException("the benchmark's program makes no pool");
                        }, new AtomicLong());
                interpreter.run(self);
                loaded.add(new Loaded(runtime, interpreter, interpreter.lookupFunction(FUNCTION)));
            }
        }
    }

    @Override
    long steps() {
        return STEPS;
    }

    @Override
    Loop loop(final RcRuntime runtime, final RuntimeThread self) {
        final Loaded program = loaded.stream().filter(l -> l.runtime() == runtime).findFirst().orElseThrow();
        return (thread, steps) -> {
            final RcInt n = runtime.newInt(steps);
            try {
                final RcObject result = program.interpreter().call(thread, program.function(), n);
                runtime.decref(result);
                return 0;
            } finally {
                runtime.decref(n);
            }
        };
    }

    @Override
    void closing(final List<RcRuntime> opened) {
        for (final Loaded l : loaded) {
            if (!opened.contains(l.runtime())) {
                continue;
            }
            try (RuntimeThread self = l.runtime().attach()) {
                l.runtime().decref(l.function());
                l.interpreter().shutdown(self);
            }
        }
    }

    /**
     * The benchmark's program, parsed.
     *
     * @return the program
     */
    static Interpreter.Program program() {
        try (InputStream in = InterpretedCountdown.class.getResourceAsStream(PROGRAM)) {
            if (in == null) {
                throw new IllegalStateException(PROGRAM + " is missing from the jar (copied from examples/ at build)");
            }
            final String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Interpreter.Program("countdown_pool.py", source, Parser.parseModule(source));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
