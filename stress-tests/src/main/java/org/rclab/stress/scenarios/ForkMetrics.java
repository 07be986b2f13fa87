package org.rclab.stress.scenarios;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The scheme metrics one scenario's runtime counted, carried from the forked jcstress VMs to the
 * command that judges them.
 *
 * <p>jcstress runs each fork for one test and ends it with {@code System.exit} after sending its
 * results, also when a test timed out; a shutdown hook in the fork ({@link ActorRuntime}) then
 * writes the runtime's metric snapshot to {@code <dir>/<scenario>/<pid>.properties}, the
 * directory named by the system property {@value #DIRECTORY_PROPERTY}. The command sums the files
 * of a scenario. Counters only grow, so a sum over forks is the count over the whole run; a fork
 * killed before its hook ran leaves no file, and is counted in {@link #forks()} as missing.
 */
public final class ForkMetrics {
    /** The system property naming the directory forks write to: {@value}. */
    public static final String DIRECTORY_PROPERTY = "rclab.metrics.dir";

    private static final String SUFFIX = ".properties";

    private final Map<String, Long> totals;
    private final int forks;

    private ForkMetrics(final Map<String, Long> totals, final int forks) {
        this.totals = totals;
        this.forks = forks;
    }

    /**
     * No fork recorded anything.
     *
     * @return the empty record
     */
    public static ForkMetrics none() {
        return new ForkMetrics(Map.of(), 0);
    }

    /**
     * Sums fixed figures, as if {@code forks} forks had recorded them (for tests).
     *
     * @param totals metric name to total
     * @param forks how many forks recorded
     * @return the record
     */
    public static ForkMetrics of(final Map<String, Long> totals, final int forks) {
        return new ForkMetrics(new TreeMap<>(totals), forks);
    }

    /**
     * Every metric the scenario's runtime registered, summed over the forks that recorded.
     *
     * @return metric name to total, sorted by name
     */
    public Map<String, Long> totals() {
        return totals;
    }

    /**
     * How many forks recorded their metrics.
     *
     * @return the number of files read
     */
    public int forks() {
        return forks;
    }

    /**
     * Writes one fork's snapshot of a scenario's metrics (in the fork). Written to a temporary
     * file and moved into place, so a reader never sees half a file.
     *
     * @param directory the directory named by {@value #DIRECTORY_PROPERTY}
     * @param scenario the scenario's row name
     * @param snapshot the runtime's metrics
     * @throws IOException if the file cannot be written
     */
    static void write(final Path directory, final String scenario, final Map<String, Long> snapshot)
            throws IOException {
        final Path folder = directory.resolve(scenario);
        Files.createDirectories(folder);
        final Properties properties = new Properties();
        snapshot.forEach((name, value) -> properties.setProperty(name, Long.toString(value)));
        final String name = ProcessHandle.current().pid() + "-" + System.nanoTime();
        final Path partial = folder.resolve(name + ".tmp");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            properties.store(out, "metrics of scenario " + scenario);
        }
        try {
            Files.move(partial, folder.resolve(name + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
        } catch (final AtomicMoveNotSupportedException e) {
            Files.move(partial, folder.resolve(name + SUFFIX));
        }
    }

    /**
     * Sums what the forks of one scenario wrote (in the command).
     *
     * @param directory the directory the forks were given
     * @param scenario the scenario's row name
     * @return the totals; {@link #none()} if no fork wrote
     * @throws IOException if a file cannot be read
     */
    public static ForkMetrics read(final Path directory, final String scenario) throws IOException {
        final Path folder = directory.resolve(scenario);
        if (!Files.isDirectory(folder)) {
            return none();
        }
        final Map<String, Long> totals = new TreeMap<>();
        int forks = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (final Path file : files) {
                final Properties properties = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(in);
                }
                for (final String name : properties.stringPropertyNames()) {
                    totals.merge(name, parse(file, name, properties.getProperty(name)), Long::sum);
                }
                forks++;
            }
        }
        return new ForkMetrics(totals, forks);
    }

    private static long parse(final Path file, final String name, final String value) throws IOException {
        try {
            return Long.parseLong(value.trim());
        } catch (final NumberFormatException e) {
            throw new IOException(file + ": metric " + name + " has no number: '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return new LinkedHashMap<>(totals) + " from " + forks + " fork(s)";
    }
}
