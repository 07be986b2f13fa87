package org.rclab.gilpriority;

import java.util.List;
import java.util.Map;

import org.rclab.gilpriority.events.PriorityDropRequestEvent;
import org.rclab.gilpriority.events.PriorityForcedSwitchEvent;
import org.rclab.gilpriority.events.PriorityTakeEvent;
import org.rclab.scheme.MillisOption;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.TimedWaits;

/**
 * {@code gil-priority}: a global interpreter lock with the new GIL's interval rule that serves
 * threads coming back from blocking work first, the remedy proposed for the GIL's convoy effect.
 *
 * <h2>Where it comes from</h2>
 * <p>Under CPython's 3.2+ GIL (the lab's {@code gil}) a thread that makes a short blocking call
 * gives the lock up for the call; when the call returns, a CPU-bound neighbour holds the lock and
 * gives it back only when the returning thread has waited a whole switch interval and asked. Every
 * blocking call then costs up to an interval extra. David Beazley showed this in "Understanding
 * the Python GIL" (PyCon 2010) and filed it as CPython issue bpo-7946 ("Convoy effect with I/O
 * bound threads and New GIL"). His talk suggested thread priorities: a thread that gives the lock
 * up of its own accord, around I/O, should get it back ahead of a thread that had to be told to
 * let go at the end of its interval. In the issue a GIL scheduler modelled on the BFS CPU
 * scheduler (earliest virtual deadline first, with threads that use up their slice pushed back)
 * was offered, alongside other patches; none was merged, and CPython's GIL still has the convoy.
 * This scheme is the lab's version of the priority idea, written to show what it buys and what
 * it costs the CPU-bound thread.
 *
 * <h2>The rule</h2>
 * <p>Only the holder touches objects, so counts are plain and critical sections are no-ops. The
 * lock is handed over directly, from the thread that drops it to the thread it picks, through
 * two first-come first-served queues: <em>returning</em> threads, back from work they ran with
 * the runtime released, and <em>waiting</em> threads, everyone else (threads attaching, and
 * holders that were made to drop).
 * <ol>
 *   <li><b>Priority.</b> A returning thread that finds the lock held by a thread that got it the
 *       ordinary way (found it free, or was handed it from the waiting queue while no thread was
 *       returning) sets a drop request on it at once; the holder drops at its next checkpoint
 *       and the lock goes to the oldest returning thread. It does not wait an interval.</li>
 *   <li><b>Interval, as under {@code gil}.</b> A waiting thread at the head of its queue sets a
 *       drop request after one switch interval ({@value #SWITCH_INTERVAL_OPTION}, default 5 ms);
 *       the holder drops at its next checkpoint and queues again as a waiting thread, which is
 *       forced switching: it cannot take the lock straight back, because it was handed to
 *       someone else before the holder let go. So CPU-bound threads alone take turns of one
 *       interval each, as under {@code gil}.</li>
 *   <li><b>Starvation guard.</b> The head of each queue becomes <em>entitled</em> to the lock:
 *       a returning head at once behind an ordinary holder (rule 1), otherwise after an interval
 *       with no hand-over (as under {@code gil}); a waiting head one interval after it became
 *       head, whatever went to others meanwhile. An entitled head asks the holder to drop. At a
 *       hand-over an entitled head goes first, the earlier-entitled if both are; with neither
 *       entitled, returning threads go first. A waiting thread served ahead of returning ones
 *       this way, like a returning thread, is not an ordinary holder: returning threads wait an
 *       interval before they ask it to drop.</li>
 * </ol>
 *
 * <h2>The starvation bound</h2>
 * <p>Let <i>I</i> be the switch interval and <i>C</i> the longest the holder runs between two
 * checkpoints (or until it releases or detaches), plus the time the OS takes to run a woken
 * thread. Then:
 * <ul>
 *   <li>A head that has become entitled is passed over by at most one hand-over (the other head,
 *       if that one was entitled earlier); the next is its own. The metric
 *       {@code gil-priority.max-passed-while-entitled} records the most any thread was passed,
 *       and the scheme's tests hold it to 1.</li>
 *   <li>So a thread at the head of either queue holds the lock within 2·(<i>I</i> + <i>C</i>) of
 *       becoming head, and a thread with <i>k</i> threads ahead of it in its queue within
 *       (<i>k</i> + 1)·2·(<i>I</i> + <i>C</i>) of joining. Every attached thread thus gets the
 *       lock, however steady the stream of returns from blocking work.</li>
 *   <li>A returning thread behind a holder that got the lock the ordinary way holds it within
 *       <i>C</i>: the convoy is gone.</li>
 * </ul>
 * <p>The price: a CPU-bound thread next to an I/O-bound one gives the lock up at every return
 * from blocking work, not once an interval, and pays two hand-overs (OS wake-ups) for each.
 *
 * <h2>Where it differs from {@code gil}</h2>
 * <p>Queues and direct hand-over replace {@code gil}'s unordered wake-ups, so the thread whose
 * request made the holder drop is the one served (needed to give priority and a bound). A
 * thread whose holder has died is taken back by a waiter, as in {@code gil}. The runtime
 * interval can be changed with {@link PriorityGilInstance#setSwitchIntervalMillis}. Metrics are
 * {@code gil-priority.*}: hand-overs, priority hand-overs, guard hand-overs, forced drops, drop
 * requests, returns and how long they waited (total and longest).
 */
