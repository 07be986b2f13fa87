package org.rclab.stress;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.rclab.stress.scenarios.ActorRuntime;
import org.rclab.stress.scenarios.ForkMetrics;

/**
 * One jcstress run of the whole suite for one scheme, in a child JVM.
 *
 * <p>A child per scheme, because jcstress keeps its VM probing in static state and passes one
 * set of JVM options to all its forks. The child gets this JVM's class path, made absolute, and
 * jcstress hands its own class path to every fork; so the scheme jars and plugin jars that
 * {@code ./rclab} put on the class path reach the forks, and the fork's runtime finds the scheme
 * named by {@code -Drclab.scheme} with {@link java.util.ServiceLoader}. The child runs in the
 * scheme's own result directory, where jcstress writes its result blob, its HTML report
 * ({@code report/}) and, here, its console log ({@value #LOG}).
 */
final class JcstressRun {
    /** The child's console output, kept next to its results: {@value}. */
    static final String LOG = "jcstress.log";
    /** Where the forks write their scenario runtimes' metrics ({@link ForkMetrics}): {@value}. */
    static final String METRICS = "metrics";
    private static final String BLOB_PREFIX = "jcstress-results-";
    private static final Pattern FORK_DONE = Pattern.compile("^\\.+ \\[([A-Z][A-Z ]*)\\] (\\S+)");
    private static final Pattern PLANNED = Pattern.compile("^\\(Results: (\\d+) planned;");

    private final String scheme;
    private final Mode mode;
    private final Path directory;
    private final List<Suite.Entry> suite;
    private final String label;
    private final PrintStream out;

    /**
     * Prepares a run.
     *
     * @param scheme the scheme's name
     * @param mode the mode
     * @param directory the scheme's result directory (emptied first)
     * @param suite the scenarios
     * @param label how progress lines name this run, e.g. {@code gil [2/4]}
     * @param out where progress goes
     */
    JcstressRun(final String scheme, final Mode mode, final Path directory, final List<Suite.Entry> suite,
                final String label, final PrintStream out) {
        this.scheme = scheme;
        this.mode = mode;
        this.directory = directory;
        this.suite = suite;
        this.label = label;
        this.out = out;
    }

    /**
     * Runs jcstress and reads what it recorded.
     *
     * @param timeLimitSeconds after this long the child is killed and whatever it recorded is
     *                         read (a hang must not stop the table from being written)
     * @return a run per scenario; scenarios jcstress did not record have zero samples
     * @throws IOException if the child cannot be started or its files not read
     * @throws InterruptedException if interrupted while waiting for the child
     */
    List<ScenarioRun> run(final long timeLimitSeconds) throws IOException, InterruptedException {
        clean(directory);
        Files.createDirectories(directory);
        final ProcessBuilder builder = new ProcessBuilder(command())
                .directory(directory.toFile())
                .redirectErrorStream(true);
        final Process child = builder.start();
        // Stopping the command (Ctrl-C) must not leave jcstress and its forks running.
        final Thread stopChild = new Thread(() -> stop(child), "stop-jcstress-" + scheme);
        Runtime.getRuntime().addShutdownHook(stopChild);
        final Thread pump = new Thread(() -> pump(child), "jcstress-output-" + scheme);
        pump.setDaemon(true);
        pump.start();
        final boolean finished = child.waitFor(timeLimitSeconds, TimeUnit.SECONDS);
        if (!finished) {
            out.printf("%s: jcstress did not finish within %d s; stopping it and reading what it recorded%n",
                    label, timeLimitSeconds);
            stop(child);
            child.waitFor();
        }
        Runtime.getRuntime().removeShutdownHook(stopChild);
        pump.join(TimeUnit.SECONDS.toMillis(10));
        final Optional<Path> blob = findBlob();
        final List<ScenarioRun> runs;
        if (blob.isEmpty()) {
            out.printf("%s: jcstress wrote no result file (exit code %s); see %s%n", label,
                    finished ? String.valueOf(child.exitValue()) : "killed", directory.resolve(LOG));
            runs = JcstressResults.empty(suite);
        } else {
            runs = JcstressResults.read(blob.get(), suite);
        }
        final List<ScenarioRun> withMetrics = new ArrayList<>();
        for (final ScenarioRun run : runs) {
            withMetrics.add(run.withMetrics(ForkMetrics.read(metricsDirectory(), run.scenario())));
        }
        return withMetrics;
    }

    private Path metricsDirectory() {
        return directory.resolve(METRICS).toAbsolutePath();
    }

    private List<String> command() {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add("org.openjdk.jcstress.Main");
        command.add("-v");
        command.addAll(mode.jcstressArgs());
        command.add("-t");
        command.add(Suite.filter(suite));
        // jcstress splits this line at spaces and honours quotes, so the path is quoted.
        command.add("-jvmArgsPrepend");
        command.add("-D" + ActorRuntime.SCHEME_PROPERTY + "=" + scheme + " \"-D" + ForkMetrics.DIRECTORY_PROPERTY
                + "=" + metricsDirectory() + "\"");
        command.add("-r");
        command.add("report");
        return command;
    }

    /** This JVM's class path with every entry absolute, since the child runs elsewhere. */
    private static String absoluteClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator)))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Copies the child's output to the log and turns finished forks into progress lines. */
    private void pump(final Process child) {
        final Map<String, Integer> forksDone = new HashMap<>();
        final Map<String, String> names = new HashMap<>();
        for (final Suite.Entry entry : suite) {
            names.put(entry.test(), entry.scenario());
        }
        int planned = 0;
        int done = 0;
        int scenariosDone = 0;
        try (BufferedReader lines = new BufferedReader(
                     new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(directory.resolve(LOG), StandardCharsets.UTF_8),
                     true)) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.println(line);
                final Matcher plan = PLANNED.matcher(line);
                if (plan.find() && planned == 0) {
                    planned = Integer.parseInt(plan.group(1));
                }
                final Matcher fork = FORK_DONE.matcher(line);
                // After the last fork jcstress repeats the failed ones in its summary.
                if (!fork.find() || (planned > 0 && done >= planned)) {
                    continue;
                }
                done++;
                final String test = fork.group(2);
                final int forks = forksDone.merge(test, 1, Integer::sum);
                // Every scenario has the same number of forks only when both actors are compiled
                // alike; with split compilation a one-actor test has fewer, so then only forks
                // are counted.
                final int perScenario = mode.uniformForks() ? planned / Math.max(1, suite.size()) : 0;
                final boolean scenarioFinished = perScenario > 0 && forks == perScenario;
                if (scenarioFinished) {
                    scenariosDone++;
                }
                final boolean tenthPassed = planned > 0 && done * 10 / planned > (done - 1) * 10 / planned;
                if (scenarioFinished || tenthPassed || done == 1) {
                    final String scenarios = perScenario == 0 ? ""
                            : String.format(", %d/%d scenarios complete, %d left", scenariosDone, suite.size(),
                                    suite.size() - scenariosDone);
                    out.printf("%s: %d/%s forks done%s (last: %s)%n", label, done,
                            planned == 0 ? "?" : String.valueOf(planned), scenarios, names.getOrDefault(test, test));
                }
            }
        } catch (final IOException e) {
            out.printf("%s: lost the jcstress output: %s%n", label, e.getMessage());
        }
    }

    private static void stop(final Process child) {
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly();
    }

    private Optional<Path> findBlob() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(BLOB_PREFIX))
                    .max((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        }
    }

    private static void clean(final Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (final Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
