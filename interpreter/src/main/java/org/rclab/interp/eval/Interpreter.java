package org.rclab.interp.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.rclab.interp.compile.Code;
import org.rclab.interp.compile.Compiler;
import org.rclab.interp.compile.Node;
import org.rclab.interp.compile.PySyntaxError;
import org.rclab.object.RcDict;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/**
 * One program loaded into one runtime: its module's globals (a dict of the object model), the
 * builtins and built-in modules, the threads it started and the pools it made. A pool worker is
 * another {@code Interpreter} in a runtime of its own, loading the same source under the name
 * {@code __mp_main__}, as {@code multiprocessing}'s spawn start method does.
 */
public final class Interpreter {
    /** Deepest call nesting before a RecursionError, as CPython's default limit. */
    static final int RECURSION_LIMIT = 1000;
    /**
     * The Java stack of every thread that runs Python code: each Python call nests a few Java
     * frames, and the default 1 MB overflowed before {@link #RECURSION_LIMIT} calls. Reserved, not
     * committed, until used.
     */
    public static final long STACK_BYTES = 64L << 20;

    private final RcRuntime rt;
    private final Program program;
    private final String moduleName;
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<RcRuntime> workerRuntimes;
    private final RcDict globals;
    private final Map<String, RcObject> builtins;
    private final Map<String, PyModule> modules;
    private final List<PyThread> threads = new CopyOnWriteArrayList<>();
    private final List<PyPool> pools = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadNumbers = new AtomicInteger();
    private final AtomicLong workerLeaks;
    private Code code;
    private volatile boolean bootstrapping;

    /**
     * A program as read from its file.
     *
     * @param fileName the name tracebacks show
     * @param source the source text
     * @param body the parsed module (parsed once; each runtime compiles its own constants)
     */
    public record Program(String fileName, String source, List<Node> body) {
        String line(final int line) {
            final String[] lines = source.split("\n", -1);
            return line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
        }
    }

    /**
     * Loads a program into a runtime (compiles it; does not run it).
     *
     * @throws PySyntaxError if the compiler refuses the program; nothing is left live then
     *
     * @param rt the runtime
     * @param program the program
     * @param moduleName {@code __main__}, or {@code __mp_main__} in a pool worker
     * @param out where {@code print} writes
     * @param err where tracebacks go
     * @param workerRuntimes makes the runtime of each pool worker (same scheme and options)
     * @param workerLeaks where pool workers add the objects they leaked
     */
    public Interpreter(final RcRuntime rt, final Program program, final String moduleName, final PrintStream out,
                       final PrintStream err, final Supplier<RcRuntime> workerRuntimes, final AtomicLong workerLeaks) {
        this.rt = rt;
        this.program = program;
        this.moduleName = moduleName;
        this.out = out;
        this.err = err;
        this.workerRuntimes = workerRuntimes;
        this.workerLeaks = workerLeaks;
        this.builtins = Builtins.make(rt);
        this.modules = Builtins.modules(rt);
        this.code = compile(rt, program);
        this.globals = rt.newDict();
        final RcStr key = rt.newStr("__name__");
        final RcStr value = rt.newStr(moduleName);
        globals.put(key, value);
        rt.decref(key);
        rt.decref(value);
    }

    /** Compiles the module; a refusal releases the constants made before it. */
    private static Code compile(final RcRuntime rt, final Program program) {
        final List<RcObject> made = new ArrayList<>();
        try {
            return Compiler.compileModule(program.body(), v -> {
                final RcObject o = Values.importValue(rt, v);
                made.add(o);
                return o;
            }, s -> {
                final RcStr o = rt.newStr(s);
                made.add(o);
                return o;
            });
        } catch (final PySyntaxError e) {
            Values.release(rt, made);
            throw e;
        }
    }