public final class GilPriorityScheme implements Scheme {
    /** The scheme's name: {@value}. */
    public static final String NAME = "gil-priority";

    /** The runtime option that sets the switch interval: {@value}, the same as {@code gil}'s. */
    public static final String SWITCH_INTERVAL_OPTION = "switch-interval-ms";

    /** The switch interval when the option is not given, in milliseconds: {@value} (CPython's). */
    public static final double DEFAULT_SWITCH_INTERVAL_MILLIS = 5.0;

    static final MillisOption SWITCH_INTERVAL = new MillisOption(SWITCH_INTERVAL_OPTION, DEFAULT_SWITCH_INTERVAL_MILLIS);

    /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
    public GilPriorityScheme() {
        // A stateless factory: each runtime's lock lives in its PriorityGilInstance.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GIL that serves threads back from blocking work at the holder's next checkpoint; "
                + "CPU-bound threads switch per interval; no starvation";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public Map<String, String> options() {
        return Map.of(SWITCH_INTERVAL_OPTION, "milliseconds a waiting thread waits before asking the holder to drop, "
                + "and before it is entitled ahead of returning threads (a decimal number > 0, default "
                + DEFAULT_SWITCH_INTERVAL_MILLIS + ")",
                TimedWaits.OPTION, "clock (default), expired or parks-expire: with expired every interval counts as "
                + "elapsed at once, so a queue head asks for a drop and is entitled as soon as it is head; for model "
                + "checkers, which have no clock (waiters busy-wait in a real run); parks-expire is clock here: "
                + "every timed wait of this lock is an interval, a threshold that stays on the clock");
    }

    /** Takes (with their grant), drop requests and forced switches, from {@code org.rclab.gilpriority.events}. */
    @Override
    public List<Class<? extends jdk.jfr.Event>> events() {
        return List.of(PriorityTakeEvent.class, PriorityDropRequestEvent.class, PriorityForcedSwitchEvent.class);
    }

    /**
     * Binds a new lock to a runtime.
     *
     * @throws IllegalArgumentException naming {@value TimedWaits#OPTION} if that option is not one
     *         of {@code clock}, {@code expired}, {@code parks-expire}, or naming
     *         {@value #SWITCH_INTERVAL_OPTION}, if the option is
     *         not a decimal number of milliseconds greater than zero
     */
    @Override
    public SchemeInstance open(final SchemeContext context) {
        return new PriorityGilInstance(context);
    }
}
