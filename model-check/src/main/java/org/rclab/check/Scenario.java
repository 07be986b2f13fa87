package org.rclab.check;

import java.util.Map;
import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.TimedWaits;

/**
 * One small concurrent scenario and the property every interleaving of it must keep.
 *
 * <p>{@link #run} is one invocation: it makes fresh objects in the runtime, starts its threads
 * (two or three, a few operations each), joins them and throws {@link AssertionError} naming what
 * broke. The model checker calls it once per interleaving it explores. The runtime is made once,
 * outside the model checker ({@link #open}): its construction (the small-int cache, the metrics)
 * is sequential work whose loops would only exceed the checker's loop bound and slow every
 * invocation. Each invocation judges only the objects it made and the heap's changes during it.
 */
public interface Scenario {
    /** The option of {@code gil} (and of schemes built on its rules) that sets the switch interval. */
    String SWITCH_INTERVAL_OPTION = "switch-interval-ms";
    /**
     * The option of {@code buffered} that turns its commit thread off: the model checker controls
     * only the threads it starts, so count changes are applied by those threads instead, when a
     * log fills and when a property quiesces.
     */
    String COMMIT_THREAD_OPTION = "commit-thread";
    /**
     * The option of {@code buffered} that sizes its logs: one entry, so the scenarios' threads
     * fill them and commit each other's changes while the checker interleaves them.
     */
    String LOG_CAPACITY_OPTION = "log-capacity";
    /**
     * The option of {@code fine-grained} (and of any scheme with a lock that spins, then parks)
     * that sets how many times a contended acquirer retries before it parks.
     */
    String LOCK_SPINS_OPTION = "lock-spins";

    /**
     * A short stable name, used on the command line, in the report and in the JSON.
     *
     * @return the name
     */
    String name();

    /**
     * The property, in a sentence a reader of the report understands.
     *
     * @return the property
     */
    String property();

    /**
     * Whether a scheme that does not claim thread safety must fail this scenario: the proof that
     * the scenario can see what it is there to catch.
     *
     * @return {@code true} if {@code unsafe} must show a counterexample
     */
    boolean unsafeMustFail();

    /**
     * Whether the scenario's progress, under a scheme with a switch interval, rests on a timed
     * wait timing out (a GIL waiter asks for a drop only then). Lincheck 3.7 models a timed park
     * as a park that only an unpark ends, so for such a scheme it reports a hang that says nothing
     * about the scheme, unless the scenario makes that scheme's waits expire at once
     * ({@link #expiresTimedWaitsOf}): the report gives such a hang as {@code undecided}, not as a
     * verdict.
     *
     * @return {@code true} if progress needs a timed wait to time out
     */
    default boolean progressNeedsTimeout() {
        return false;
    }

    /**
     * The runtime options this scenario gives every scheme (a scheme ignores the ones it does not
     * declare): settings that let the model checker reach paths that only the clock or a long
     * spin would open otherwise, such as {@link TimedWaits#OPTION}{@code =expired} (or
     * {@code =parks-expire}) or
     * {@value #LOCK_SPINS_OPTION}{@code =0}.
     *
     * @return option name to value; none by default
     */
    default Map<String, String> options() {
        return Map.of();
    }

    /**
     * Whether the scenario says anything about this scheme. A scenario that exists to reach one
     * kind of lock's paths applies only to schemes that declare the option that opens them; the
     * others get {@code n/a} in the report, still listed.
     *
     * @param scheme the scheme
     * @return {@code true} by default
     */
    default boolean appliesTo(final Scheme scheme) {
        return true;
    }

    /**
     * Whether this scenario makes the scheme's timed waits expire at once: it sets
     * {@link TimedWaits#OPTION}{@code =expired} and the scheme declares that option.
     *
     * @param scheme the scheme
     * @return {@code true} if no path of the scheme waits for the clock in this scenario
     */
    default boolean expiresTimedWaitsOf(final Scheme scheme) {
        return timedWaits(scheme) == TimedWaits.EXPIRED;
    }

    /**
     * Whether this scenario makes the scheme's timed parks return at once: it sets
     * {@link TimedWaits#OPTION} to {@code expired} or {@code parks-expire} and the scheme declares
     * that option. A park bounded by a timeout, then, cannot hang the model, so a hang is the
     * scheme's.
     *
     * @param scheme the scheme
     * @return {@code true} if no timed park of the scheme outlasts its turn in this scenario
     */
    default boolean expiresTimedParksOf(final Scheme scheme) {
        return timedWaits(scheme).parksExpire();
    }

    /**
     * The {@link TimedWaits} value this scenario gives a scheme: its option's, if the scheme
     * declares the option, else {@link TimedWaits#CLOCK} (the scheme ignores it).
     *
     * @param scheme the scheme
     * @return the value the scheme runs with
     */
    private TimedWaits timedWaits(final Scheme scheme) {
        return scheme.options().containsKey(TimedWaits.OPTION)
                ? TimedWaits.parse(options().get(TimedWaits.OPTION)) : TimedWaits.CLOCK;
    }

    /**
     * Makes the runtime the invocations run in, with strict checks on so that misuse throws, a
     * deferring scheme's own thread off ({@link #COMMIT_THREAD_OPTION}, with one-entry logs), and
     * the scenario's {@link #options()}.
     *
     * @param scheme the scheme under check
     * @return a new runtime
     */
    default RcRuntime open(final Scheme scheme) {
        final RcRuntime.Builder builder = RcRuntime.builder(scheme).strictChecks(true)
                .option(COMMIT_THREAD_OPTION, "off").option(LOG_CAPACITY_OPTION, "1");
        options().forEach(builder::option);
        return builder.build();
    }

    /**
     * Runs one invocation. The calling thread is not attached; it leaves nothing attached.
     *
     * @param rt the runtime, made by {@link #open}
     * @throws AssertionError if the property does not hold
     */
    void run(RcRuntime rt);
}
