package org.rclab.check;

import org.rclab.runtime.RcRuntime;
import org.rclab.scheme.Scheme;

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
    /** One nanosecond, the shortest interval {@code gil} accepts. */
    String SHORTEST_SWITCH_INTERVAL_MS = "0.000001";

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
     * about the scheme: the report gives that cell as {@code undecided}, not as a verdict.
     *
     * @return {@code true} if progress needs a timed wait to time out
     */
    default boolean progressNeedsTimeout() {
        return false;
    }

    /**
     * Makes the runtime the invocations run in: strict checks on, so that misuse throws, and a
     * switch interval as short as it goes for a scheme that has one.
     *
     * <p>Why the interval: the model checker has no clock. A GIL waiter asks for a drop only when
     * its timed wait of one interval times out, and with a real interval (5 ms) the interleavings
     * in which it times out are not among those explored: a holder that only passes checkpoints
     * then keeps the lock forever, which the checker reports as a hang. At one nanosecond a timed
     * wait times out as soon as it begins, so every interleaving of "the interval has run out" is
     * explored, drop requests and forced switches included; the case where the interval has not
     * run out yet is a waiter that has not been scheduled yet, which the checker explores anyway.
     *
     * @param scheme the scheme under check
     * @return a new runtime
     */
    default RcRuntime open(final Scheme scheme) {
        final RcRuntime.Builder builder = RcRuntime.builder(scheme).strictChecks(true);
        if (scheme.options().containsKey(SWITCH_INTERVAL_OPTION)) {
            builder.option(SWITCH_INTERVAL_OPTION, SHORTEST_SWITCH_INTERVAL_MS);
        }
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
