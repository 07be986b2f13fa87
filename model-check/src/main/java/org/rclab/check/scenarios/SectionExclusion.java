package org.rclab.check.scenarios;

import java.util.Map;
import org.rclab.check.Actors;
import org.rclab.check.Scenario;
import org.rclab.object.RcList;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.TimedWaits;

/**
 * The lock a scheme gives one object, on its own: two threads each do a plain read-modify-write
 * of a Java field inside a critical section on one list (two threads, not three: with three the
 * negative control's lost update lies beyond the quick budget; one section each, to keep CI's
 * share small, so a second acquisition barging ahead of a woken waiter is not explored). A lost update means two
 * threads were inside at once; a wake-up lost by a parking lot leaves a thread parked forever,
 * which the model checker reports as a deadlock. Under {@code gil} the sections are empty and
 * the GIL itself excludes.
 *
 * <p>Two variants, because Lincheck cuts a spinning waiter short (it switches to the holder,
 * which unlocks) and has no clock, so a lock's park and hand-off paths are never reached with
 * the lock's measured settings:
 * <ul>
 *   <li>{@link #SectionExclusion() section-exclusion}, for every scheme, with
 *       {@value Scenario#LOCK_SPINS_OPTION}{@code =0} and {@link TimedWaits#OPTION}{@code =parks-expire}:
 *       a contended thread parks at once, and its timed park returns at once, as if its bound had
 *       passed, while the lock's thresholds stay on the model's clock, which never moves. Under
 *       {@code fine-grained} that is the lock's own policy: an unlock wakes the waiter without
 *       handing over (it has not waited 1 ms) and the woken waiter competes for the lock; an
 *       unlock whose release store erased the waiter's "parked" flag wakes nobody, and the
 *       waiter's expired park finds the flag gone and takes the lock, or raises the flag again
 *       ({@code fine-grained.lost-wakeups}). With the parks on the model's clock instead (no
 *       expiry), that interleaving hangs for want of a timeout, which says nothing; with them
 *       expired, a hang is a waiter lost for good, an {@code error}. A GIL reads
 *       {@code parks-expire} as {@code clock}: its timed waits are its switch interval.</li>
 *   <li>{@link #handOff() lock-handoff}, only for schemes that declare
 *       {@value Scenario#LOCK_SPINS_OPTION}, adds {@link TimedWaits#OPTION}{@code =expired}: every
 *       unlock that finds a parked waiter hands it the lock (CPython's fairness rule after 1 ms).</li>
 * </ul>
 */
public final class SectionExclusion implements Scenario {
    private static final int THREADS = 2;

    private final String name;
    private final String property;
    private final Map<String, String> options;
    private final boolean onlyForSpinningLocks;

    /**
     * The {@code section-exclusion} variant: contended threads park at once and their timed parks
     * expire at once, no hand-off forced.
     */
    public SectionExclusion() {
        this("section-exclusion", "contended threads park at once and timed parks expire at once, thresholds "
                + "on the clock (lock-spins=0, timed-waits=parks-expire)",
                Map.of(LOCK_SPINS_OPTION, "0", TimedWaits.OPTION, TimedWaits.PARKS_EXPIRE.word()), false);
    }

    private SectionExclusion(final String name, final String settings, final Map<String, String> options,
                             final boolean onlyForSpinningLocks) {
        this.name = name;
        this.property = THREADS + " threads × a read-modify-write inside a critical section on one object, "
                + settings + ": no update lost (mutual exclusion), every thread gets in (no lost wake-up)";
        this.options = options;
        this.onlyForSpinningLocks = onlyForSpinningLocks;
    }

    /**
     * The {@code lock-handoff} variant: contended threads park at once and every unlock hands the
     * lock to the parked waiter; only for schemes that declare {@value Scenario#LOCK_SPINS_OPTION}.
     *
     * @return the scenario
     */
    public static SectionExclusion handOff() {
        return new SectionExclusion("lock-handoff", "contended threads park at once and every unlock hands the "
                + "lock to a parked waiter (lock-spins=0, timed-waits=expired)",
                Map.of(LOCK_SPINS_OPTION, "0", TimedWaits.OPTION, TimedWaits.EXPIRED.word()), true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String property() {
        return property;
    }

    @Override
    public boolean unsafeMustFail() {
        return true;
    }

    @Override
    public Map<String, String> options() {
        return options;
    }

    @Override
    public boolean appliesTo(final Scheme scheme) {
        return !onlyForSpinningLocks || scheme.options().containsKey(LOCK_SPINS_OPTION);
    }

    @Override
    public void run(final RcRuntime rt) {
        final Box box = new Box();
        try (RuntimeThread main = rt.attach()) {
            final RcList list = rt.newList();
            final Actors actors = new Actors(rt);
            for (int i = 0; i < THREADS; i++) {
                actors.start(t -> {
                    try (CriticalSection section = rt.enter(list)) {
                        box.value = box.value + 1;
                    }
                });
            }
            actors.joinReleased(main);
            rt.decref(list);
        }
        if (box.value != THREADS) {
            throw new AssertionError("lost update inside a critical section: " + box.value
                    + " of " + THREADS + " increments");
        }
    }

    /** A plain field: only a lock makes its increments exact. */
    private static final class Box {
        int value;
    }
}
