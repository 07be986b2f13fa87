package org.rclab.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A persistent {@code python3} running the seeds script {@code seeds.py} in its {@code --serve}
 * mode, so that CPython can take turns with the Java cells inside one JMH fork
 * ({@code org.rclab.bench.turns.CellsInTurn}): asked to count N steps of the seeds' {@code countdown}
 * (the script's own function, the one its once-a-round run times), it answers with the nanoseconds
 * it took by {@code time.perf_counter_ns} and the counting thread's CPU time by
 * {@code time.thread_time_ns}. Between commands the worker blocks on its stdin, and the
 * JVM waiting for an answer blocks on the pipe: neither spins while the other runs.
 *
 * <p>A worker that ends or answers anything but {@code ok NANOS CPU_NANOS} fails the caller with one line
 * naming the worker and what it said, so a fork with a broken CPython fails rather than reporting
 * a figure that is not CPython's.
 */
public final class CPythonWorker implements AutoCloseable {
    /** How long {@link #close()} waits for the worker to end after its stdin is closed. */
    private static final long EXIT_WAIT_SECONDS = 5;

    /**
     * How long a worker may take to answer one command before it is killed: a countdown call takes
     * milliseconds, so a worker silent this long is stuck, and killing it ends the blocked read (a
     * read on a pipe does not answer to an interrupt) with the failure that names it.
     */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path script;
    private final Path errors;
    private final BufferedWriter commands;
    private final BufferedReader answers;
    private final String version;
    private final Duration timeout;
    private volatile boolean killed;

    private CPythonWorker(final List<String> command, final Path script, final Duration timeout) throws IOException {
        this.script = script;
        this.timeout = timeout;
        this.errors = Files.createTempFile("rclab-cpython-worker", ".err");
        this.process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        this.name = "CPython worker (" + String.join(" ", command) + ", pid " + process.pid() + ")";
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            final String ready = answer("its start");
            if (!ready.startsWith("ready ")) {
                throw failure("said '" + ready + "' at its start, not 'ready IMPLEMENTATION VERSION'");
            }
            this.version = ready.substring("ready ".length()).strip();
        } catch (final IllegalStateException e) {
            process.destroyForcibly();
            Files.deleteIfExists(errors);
            throw e;
        }
    }

    /**
     * Starts a worker: {@code python3} from the {@code PATH} on a copy of the shipped seeds script.
     *
     * @return the worker, ready for commands
     * @throws IllegalStateException if there is no {@code python3}, or the worker does not start as the script should
     */
    public static CPythonWorker start() {
        final Path python = python().orElseThrow(() -> new IllegalStateException("no python3 on the PATH"));
        try {
            final Path script = Files.createTempFile("rclab-cpython-seeds", ".py");
            copyScript(script);
            return start(List.of(python.toString(), script.toString(), "--serve"), script, ANSWER_TIMEOUT);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start a CPython worker: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a worker from a command of one's own (a test's fake worker).
     *
     * @param command the worker's command line
     * @param script a file the worker owns and {@link #close()} deletes, or {@code null}
     * @param timeout how long it may take to answer before it is killed
     * @return the worker, ready for commands
     * @throws IOException if it cannot be started
     * @throws IllegalStateException if it does not say it is ready
     */
    static CPythonWorker start(final List<String> command, final Path script, final Duration timeout) throws IOException {
        return new CPythonWorker(command, script, timeout);
    }

    /**
     * {@code python3} on the {@code PATH}.
     *
     * @return its path, empty if there is none
     */
    public static Optional<Path> python() {
        final String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (final String dir : path.split(java.io.File.pathSeparator)) {
            final Path candidate = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Writes the shipped seeds script ({@link CPythonSeeds#SCRIPT}) to a file.
     *
     * @param file where
     * @throws IOException if it is missing from the jar or cannot be written
     */
    static void copyScript(final Path file) throws IOException {
        try (InputStream in = CPythonWorker.class.getResourceAsStream(CPythonSeeds.SCRIPT)) {
            if (in == null) {
                throw new IOException(CPythonSeeds.SCRIPT + " is missing from the jar");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The interpreter, as the worker named itself.
     *
     * @return e.g. {@code CPython 3.11.7}
     */
    public String version() {
        return version;
    }

    /**
     * What the worker measured around one countdown.
     *
     * @param nanos the wall-clock nanoseconds around the countdown (a started thread's start and join included)
     * @param cpuNanos the counting thread's own CPU time over its countdown; below {@code nanos} by what the
     *                 thread spent off a CPU (another process ran) and what starting and joining it took
     */
    public record Timing(long nanos, long cpuNanos) {
    }

    /**
     * Counts down in the worker and waits for its answer.
     *
     * @param steps the steps of the seeds' {@code countdown}
     * @param startedThread whether a started thread counts them (else the worker's main thread)
     * @return what the worker measured
     * @throws IllegalStateException if the worker ended or answered anything but {@code ok NANOS CPU_NANOS}
     */
    public Timing countdown(final long steps, final boolean startedThread) {
        final String command = (startedThread ? "thread " : "main ") + steps;
        try {
            commands.write(command);
            commands.newLine();
            commands.flush();
        } catch (final IOException e) {
            throw failure("took no command ('" + command + "': " + e.getMessage() + ")");
        }
        final String answer = answer("'" + command + "'");
        final String[] words = answer.split(" ");
        try {
            if (words.length == 3 && words[0].equals("ok")) {
                final long nanos = Long.parseLong(words[1]);
                final long cpuNanos = Long.parseLong(words[2]);
                if (nanos > 0 && cpuNanos >= 0) {
                    return new Timing(nanos, cpuNanos);
                }
            }
        } catch (final NumberFormatException e) {
            // Said below, with the whole answer.
        }
        throw failure("answered '" + answer + "' to '" + command + "', not 'ok NANOS CPU_NANOS'");
    }

    /** The worker's next line; its end is a failure that says how it ended. */
    private String answer(final String toWhat) {
        final String line;
        // The watchdog kills a silent worker; this thread meanwhile blocks on the pipe, not spinning.
        final java.util.concurrent.CompletableFuture<Void> watchdog = java.util.concurrent.CompletableFuture.runAsync(
                () -> {
                    killed = true;
                    process.destroyForcibly();
                }, java.util.concurrent.CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            line = answers.readLine();
        } catch (final IOException e) {
            throw failure("could not be read after " + toWhat + ": " + e.getMessage());
        } finally {
            watchdog.cancel(false);
        }
        if (line == null) {
            throw failure((killed ? "gave no answer to " + toWhat + " in " + timeout.toSeconds() + " s and was killed"
                    : "ended after " + toWhat + " without an answer") + exit() + lastError());
        }
        return line;
    }

    private String exit() {
        try {
            return process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS) ? " (exit status " + process.exitValue() + ")" : "";
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The last line the worker wrote on its stderr, to say what went wrong. */
    private String lastError() {
        try {
            final List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
        } catch (final IOException e) {
            return "";
        }
    }

    private IllegalStateException failure(final String what) {
        return new IllegalStateException(name + " " + what);
    }

    /**
     * Ends the worker: closes its stdin, which ends its command loop, and waits for it (killing it
     * after {@value #EXIT_WAIT_SECONDS} s); deletes its files.
     *
     * @throws IOException if its files cannot be deleted
     */
    @Override
    public void close() throws IOException {
        try {
            commands.close();
        } catch (final IOException e) {
            // The worker already ended: nothing left to tell it.
        }
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            answers.close();
            Files.deleteIfExists(errors);
            if (script != null) {
                Files.deleteIfExists(script);
            }
        }
    }
}
