package org.rclab.interp;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.rclab.heap.LeakReport;
import org.rclab.heap.Tracking;
import org.rclab.interp.compile.Node;
import org.rclab.interp.compile.Parser;
import org.rclab.interp.compile.PySyntaxError;
import org.rclab.interp.eval.Interpreter;
import org.rclab.interp.eval.PyException;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;
import org.rclab.scheme.UnknownSchemeException;

/**
 * {@code ./rclab run FILE.py [--scheme NAME] [--switch-interval MS] [--show-refcount] [--strict-checks]}:
 * runs a Python program of the subset under one scheme. The scheme's own hot-path checks (under
 * {@code gil}, "does this thread hold the GIL?" on every count change) are off unless
 * {@code --strict-checks} asks for them, as CPython's release build has no such assertions; the
 * runtime's always-on misuse checks stay on. Exit status: 0 when the program ends normally,
 * 1 for a syntax error, a refused construct or an uncaught exception (a program that starts a
 * thread under a scheme that is not thread-safe gets a RuntimeError naming the scheme), 2 for a
 * usage mistake.
 */
public final class RunCommand {
    /** The scheme used when none is named: CPython's. */
    public static final String DEFAULT_SCHEME = "gil";
    private static final String USAGE = "usage: ./rclab run FILE.py [--scheme NAME] [--switch-interval MS] "
            + "[--show-refcount] [--strict-checks]";

    /** The outcome of one run, for tests. */
    public record Outcome(int status, long liveAtExit, long liveInWorkers) {
    }

    private RunCommand() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command's arguments
     */
    public static void main(final String[] args) {
        final PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
                1 << 16), false, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        final int status = run(args, out, err).status();
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command.
     *
     * @param args the command's arguments
     * @param out the program's stdout
     * @param err the program's stderr and the command's errors
     * @return the outcome
     */
    public static Outcome run(final String[] args, final PrintStream out, final PrintStream err) {
        String file = null;
        String schemeName = DEFAULT_SCHEME;
        String switchInterval = null;
        boolean showRefcount = false;
        boolean strictChecks = false;
        for (int i = 0; i < args.length; i++) {
            final String a = args[i];
            switch (a) {
                case "--scheme", "--switch-interval" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, a + " needs a value");
                    }
                    if (a.equals("--scheme")) {
                        schemeName = args[++i];
                    } else {
                        switchInterval = args[++i];
                    }
                }
                case "--show-refcount" -> showRefcount = true;
                case "--strict-checks" -> strictChecks = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return new Outcome(0, 0, 0);
                }
                default -> {
                    if (a.startsWith("-")) {
                        return usage(err, "unknown option '" + a + "'");
                    }
                    if (file != null) {
                        return usage(err, "one program at a time (got '" + file + "' and '" + a + "')");
                    }
                    file = a;
                }
            }
        }
        if (file == null) {
            return usage(err, "no program named");
        }
        if (switchInterval != null && !switchInterval.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) {
            return usage(err, "--switch-interval needs milliseconds, a decimal number > 0 (got '" + switchInterval + "')");
        }
        final Scheme scheme;
        try {
            scheme = Schemes.byName(schemeName);
        } catch (final UnknownSchemeException e) {
            return usage(err, e.getMessage());
        }
        final String source;
        try {
            source = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            return usage(err, "cannot read '" + file + "': " + e.getMessage());
        }
        final List<Node> body;
        try {
            body = Parser.parseModule(source);
        } catch (final PySyntaxError e) {
            err.print(e.render(file, source));
            return new Outcome(1, 0, 0);
        }
        final String interval = switchInterval;
        final Tracking tracking = showRefcount ? Tracking.OBJECTS : Tracking.OFF;
        final boolean strict = strictChecks;
        final Supplier<RcRuntime> runtimes = () -> {
            final RcRuntime.Builder b = RcRuntime.builder(scheme).tracking(tracking).strictChecks(strict);
            if (interval != null) {
                b.option("switch-interval-ms", interval);
            }
            return b.build();
        };
        return execute(new Interpreter.Program(file, source, body), runtimes, out, err, showRefcount);
    }

    /** Runs the program on a thread of its own, whose stack is deep enough for Python's recursion limit. */
    private static Outcome execute(final Interpreter.Program program, final Supplier<RcRuntime> runtimes,
                                   final PrintStream out, final PrintStream err, final boolean showRefcount) {
        final Outcome[] outcome = new Outcome[1];
        final RuntimeException[] failure = new RuntimeException[1];
        final Thread main = Interpreter.newThread(() -> {
            try {
                outcome[0] = executeHere(program, runtimes, out, err, showRefcount);
            } catch (final RuntimeException e) {
                failure[0] = e;
            }
        }, "MainThread");
        main.start();
        try {
            main.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the program ran", e);
        }
        // join() orders the thread's writes before these reads.
        if (failure[0] != null) {
            throw failure[0];
        }
        return outcome[0];
    }

    private static Outcome executeHere(final Interpreter.Program program, final Supplier<RcRuntime> runtimes,
                                       final PrintStream out, final PrintStream err, final boolean showRefcount) {
        final AtomicLong workerLeaks = new AtomicLong();
        final RcRuntime rt;
        try {
            rt = runtimes.get();
        } catch (final IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        int status = 0;
        final long live;
        try {
            try (RuntimeThread self = rt.attach()) {
                Interpreter interp = null;
                try {
                    interp = new Interpreter(rt, program, "__main__", out, err, runtimes, workerLeaks);
                } catch (final PySyntaxError e) {
                    err.print(e.render(program.fileName(), program.source()));
                    status = 1;
                }
                if (interp != null) {
                    try {
                        interp.run(self);
                    } catch (final PyException e) {
                        out.flush();
                        err.print(e.render());
                        err.flush();
                        status = 1;
                    }
                    interp.shutdown(self);
                }
            }
            out.flush();
            rt.quiesce();
            live = rt.heap().live();
            if (showRefcount) {
                final LeakReport report = rt.heap().leakReport();
                err.println("[" + report.live() + " live objects]" + (report.live() == 0 ? "" : " " + report.render()));
            }
        } finally {
            rt.close();
        }
        return new Outcome(status, live, workerLeaks.get());
    }

    private static Outcome usage(final PrintStream err, final String message) {
        err.println("rclab run: " + message);
        err.println(USAGE);
        return new Outcome(2, 0, 0);
    }
}
