package org.rclab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.rclab.bench.report.BenchReport;
import org.rclab.bench.report.Measurement;

/**
 * The seeds' programs in CPython, run once per round beside the schemes: the script
 * {@code seeds.py} (shipped in this jar, next to this class's package as
 * {@code org/rclab/bench/cpython/seeds.py}) times the countdown by one thread (main and started),
 * two threads and a two-process pool, and the I/O convoy at 5 ms and 1 ms, and prints JSON. Its
 * results become measurements of the scheme {@value BenchReport#CPYTHON} with the same method and
 * parameter names as the Java benchmarks, so the report pairs them by round like any other.
 */
final class CPythonSeeds {
    /** The script's resource path. */
    static final String SCRIPT = "/org/rclab/bench/cpython/seeds.py";

    private static final long TIMEOUT_MINUTES = 10;

    private final String python;
    private final Path script;
    private String version = "";

    private CPythonSeeds(final String python, final Path script) {
        this.python = python;
        this.script = script;
    }

    /**
     * Finds {@code python3} on the {@code PATH} and puts the script into a directory.
     *
     * @param dir where the script is written
     * @return the runner, empty when there is no {@code python3}
     * @throws IOException if the script cannot be written
     */
    static Optional<CPythonSeeds> find(final Path dir) throws IOException {
        final Optional<Path> python = CPythonWorker.python();
        if (python.isEmpty()) {
            return Optional.empty();
        }
        final Path script = dir.resolve("cpython-seeds.py");
        CPythonWorker.copyScript(script);
        return Optional.of(new CPythonSeeds(python.get().toString(), script));
    }

    /**
     * Whether a {@code python3} is on the {@code PATH}, so that a run would include CPython's seeds.
     *
     * @return {@code true} if one is
     */
    static boolean onPath() {
        return CPythonWorker.python().isPresent();
    }

    /**
     * The interpreter as the last run reported it, e.g. {@code CPython 3.11.7}.
     *
     * @return the version, empty before the first run
     */
    String version() {
        return version;
    }

    /**
     * Runs the script once.
     *
     * @param args the script's arguments
     * @return its results as measurements
     * @throws IOException if it cannot run, fails, or prints something else than its JSON
     */
    List<Measurement> run(final String... args) throws IOException {
        final List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("the CPython script did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while CPython ran", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("the CPython script exited with status " + process.exitValue());
        }
        return parse(out);
    }

    /**
     * Reads the script's JSON output.
     *
     * @param json the output
     * @return the measurements
     * @throws IOException if it is not the script's JSON
     */
    List<Measurement> parse(final String json) throws IOException {
        try {
            final JsonObject root = JsonParser.parseString(json).getAsJsonObject();
            version = root.get("implementation").getAsString() + " " + root.get("version").getAsString();
            final List<Measurement> out = new ArrayList<>();
            for (final JsonElement e : root.getAsJsonArray("results")) {
                final JsonObject r = e.getAsJsonObject();
                final String method = r.get("method").getAsString();
                final Map<String, String> params = new TreeMap<>();
                r.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
                params.put(Measurement.SCHEME, BenchReport.CPYTHON);
                out.add(new Measurement(BenchReport.CPYTHON + "." + method, method, "avgt", 1, params,
                        r.get("score").getAsDouble(), Double.NaN, r.get("unit").getAsString()));
            }
            return out;
        } catch (final JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new IOException("the CPython script printed something else than its JSON: " + e.getMessage(), e);
        }
    }
}
