package org.rclab.stress;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How long and how widely the suite runs: jcstress's presets, with changes for the two short
 * modes, each for a reason.
 *
 * <ul>
 *   <li>{@code sanity} is jcstress's sanity preset with 5 ms per iteration instead of 0 (with 0
 *       some scenarios record no sample at all, and a scenario without samples shows nothing) on
 *       one JVM configuration, the product default ({@code -jvmArgs}), instead of the eight
 *       jcstress finds, with both actors compiled alike ({@code -sc false}): two forks per
 *       scenario (jcstress's normal and stress fork) instead of eight, so that CI's smoke of every
 *       scenario and every scheme stays within minutes as rows and schemes are added. A handful of samples per
 *       scenario is too few to demand that the negative control loses counts or that every
 *       targeted path ran, so the run's exit status asks neither (both are reported).</li>
 *   <li>{@code quick} is jcstress's quick preset (5 iterations of 200 ms) on one JVM
 *       configuration, the product default with tiered compilation, instead of jcstress's 8
 *       ({@code -jvmArgs}, {@code -sc false}): one fork per scenario, so that
 *       {@code ./rclab compare} takes minutes, not half an hour. The hot paths reach C2, where
 *       lost updates show.</li>
 *   <li>{@code default} and {@code tough} are jcstress's presets unchanged: every JVM
 *       configuration jcstress finds (interpreter, C1, C2, C2 with its randomising stress
 *       options), per-actor split compilation, more iterations and forks.</li>
 * </ul>
 *
 * <p>The time estimates come from runs on the project's machine (2 vCPUs shared with other
 * work): sanity and quick measured whole, default and tough from jcstress's fork count (63 and
 * about 630 forks per scenario) times the measured time of a fork; see the module README.
 */
public enum Mode {
    /** Harness smoke test: a few samples per fork. */
    SANITY("sanity", List.of("-m", "sanity", "-time", "5", "-sc", "false", "-jvmArgs", "-XX:+TieredCompilation"), true, 2, 10,
            false),
    /** Short run with real sample counts. */
    QUICK("quick", List.of("-m", "quick", "-sc", "false", "-jvmArgs", "-XX:+TieredCompilation"), true, 8, 12, true),
    /** jcstress's default preset. */
    DEFAULT("default", List.of("-m", "default"), false, 500, 10, true),
    /** jcstress's tough preset. */
    TOUGH("tough", List.of("-m", "tough"), false, 8000, 10, true);

    private final String word;
    private final List<String> jcstressArgs;
    private final boolean uniformForks;
    private final int secondsPerScenario;
    private final int secondsPerScheme;
    private final boolean fullRun;

    Mode(final String word, final List<String> jcstressArgs, final boolean uniformForks,
         final int secondsPerScenario, final int secondsPerScheme, final boolean fullRun) {
        this.word = word;
        this.jcstressArgs = jcstressArgs;
        this.uniformForks = uniformForks;
        this.secondsPerScenario = secondsPerScenario;
        this.secondsPerScheme = secondsPerScheme;
        this.fullRun = fullRun;
    }

    /**
     * The name users type.
     *
     * @return e.g. {@code quick}
     */
    public String word() {
        return word;
    }

    /**
     * The jcstress options this mode runs with.
     *
     * @return the options
     */
    public List<String> jcstressArgs() {
        return jcstressArgs;
    }

    /**
     * Whether every scenario runs the same number of forks (both actors compiled alike), so that
     * progress can say how many scenarios are complete.
     *
     * @return {@code true} for the modes run with {@code -sc false}
     */
    public boolean uniformForks() {
        return uniformForks;
    }

    /**
     * Whether the run is long enough to demand that every path a scenario targets ran in every
     * scheme that has it, and that a scheme without thread safety fails every row declared for
     * it.
     *
     * @return {@code false} only for sanity
     */
    public boolean fullRun() {
        return fullRun;
    }

    /**
     * The estimated wall time of a run.
     *
     * @param schemes how many schemes
     * @param scenarios how many scenarios
     * @return seconds
     */
    public long estimateSeconds(final int schemes, final int scenarios) {
        return (long) schemes * (secondsPerScheme + (long) scenarios * secondsPerScenario);
    }

    /**
     * The mode with a name.
     *
     * @param word the name
     * @return the mode, if one has that name
     */
    public static Optional<Mode> of(final String word) {
        final String lower = word.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.word.equals(lower)).findFirst();
    }

    /**
     * The names, for messages.
     *
     * @return e.g. {@code sanity|quick|default|tough}
     */
    public static String words() {
        return String.join("|", Arrays.stream(values()).map(Mode::word).toList());
    }
}
