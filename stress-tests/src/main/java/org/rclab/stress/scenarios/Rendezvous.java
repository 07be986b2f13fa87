package org.rclab.stress.scenarios;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The meeting points of the two actors of one sample.
 *
 * <p>Every scenario has the same shape: actor A makes the objects and publishes them; both
 * actors meet ({@link #meetA}, {@link #meetB}), so that their racing operations begin together (one cache-line
 * transfer apart) and overlap; actor B says it is {@link #finish finished}; A waits for that,
 * passes a checkpoint and judges the sample. A judges in its own thread because it made the
 * objects: a biased scheme defers some frees to the owner's next checkpoint, and only the owner
 * can pass it.
 *
 * <p>Once A has judged, it drops the sample's references to its objects: jcstress keeps every
 * sample of an epoch (ten thousand of them) alive until the epoch ends, in a fork heap of
 * 256 MB, and a batch of objects per sample would fill it.
 *
 * <p>Waiting is done released (between {@link ActorRuntime.Turn turns}): under a GIL a thread that
 * waited holding the runtime would keep the other actor from ever arriving. A wait gives up
 * after {@value #GIVE_UP_SECONDS} s with an exception, so a harness bug ends as a test error
 * rather than a hung fork; jcstress runs the actors of one sample side by side, so a healthy
 * wait is microseconds.
 *
 * <p>Fields are volatile: A's plain writes of the objects before a meeting point happen-before B's
 * reads after it, and B's writes before {@code finish} happen-before A's reads after it.
 */
public final class Rendezvous {
    /** How long a wait may last before the harness calls it a bug: {@value} s. */
    public static final long GIVE_UP_SECONDS = 20;

    private static final int SPINS_BEFORE_YIELD = 256;

    private volatile int reachedA;
    private volatile int reachedB;
    private volatile boolean finishedB;

    /**
     * Actor A reaches a meeting point and waits until B has reached it too.
     *
     * @param point the meeting point, counted from 1 in the order the actors meet
     */
    public void meetA(final int point) {
        reachedA = point;
        await(() -> reachedB >= point, "actor B at meeting point " + point);
    }

    /**
     * Actor B reaches a meeting point and waits until A has reached it too (and so has
     * published what it made before it).
     *
     * @param point the meeting point, counted from 1 in the order the actors meet
     */
    public void meetB(final int point) {
        reachedB = point;
        await(() -> reachedA >= point, "actor A at meeting point " + point);
    }

    /**
     * Actor A reaches a meeting point without waiting there; it then keeps working until
     * {@link #hasReachedB} says B has reached it too.
     *
     * @param point the meeting point
     */
    public void arriveA(final int point) {
        reachedA = point;
    }

    /**
     * Actor B reaches a meeting point without waiting there.
     *
     * @param point the meeting point
     */
    public void arriveB(final int point) {
        reachedB = point;
    }

    /**
     * Whether actor A has reached a meeting point, for an actor B that keeps working (passing
     * checkpoints) while it waits.
     *
     * @param point the meeting point
     * @return {@code true} once A has reached it
     */
    public boolean hasReachedA(final int point) {
        return reachedA >= point;
    }

    /**
     * Whether actor B has reached a meeting point, for an actor A that keeps working while it
     * waits.
     *
     * @param point the meeting point
     * @return {@code true} once B has reached it
     */
    public boolean hasReachedB(final int point) {
        return reachedB >= point;
    }

    /** Actor B is done with the objects. */
    public void finish() {
        finishedB = true;
    }

    /**
     * Whether actor B is done, for an actor A that keeps working while it waits.
     *
     * @return {@code true} once B has called {@link #finish()}
     */
    public boolean isFinished() {
        return finishedB;
    }

    /** Actor A waits until B is done. */
    public void awaitFinish() {
        await(() -> finishedB, "actor B to finish");
    }

    /**
     * Spins, then yields, until a condition holds. Yielding matters on a machine with as many
     * CPUs as actors: the other actor may be waiting for this CPU.
     *
     * @param condition what to wait for
     * @param what what is awaited, for the error message
     * @throws IllegalStateException after {@value #GIVE_UP_SECONDS} s
     */
    public static void await(final BooleanSupplier condition, final String what) {
        int spins = 0;
        long deadline = 0;
        while (!condition.getAsBoolean()) {
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
                continue;
            }
            if (deadline == 0) {
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
            } else if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up after " + GIVE_UP_SECONDS + " s waiting for " + what);
            }
            Thread.yield();
        }
    }
}
