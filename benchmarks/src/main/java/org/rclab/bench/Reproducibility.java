package org.rclab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Version;

/**
 * What a reader needs to repeat a run: the code (commit, and whether the tree had changes), the
 * machine (CPU model and count), the JVMs (the forks' and the host's, with flags), JMH's version,
 * the seed of the rounds' order, and when it ran.
 */
final class Reproducibility {
    private Reproducibility() {
    }

    /**
     * Collects the block.
     *
     * @param started when the run started
     * @param ended when it ended
     * @param seed the seed of the rounds' order
     * @param results the forks' JMH results (the first one names the forks' JVM)
     * @return label to value, in the order the report prints them
     */
    static Map<String, String> collect(final ZonedDateTime started, final ZonedDateTime ended, final long seed,
                                       final List<RunResult> results) {
        final Map<String, String> out = new LinkedHashMap<>();
        out.put("commit", commit());
        out.put("CPU", cpuModel() + " × " + Runtime.getRuntime().availableProcessors());
        out.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        if (!results.isEmpty()) {
            final BenchmarkParams p = results.get(0).getParams();
            out.put("forked JVM", p.getVmName() + " " + p.getVmVersion() + " (JDK " + p.getJdkVersion() + "), "
                    + p.getJvm());
            out.put("forked JVM flags", String.join(" ", p.getJvmArgs()));
        }
        out.put("host JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        out.put("JMH", Version.getPlainVersion());
        out.put("order seed", Long.toString(seed));
        final DateTimeFormatter clock = DateTimeFormatter.ISO_INSTANT;
        out.put("started", clock.format(started.toInstant()));
        out.put("ended", clock.format(ended.toInstant()));
        return out;
    }

    /** The commit checked out, with " (tree has uncommitted changes)" when it has. */
    private static String commit() {
        final String head = git("rev-parse", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not a git checkout, or no git)";
        }
        return head + (git("status", "--porcelain", "--untracked-files=no").isEmpty() ? " (clean tree)"
                : " (tree has uncommitted changes)");
    }

    private static String git(final String... args) {
        final List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            final Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (final IOException e) {
            return "";
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String cpuModel() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (final IOException e) {
            // Not Linux: the architecture is all we know.
        }
        return System.getProperty("os.arch");
    }
}
