package org.rclab.stress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What a verdict table was measured on: the commit, the JVM, jcstress's version and the CPU. A
 * figure that cannot be found reads {@code unknown}; finding it never fails the run.
 *
 * @param commit the checked-out commit, with {@code +changes} if the tree differs from it
 * @param jvm the JVM's name and version
 * @param jcstress jcstress's version
 * @param cpu the CPU model and the number of CPUs the JVM sees
 */
public record RunInfo(String commit, String jvm, String jcstress, String cpu) {
    private static final String UNKNOWN = "unknown";
    private static final String JCSTRESS_POM =
            "/META-INF/maven/org.openjdk.jcstress/jcstress-core/pom.properties";

    /**
     * Reads the figures of this machine and working directory.
     *
     * @return the run's description
     */
    public static RunInfo ofThisMachine() {
        return new RunInfo(currentCommit(), System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                jcstressVersion(), cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
    }

    /**
     * The description as Markdown lines.
     *
     * @return one line per figure
     */
    public String markdown() {
        return "- commit: " + commit + "\n- JVM: " + jvm + "\n- jcstress: " + jcstress + "\n- CPU: " + cpu + "\n";
    }

    private static String currentCommit() {
        final String head = git("rev-parse", "--short=12", "HEAD");
        if (head == null) {
            return UNKNOWN;
        }
        final String changes = git("status", "--porcelain", "--untracked-files=no");
        return changes == null || changes.isEmpty() ? head : head + " +changes";
    }

    private static String git(final String... args) {
        final List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            final Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (final IOException e) {
            return null;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String jcstressVersion() {
        try (InputStream in = RunInfo.class.getResourceAsStream(JCSTRESS_POM)) {
            if (in == null) {
                return UNKNOWN;
            }
            final Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version", UNKNOWN);
        } catch (final IOException e) {
            return UNKNOWN;
        }
    }

    private static String cpuModel() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (final IOException | RuntimeException e) {
            // Not Linux, or not readable: fall through.
        }
        return System.getProperty("os.arch", UNKNOWN);
    }
}
