package org.rclab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Who loads the program is each shape's story in {@code ./rclab run}. In {@code 1thread} and
 * {@code 2runtimes} the counting thread loads it itself, as the main thread that runs the module
 * and then calls {@code countdown}, and as a pool worker that loads the module and runs its tasks
 * in its own thread. In {@code 2threads} the trial's set-up thread loads it, as the program's main
 * thread does before it starts its {@code Thread}s, and the two counting threads attach after. It
 * matters to the step: a runtime's first attached thread counts through a slot of the heap's
 * counters found without their table ({@code ThreadCounters}, since the thirteenth session). Until
 * the fourteenth session the set-up thread loaded every shape's program, so the counting thread of
 * {@code 1thread} took the table's path, which {@code ./rclab run}'s main thread does not (about a
 * tenth of gil's step: interpreter README, "(issue 19, fourteenth session)").
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

    /**
     * The program loaded in each runtime. Concurrent: with the shapes in turn, one team's counting
     * threads load theirs while the set-up thread opens the next team.
     */
    private final Map<RcRuntime, Loaded> loaded = new ConcurrentHashMap<>();

    /**
     * The program loaded into a runtime, and its function, held for the trial: the counting threads
     * only borrow it, so two threads of one runtime share no count change.
     *
     * @param interpreter the runtime's interpreter of the program
     * @param function the program's {@code countdown}
     * @param loader the thread that loaded it (for tests)
     */
    record Loaded(Interpreter interpreter, RcObject function, Thread loader) {
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
    void opened(final List<RcRuntime> opened, final int countersPerRuntime) {
        if (countersPerRuntime == 1) {
            return; // the counting thread loads it (loop)
        }
        // 2threads: this thread is the program's main thread, which loads the module before it
        // starts its Threads.
        for (final RcRuntime runtime : opened) {
            try (RuntimeThread self = runtime.attach()) {
                loaded.put(runtime, load(runtime, self));
            }
        }
    }

    /** Runs the program's module in the runtime on the calling thread (attached, holding it). */
    private static Loaded load(final RcRuntime runtime, final RuntimeThread self) {
        final Interpreter interpreter = new Interpreter(runtime, program(), "__mp_main__", System.out, System.err,
                () -> {
                    throw new IllegalStateException("the benchmark's program makes no pool");
                }, new AtomicLong());
        interpreter.run(self);
        return new Loaded(interpreter, interpreter.lookupFunction(FUNCTION), Thread.currentThread());
    }

    /**
     * The program loaded in a runtime (package-private, for tests).
     *
     * @param runtime one of the trial's runtimes
     * @return its program, or {@code null} before it is loaded or after the trial
     */
    Loaded loaded(final RcRuntime runtime) {
        return loaded.get(runtime);
    }

    @Override
    long steps() {
        return STEPS;
    }

    @Override
    Loop loop(final RcRuntime runtime, final RuntimeThread self) {
        Loaded loadedHere = loaded.get(runtime);
        if (loadedHere == null) {
            // 1thread and 2runtimes: the runtime's only counting thread loads the program, as the
            // main thread of ./rclab run and a pool worker do (see the class comment). No race: no
            // other thread counts in this runtime.
            loadedHere = load(runtime, self);
            loaded.put(runtime, loadedHere);
        }
        final Loaded program = loadedHere;
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
        // The counting threads have been joined: their loads happen-before these reads.
        for (final RcRuntime runtime : opened) {
            final Loaded l = loaded.remove(runtime);
            if (l == null) {
                continue; // a counting thread failed before it loaded the program
            }
            try (RuntimeThread self = runtime.attach()) {
                runtime.decref(l.function());
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
