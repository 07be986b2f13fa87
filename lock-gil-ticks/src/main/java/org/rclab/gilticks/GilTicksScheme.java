package org.rclab.gilticks;

import java.util.List;
import java.util.Map;

import org.rclab.gilticks.events.FailedWakeupEvent;
import org.rclab.gilticks.events.TicksTakeEvent;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;

/**
 * {@code gil-ticks}: the global interpreter lock CPython had before 3.2 (the 2.x line and 3.0 to
 * 3.1), one per runtime, written only against the lab's public scheme SPI.
 *
 * <h2>The algorithm</h2>
 * <p>As under any GIL, only the holder touches objects, so counts are plain integers and
 * critical sections are no-ops. The lock itself is a binary semaphore: a mutex, a
 * {@code locked} flag and a condition ({@link BinarySemaphoreGil}). The holder counts
 * <em>ticks</em>, one per checkpoint (CPython ticked about once per bytecode instruction, in the
 * eval loop's {@code _Py_Ticker}). When a <em>check interval</em> of ticks has passed (runtime
 * option {@value CheckInterval#OPTION}, default 100 as in CPython's
 * {@code sys.setcheckinterval}), the holder releases the lock (clears the flag, signals one
 * waiter) and immediately asks for it again. Blocking work runs released
 * ({@code Py_BEGIN_ALLOW_THREADS}): release before it, take after. That is the whole design:
 * no timed wait, no request to the holder, no forced switching, no queue. Whoever gets the mutex
 * first after a release gets the lock.
 *
 * <h2>Why it thrashes on more than one core</h2>
 * <p>On one core a waiter cannot run while the holder runs, so the release-and-retake every
 * hundred ticks costs little, and the lock changes hands when the OS happens to preempt the
 * holder between the two. On two cores the signal wakes the waiter on the other core, but
 * waking takes the OS microseconds, and the releasing thread, still running, takes the mutex
 * back a few instructions after it let go. The woken waiter finds the lock taken and goes back to
 * sleep: a <em>failed wake-up</em> (metric {@code gil-ticks.failed-wakeups}). This repeats every
 * interval: the holder pays for a wake-up system call and a contended mutex each time, the waiter
 * burns the other core waking for nothing, and the lock changes hands only when the waiter
 * happens to reach the mutex inside the few-nanosecond window between the holder's release and
 * its retake. David Beazley traced this in 2009 ("Inside the Python GIL", Chicago): two threads
 * counting down on a dual-core Mac took about 1.8 times as long as one thread doing both
 * countdowns, and ran faster with one core switched off; his traces showed the waiting thread
 * being signalled and failing to get the lock over and over. His PyCon 2010 talk ("Understanding
 * the Python GIL") set the old GIL's behaviour beside the new one's.
 *
 * <p><b>What is guaranteed, and what is not.</b> Every {@value CheckInterval#OPTION}
 * checkpoints of a holder, the lock is released and one waiter is signalled (metric
 * {@code gil-ticks.interval-releases}); a holder that blocks or detaches lets a waiter in at once.
 * Nothing bounds how many intervals a waiter waits while the holder keeps computing: it gets the
 * lock only by winning the race for the mutex, and on several cores it usually loses (metric
 * {@code gil-ticks.retakes}). The lab's model keeps that: the mutex is a non-fair
 * {@link java.util.concurrent.locks.ReentrantLock}, which lets the running releaser barge ahead
 * of the woken waiter as a pthread mutex does. Making it fair would be a different, later design.
 *
 * <h2>What 3.2 changed</h2>
 * <p>Antoine Pitrou's "new GIL" (CPython 3.2, 2010; the {@code gil} scheme) replaced ticks with
 * time: the holder keeps the lock until a waiter has waited a whole switch interval (5 ms,
 * {@code sys.setswitchinterval}) and set a drop request; the holder then drops at its next
 * checkpoint and waits until another thread has taken the lock (forced switching), so a release
 * that someone asked for is never taken straight back. {@code sys.setcheckinterval} became a no-op
 * in 3.2 and was removed in 3.9. The new GIL brought its own weakness, the convoy effect
 * (Beazley 2010, bpo-7946): a thread returning from a short blocking call waits up to an interval
 * behind a CPU-bound one. Under the old GIL the same thread instead competes, once per check
 * interval, in the same race it usually loses.
 *
 * <p>Metrics ({@code gil-ticks.*}): {@code handovers}, {@code interval-releases},
 * {@code retakes}, {@code failed-wakeups}, {@code wait-nanos}, {@code max-wait-nanos}; misuse
 * checks are described on {@link GilTicksInstance}.
 */
public final class GilTicksScheme implements Scheme {
    /** The scheme's name: {@value}. */
    public static final String NAME = "gil-ticks";

    /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
    public GilTicksScheme() {
        // A scheme provider is a stateless factory: each runtime's lock lives in its instance.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "pre-3.2 CPython GIL: plain counts, one thread at a time, release and retake every "
                + CheckInterval.OPTION + " checkpoints (thrashes on multicore)";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public Map<String, String> options() {
        return Map.of(CheckInterval.OPTION, "checkpoints between the holder's releases of the GIL "
                + "(a whole number > 0, default " + CheckInterval.DEFAULT + ")");
    }

    /** Takes that waited or changed hands, and failed wake-ups, from {@code org.rclab.gilticks.events}. */
    @Override
    public List<Class<? extends jdk.jfr.Event>> events() {
        return List.of(TicksTakeEvent.class, FailedWakeupEvent.class);
    }

    /**
     * Binds a new old-style GIL to a runtime.
     *
     * @throws IllegalArgumentException if the runtime's {@value CheckInterval#OPTION} option is
     *         not a whole number from 1 to {@link Integer#MAX_VALUE}
     */
    @Override
    public SchemeInstance open(final SchemeContext context) {
        return new GilTicksInstance(context);
    }
}
