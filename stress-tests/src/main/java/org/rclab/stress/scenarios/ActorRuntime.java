package org.rclab.stress.scenarios;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;

/**
 * The runtime a forked jcstress VM tests, and the way actor threads take turns in it.
 *
 * <p>Each fork tests one scheme, named by the system property {@value #SCHEME_PROPERTY}
 * ({@code StressCommand} passes it to every fork). Each scenario has a runtime of its own for the
 * fork's whole life (jcstress runs one test per fork; a runtime per scenario keeps the figures
 * apart even if it ran more); every sample makes fresh objects in it. When the fork exits, a
 * shutdown hook writes each runtime's metrics for the command ({@link ForkMetrics}): they show
 * which scheme paths the scenario drove.
 *
 * <p>jcstress runs each actor method many times on the same long-lived thread. Such a thread
 * attaches the first time it needs the runtime and releases it at once, then every actor call
 * is a {@link Turn}: {@code reacquire()} ... {@code checkpoint(); release()}. That works for
 * every scheme, including a GIL, where a thread that stayed attached and unreleased would keep
 * every other actor out. Waiting for the other actor is done only between turns, released, for
 * the same reason. The actor threads end with jcstress's iteration without detaching (jcstress
 * gives no hook at a thread's end). No sample's verdict depends on them afterwards: each sample
 * is judged by its actor A once every object it judges is settled; what a dead actor may still
 * own (a biased scheme's objects queued on it by the last samples of an iteration) is never
 * looked at again, and is collected with the fork.
 */
public final class ActorRuntime {
    /** The system property naming the scheme under test: {@value}. */
    public static final String SCHEME_PROPERTY = "rclab.scheme";

    private static final Map<String, ActorRuntime> BY_SCENARIO = new ConcurrentHashMap<>();

    static {
        final String directory = System.getProperty(ForkMetrics.DIRECTORY_PROPERTY);
        if (directory != null && !directory.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> writeMetrics(Path.of(directory)),
                    "rclab-metrics-export"));
        }
    }

    private final RcRuntime runtime;
    private final ThreadLocal<RuntimeThread> handles = new ThreadLocal<>();

    private ActorRuntime(final RcRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The runtime of a scenario, with the scheme's strict checks on (as every scenario but the
     * demonstration of misuse uses it).
     *
     * @param scenario the test class, annotated with {@link Scenario}
     * @return the scenario's runtime in this fork
     */
    public static ActorRuntime checked(final Class<?> scenario) {
        return forScenario(scenario, RcRuntime.builder(schemeUnderTest()).strictChecks(true));
    }

    /**
     * A scenario's runtime with the scheme's strict checks off, for the demonstration of a thread
     * that touches counts while released: with the checks on, a scheme may refuse the touch, as a
     * debug build would; with them off the touch goes through, as in a release build.
     *
     * @param scenario the test class, annotated with {@link Scenario}
     * @return the scenario's runtime in this fork
     */
    public static ActorRuntime unchecked(final Class<?> scenario) {
        return forScenario(scenario, RcRuntime.builder(schemeUnderTest()).strictChecks(false));
    }

    /**
     * A scenario's runtime, strict checks on, with one runtime option set (every scheme gets it;
     * a scheme ignores options it does not declare).
     *
     * @param scenario the test class, annotated with {@link Scenario}
     * @param option the option's name, e.g. {@code switch-interval-ms}
     * @param value its value
     * @return the scenario's runtime in this fork
     */
    public static ActorRuntime withOption(final Class<?> scenario, final String option, final String value) {
        return forScenario(scenario, RcRuntime.builder(schemeUnderTest()).strictChecks(true).option(option, value));
    }

    private static ActorRuntime forScenario(final Class<?> scenario, final RcRuntime.Builder builder) {
        final Scenario row = scenario.getAnnotation(Scenario.class);
        if (row == null) {
            throw new IllegalArgumentException(scenario.getName() + " has no @" + Scenario.class.getSimpleName());
        }
        return BY_SCENARIO.computeIfAbsent(row.value(), name -> new ActorRuntime(builder.build()));
    }

    /** Runs in the shutdown hook: one file per scenario that ran in this fork. */
    private static void writeMetrics(final Path directory) {
        for (final Map.Entry<String, ActorRuntime> entry : BY_SCENARIO.entrySet()) {
            try {
                ForkMetrics.write(directory, entry.getKey(), entry.getValue().runtime.metrics().snapshot());
            } catch (final IOException | RuntimeException e) {
                // The command sees the missing file and says the row's paths were not shown.
                System.err.println("rclab: could not write the metrics of " + entry.getKey() + ": " + e);
            }
        }
    }

    /**
     * The scheme named by {@value #SCHEME_PROPERTY}.
     *
     * @return the scheme
     * @throws IllegalStateException if the property is not set
     * @throws org.rclab.scheme.UnknownSchemeException if no scheme on the class path has the name
     */
    public static Scheme schemeUnderTest() {
        final String name = System.getProperty(SCHEME_PROPERTY);
        if (name == null || name.isEmpty()) {
            throw new IllegalStateException("system property " + SCHEME_PROPERTY
                    + " is not set: run the suite through org.rclab.stress.StressCommand (./rclab stress)");
        }
        return Schemes.byName(name);
    }

    /**
     * The runtime itself.
     *
     * @return the runtime
     */
    public RcRuntime runtime() {
        return runtime;
    }

    /**
     * Starts a turn of the calling thread: attaches it on first use, then takes the runtime.
     *
     * @return the turn; close it to pass a checkpoint and release the runtime
     */
    public Turn turn() {
        final RuntimeThread self = idle();
        self.reacquire();
        return new Turn(self);
    }

    /**
     * The calling thread's handle, attached and released: the state between turns. Only the
     * demonstration of misuse touches objects in this state.
     *
     * @return the handle, released
     */
    public RuntimeThread idle() {
        RuntimeThread self = handles.get();
        if (self == null) {
            self = runtime.attach();
            self.release();
            handles.set(self);
        }
        return self;
    }

    /** One actor's stay in the runtime, from taking it to passing a checkpoint and releasing it. */
    public static final class Turn implements AutoCloseable {
        private final RuntimeThread self;

        private Turn(final RuntimeThread self) {
            this.self = self;
        }

        /**
         * Passes a checkpoint inside the turn (a biased scheme merges its queue here).
         */
        public void checkpoint() {
            self.checkpoint();
        }

        /**
         * Passes a checkpoint, then waits until the runtime has applied every count change made
         * before ({@link RcRuntime#quiesce()}; a no-op for schemes that defer nothing): what a
         * judge calls before it reads counts, frees or the heap.
         */
        public void settle() {
            self.checkpoint();
            self.runtime().quiesce();
        }

        /** Passes a checkpoint, as an interpreter would before blocking, then releases. */
        @Override
        public void close() {
            self.checkpoint();
            self.release();
        }
    }
}