    /**
     * Runs the module body on the calling thread, which must be attached to this runtime.
     *
     * @param self the calling thread's attachment
     * @throws PyException if the module raises
     */
    public void run(final RuntimeThread self) {
        new Eval(this, self).runModule(code);
    }

    /**
     * Calls a function of this program from Java, as a pool worker runs a task. The module must
     * have run ({@link #run}); find the function with {@link #lookupFunction}.
     *
     * @param self the calling thread's attachment to this program's runtime
     * @param function the function (borrowed)
     * @param args its positional arguments (borrowed)
     * @return a new reference to the result
     * @throws PyException if the call raises
     */
    public RcObject call(final RuntimeThread self, final RcObject function, final RcObject... args) {
        return new Eval(this, self).call(function, args);
    }

    void runAsWorker(final Eval ev) {
        bootstrapping = true;
        try {
            ev.runModule(code);
        } finally {
            bootstrapping = false;
        }
    }

    /**
     * Ends the program as CPython's interpreter shutdown does: waits (released) for the threads it
     * started, closes its pools, then releases the module's globals and the code's constants, so
     * a program that leaked nothing leaves no live object.
     *
     * @param self the calling thread's attachment
     */
    public void shutdown(final RuntimeThread self) {
        for (final PyThread t : threads) {
            t.joinReleased(self);
        }
        for (final PyPool p : pools) {
            p.shutdown(self);
        }
        globals.clear();
        rt.decref(globals);
        code.release(rt);
        code = null;
    }

    // ---------------------------------------------------------------- for the evaluator and builtins

    RcRuntime runtime() {
        return rt;
    }

    RcDict globals() {
        return globals;
    }

    /** A global, then a builtin, with a new reference; NameError if neither. */
    RcObject loadGlobal(final RcStr name) {
        final RcObject v = globals.get(name);
        if (v != null) {
            return v;
        }
        final RcObject builtin = builtins.get(name.value());
        if (builtin == null) {
            throw new PyException("NameError", "name '" + name.value() + "' is not defined");
        }
        return builtin;
    }

    /** A built-in module (immortal: no reference to take). */
    PyModule module(final String name) {
        return modules.get(name);
    }

    String fileName() {
        return program.fileName();
    }

    String sourceLine(final int line) {
        return program.line(line);
    }

    Program program() {
        return program;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    String moduleName() {
        return moduleName;
    }

    boolean bootstrapping() {
        return bootstrapping;
    }

    Supplier<RcRuntime> workerRuntimes() {
        return workerRuntimes;
    }

    AtomicLong workerLeaks() {
        return workerLeaks;
    }

    int nextThreadNumber() {
        return threadNumbers.incrementAndGet();
    }

    void started(final PyThread thread) {
        threads.add(thread);
    }

    void created(final PyPool pool) {
        pools.add(pool);
    }

    /**
     * A thread for Python code, with a stack deep enough for {@link #RECURSION_LIMIT} calls.
     *
     * @param body what it runs
     * @param name its name
     * @return the thread, not started
     */
    public static Thread newThread(final Runnable body, final String name) {
        return new Thread(null, body, name, STACK_BYTES);
    }

    /** Writes a report to stderr after flushing stdout, so the two interleave as they happened. */
    void report(final String text) {
        synchronized (out) {
            out.flush();
        }
        synchronized (err) {
            err.print(text);
            err.flush();
        }
    }

    /**
     * A module-level function (or any global) by name, as pickle finds the function a pool task
     * names. The module must have run.
     *
     * @param name the name
     * @return a new reference to it
     * @throws PyException (AttributeError) if the module defines no such name
     */
    public RcObject lookupFunction(final String name) {
        final RcStr key = rt.newStr(name);
        try {
            final RcObject v = globals.get(key);
            if (v == null) {
                throw new PyException("AttributeError", "Can't get attribute '" + name + "' on <module '"
                        + moduleName + "' from '" + program.fileName() + "'>");
            }
            return v;
        } finally {
            rt.decref(key);
        }
    }
}
