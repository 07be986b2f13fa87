package org.rclab.check;

import java.util.concurrent.atomic.AtomicLong;
import org.jetbrains.lincheck.Lincheck;

/**
 * Runs one scenario under Lincheck's model checker and says what it found.
 *
 * <p>Lincheck ({@code org.jetbrains.lincheck:lincheck} 3.7) runs the scenario's code again and
 * again, each time choosing the thread switches itself: at shared-memory accesses, locks, parks,
 * thread starts and joins it may switch, and it enumerates switch choices by increasing number of
 * switches (a tree of choices), so interleavings with few switches come first. It stops when the
 * invocation budget is spent, when the tree is exhausted, or at the first invocation that throws,
 * deadlocks or livelocks; it then replays that invocation and prints it as a table with one column
 * per thread and each read and write of a field in its thread's column. No JVM flag is needed on
 * Java 17: Lincheck attaches its agent itself (byte-buddy-agent) and instruments classes as they
 * run.
 *
 * <p>Settings: Lincheck's defaults, through its public {@link Lincheck#runConcurrentTest(int,
 * Runnable)}: a thread switch is forced after 10 iterations of one loop, a loop of more than 50
 * iterations or a recursion deeper than 20 is taken for a livelock, and the JDK's own code is
 * analysed, so {@code java.util.concurrent} locks, conditions and {@code LockSupport} parks are
 * part of the model (without that, the GIL's {@code Condition.awaitNanos} parks for real behind
 * the checker's back and the exploration hangs).
 *
 * <p>Lincheck does not say how many invocations it ran. Everything the scenario writes is rolled
 * back between invocations (its memory snapshot restores fields reachable from the scenario and
 * from statics), but an {@link AtomicLong} captured by the invocation and changed only through its
 * own methods is not: that is what {@link Outcome#invocations()} counts. It counts the replay of a
 * failing invocation too. Fewer invocations than the budget means the tree was exhausted.
 */
public final class ModelChecker {
    /** How Lincheck's report of a hang begins. */
    static final String HUNG = "= Concurrent test has hung =";
    private static final String INTERLEAVING = "The following interleaving leads to the error";

    private ModelChecker() {
    }

    /**
     * What one exploration found.
     *
     * @param failed whether an invocation broke the property (or threw, or deadlocked)
     * @param invocations invocations run (interleavings explored), replays included
     * @param exhausted whether the switch tree ran out before the budget did
     * @param millis wall-clock time of the exploration
     * @param counterexample Lincheck's report of the failing interleaving, or {@code null}
     */
    public record Outcome(boolean failed, long invocations, boolean exhausted, long millis,
                          String counterexample) {
        /**
         * Whether the failure is Lincheck's wall-clock timeout of one invocation (30 s) rather
         * than a counterexample: it reports the test as hung but shows no interleaving. A real
         * deadlock or livelock comes with the interleaving that leads to it.
         *
         * @return {@code true} for a timeout without an interleaving
         */
        public boolean timedOut() {
            return failed && !counterexample.contains(INTERLEAVING);
        }

        /**
         * Whether Lincheck reported the test as hung (a deadlock, a livelock or a timeout).
         *
         * @return {@code true} for a hang
         */
        public boolean hung() {
            return failed && counterexample.contains(HUNG);
        }
    }

    /**
     * Explores the interleavings of one invocation's threads.
     *
     * @param budget the most invocations to run
     * @param invocation one run of the scenario: it starts its threads, joins them and throws
     *                   {@link AssertionError} if its property does not hold
     * @return the outcome
     */
    public static Outcome explore(final int budget, final Runnable invocation) {
        final AtomicLong invocations = new AtomicLong();
        final long start = System.nanoTime();
        String counterexample = null;
        try {
            Lincheck.runConcurrentTest(budget, () -> {
                invocations.incrementAndGet();
                invocation.run();
            });
        } catch (final AssertionError e) {
            counterexample = e.getMessage();
        }
        final long millis = (System.nanoTime() - start) / 1_000_000L;
        final long run = invocations.get();
        return new Outcome(counterexample != null, run, counterexample == null && run < budget,
                millis, counterexample);
    }
}
