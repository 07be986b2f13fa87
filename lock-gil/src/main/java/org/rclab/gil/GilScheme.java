package org.rclab.gil;

import java.util.List;
import java.util.Map;

import org.rclab.gil.events.GilDropEvent;
import org.rclab.gil.events.GilDropRequestEvent;
import org.rclab.gil.events.GilForcedSwitchEvent;
import org.rclab.gil.events.GilTakeEvent;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.TimedWaits;

/**
 * {@code gil}: one lock per runtime that a thread must hold to touch any object, as CPython has
 * done since 3.2 with the "new GIL" (Antoine Pitrou's rewrite, the design described at the top of
 * CPython's {@code Python/ceval_gil.c}).
 *
 * <h2>The algorithm</h2>
 * <p>Because only the holder may touch objects, reference counts stay plain integers: no atomic
 * instruction, no fence, no per-object lock. Everything interesting is about when the holder
 * lets go.
 *
 * <p><b>Time, not ticks.</b> Before 3.2 the holder released the lock every hundred bytecodes and
 * immediately asked for it again; on a multicore machine the waiter, which first had to be woken
 * by the OS, almost never won that race. The new GIL lets a CPU-bound holder run until someone has
 * waited a full <em>switch interval</em> (5 ms by default; here the runtime option
 * {@value SwitchInterval#OPTION}, changeable while running with
 * {@link GilInstance#setSwitchIntervalMillis}).
 *
 * <p><b>Taking.</b> A thread that finds the lock free marks it held. Otherwise it waits on a
 * condition for at most one interval. If that wait times out while the lock is still held and
 * the hand-over counter ({@code switch_number}) has not moved, it sets a <em>drop request</em> on
 * the holder and waits again. The counter is what keeps the request fair to the holder: if the
 * lock changed hands during the interval, the new holder has not had its full interval yet and
 * is left alone.
 *
 * <p><b>Dropping on request.</b> The holder looks for the request at every checkpoint (CPython's
 * eval breaker, tested on loop back-edges and calls; here {@code RuntimeThread.checkpoint()}),
 * which costs two loads and two compares when no request is pending (the request flag, and the
 * check that the caller holds the lock). On a request it drops the lock and asks for it again.
 *
 * <p><b>Forced switching.</b> Dropping alone would change nothing: the dropping thread is
 * running, the waiter it signalled still has to be scheduled, and the dropper would usually take
 * the lock straight back. So a thread that drops on request then waits on a second mutex and
 * condition until another thread has taken the lock, and only then queues for it again. This
 * makes every request produce a real hand-over.
 *
 * <p><b>Blocking work</b> runs released ({@code Py_BEGIN_ALLOW_THREADS}): the thread drops
 * before the blocking call and takes the lock back after it, and must touch no object between.
 *
 * <p><b>One lock per runtime.</b> Each runtime gets its own lock (PEP 684's per-interpreter
 * GIL), so two runtimes in one JVM run in parallel: the project's stand-in for "use processes".
 *
 * <h2>Known weaknesses (reproduced and measured, not fixed)</h2>
 * <ul>
 *   <li><b>No parallelism.</b> Two CPU-bound threads take as long as one thread doing all the
 *       work, plus the cost of switching.</li>
 *   <li><b>No FIFO.</b> There is no queue of waiters. The thread whose request made the holder
 *       drop need not be the one that gets the lock; a thread arriving at the right moment may
 *       take it ahead of one that has waited several intervals.</li>
 *   <li><b>The convoy effect</b> (David Beazley, "Understanding the Python GIL", PyCon 2010;
 *       CPython issue bpo-7946). A thread that does short blocking calls drops the lock for each
 *       one. When the call returns, a CPU-bound neighbour holds the lock and will not drop it
 *       until the returning thread has waited a full interval and asked. So each blocking call
 *       costs up to one interval extra: an I/O-bound thread next to a CPU-bound one runs at one
 *       call per interval, however fast the calls are. A shorter interval shortens the convoy but
 *       makes CPU-bound threads switch more often.</li>
 * </ul>
 *
 * <h2>Where this differs from CPython</h2>
 * <ul>
 *   <li>The interval is given in milliseconds (CPython's {@code sys.setswitchinterval} takes
 *       seconds).</li>
 *   <li>The drop request is a flag on the holder's thread state, as in CPython 3.13, not one flag
 *       per interpreter as in 3.2 to 3.12.</li>
 *   <li>A Java thread can end without detaching. A waiter whose interval runs out while the
 *       holder's thread is dead takes the lock back, so no thread hangs because another ended or
 *       threw while holding it (throws inside try-with-resources detach anyway).</li>
 * </ul>
 *
 * <p>Misuse checks, hand-over metrics ({@code gil.*}) and the thread gate are described on
 * {@link GilInstance}; the lock itself is {@link GlobalInterpreterLock}.
 */
public final class GilScheme implements Scheme {
    /** The scheme's name: {@value}. */
    public static final String NAME = "gil";

    /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
    public GilScheme() {
        // A scheme provider is a stateless factory: each runtime's lock lives in its GilInstance.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "global interpreter lock (CPython 3.2+ new GIL): plain counts, one thread at a time, "
                + "switch interval with forced switching";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public Map<String, String> options() {
        return Map.of(SwitchInterval.OPTION, "milliseconds a waiter waits before asking the GIL's holder to drop it "
                + "(a decimal number > 0, default " + SwitchInterval.DEFAULT_MILLIS + ")",
                TimedWaits.OPTION, "clock (default), expired or parks-expire: with expired every wait of one switch "
                + "interval (a waiter's, and a forced dropper's wait for the switch) times out at once, so a waiter "
                + "asks for a drop as soon as it waits; for model checkers, which have no clock (waiters busy-wait "
                + "in a real run); parks-expire is clock here: every timed wait of the GIL is its switch interval, "
                + "a threshold that stays on the clock");
    }

    /** Taking (with the wait), drop requests, forced switches and drops, from {@code org.rclab.gil.events}. */
    @Override
    public List<Class<? extends jdk.jfr.Event>> events() {
        return List.of(GilTakeEvent.class, GilDropRequestEvent.class, GilForcedSwitchEvent.class, GilDropEvent.class);
    }

    /**
     * Binds a new GIL to a runtime.
     *
     * @throws IllegalArgumentException if the runtime's {@value SwitchInterval#OPTION} option is
     *         not a decimal number of milliseconds greater than zero, or its
     *         {@value TimedWaits#OPTION} option is not one of {@code clock}, {@code expired},
     *         {@code parks-expire}
     */
    @Override
    public SchemeInstance open(final SchemeContext context) {
        return new GilInstance(context);
    }
}
