package org.rclab.conformance;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long a kit race runs: rounds are repeated until the racing threads have provably run at
 * the same time often enough, within a time limit, so a green race test means the race was
 * tried, not that the threads happened to run one after the other.
 *
 * <p>The evidence is <em>contacts</em>. Each racing thread calls {@link Ticker#tick()} between
 * its operations: it publishes its own progress and looks at its partner's. A tick that finds
 * the partner's progress moved since the previous tick is a contact: the partner ran between two
 * of this thread's operations. On two CPUs running both threads, nearly every tick is a contact;
 * threads that only take turns on one CPU, or under a global lock, make one contact per switch
 * (hundreds per second). The rounds stop once {@link #TARGET_CONTACTS} contacts were seen; or,
 * after {@link #BUDGET}, once at least {@link #MIN_CONTACTS} were (a scheme that serialises its
 * threads, such as a GIL, never reaches the target and is tried for the budget); or, after the
 * budget, once rounds at their longest still make no contacts; or at {@link #LIMIT}. A race that ends with fewer than {@link #MIN_CONTACTS} contacts was not tried,
 * and the test is aborted (reported as skipped) rather than passed.
 *
 * <p>A round that made almost no contacts was too short for the threads to meet (a GIL hands
 * over only every few milliseconds): the next round is twice as long, up to {@link #MAX_SCALE}
 * times the test's base length.
 */
final class Race {
    /** Contacts after which the race has had a fair chance even on two busy CPUs. */
    static final long TARGET_CONTACTS = 200_000;
    /** Contacts without which the threads never ran interleaved: the race was not tried. */
    static final long MIN_CONTACTS = 20;
    /** Rounds every race runs at least. */
    static final int MIN_ROUNDS = 3;
    /** After this, a race that has made {@link #MIN_CONTACTS} contacts stops. */
    static final Duration BUDGET = Duration.ofSeconds(1);
    /** No race runs longer than this (plus the round in progress). */
    static final Duration LIMIT = Duration.ofSeconds(10);

    /** How many times its base length a round may grow to. */
    static final int MAX_SCALE = 256;
    /** A round with fewer contacts than this makes the next one longer. */
    private static final long FEW_CONTACTS = 16;

    /** Longs between two threads' progress counters: 128 bytes, so they share no cache line. */
    private static final int STRIDE = 16;

    private final int threads;
    private final AtomicLongArray progress;
    private final Phaser rounds;
    private volatile boolean aborted;
    private final long started = System.nanoTime();
    private int completed;
    private long contacts;
    private int scale = 1;

    /**
     * A race among some threads.
     *
     * @param threads how many threads race (at least two)
     */
    Race(final int threads) {
        this.threads = threads;
        this.progress = new AtomicLongArray(STRIDE * threads);
        this.rounds = new Phaser(threads);
    }

    /**
     * Waits until every racing thread has arrived here (the start or end of a round). The
     * caller waits with its runtime released.
     *
     * @throws BrokenBarrierException if another racing thread failed: the race is over
     */
    void meet() throws BrokenBarrierException {
        final int phase = rounds.arrive();
        if (phase < 0 || rounds.awaitAdvance(phase) < 0) {
            throw new BrokenBarrierException("another racing thread failed");
        }
    }

    /**
     * Ends the race because a racing thread failed: threads waiting in {@link #meet()} or
     * calling {@link Ticker#tick()} stop with an exception instead of waiting for it forever.
     */
    void abort() {
        aborted = true;
        rounds.forceTermination();
    }

    /**
     * The ticker of one racing thread; it watches the next thread's progress (the last watches
     * the first), which is enough to see that the threads overlapped.
     *
     * @param index the thread's number, from 0
     * @return its ticker, used by that thread only
     */
    Ticker ticker(final int index) {
        return new Ticker(index * STRIDE, ((index + 1) % threads) * STRIDE);
    }

    /**
     * How many steps the current round takes.
     *
     * @param base the test's length for a round in which the threads meet
     * @return the base length times the current scale
     */
    int length(final int base) {
        return base * scale;
    }

    /**
     * Ends a round: adds the round's contacts and says whether to run another. Called by one
     * thread while the others wait at a barrier, so the tickers' plain fields are visible.
     *
     * @param tickers every thread's ticker
     * @return {@code true} to run another round
     */
    boolean another(final Ticker... tickers) {
        completed++;
        long round = 0;
        for (final Ticker t : tickers) {
            round += t.contacts;
            t.contacts = 0;
        }
        contacts += round;
        if (round < FEW_CONTACTS && scale < MAX_SCALE) {
            scale *= 2;
        }
        final long elapsed = System.nanoTime() - started;
        if (completed < MIN_ROUNDS) {
            return true;
        }
        if (contacts >= TARGET_CONTACTS) {
            return false;
        }
        if (elapsed >= BUDGET.toNanos() && (contacts >= MIN_CONTACTS || scale == MAX_SCALE)) {
            // Tried enough; or rounds at their longest still do not meet: this machine or scheme
            // does not let the threads overlap, and waiting longer would not change that.
            return false;
        }
        return elapsed < LIMIT.toNanos();
    }

    /**
     * Whether the threads ran interleaved often enough for the race to count as tried.
     *
     * @return {@code true} if at least {@link #MIN_CONTACTS} contacts were seen
     */
    boolean tried() {
        return contacts >= MIN_CONTACTS;
    }

    @Override
    public String toString() {
        return completed + " rounds (last at " + scale + "x), " + contacts + " contacts in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms";
    }

    /** One racing thread's progress counter and its view of its partner's. */
    final class Ticker {
        private final int own;
        private final int partner;
        private long done;
        private long partnerSeen;
        private long contacts;

        private Ticker(final int own, final int partner) {
            this.own = own;
            this.partner = partner;
        }

        /** Starts a round: what the partner did while this thread waited is not a contact. */
        void begin() {
            partnerSeen = progress.getOpaque(partner);
        }

        /**
         * Publishes one more step of this thread and counts a contact if the partner moved.
         * Opaque accesses: no fence, so a tick does not order the racing operations around it
         * and the race keeps its shape; the loads still see the partner's counter move promptly.
         *
         * @throws BrokenBarrierException if another racing thread failed (a thread waiting for
         *         its partner's work must not wait forever)
         */
        void tick() throws BrokenBarrierException {
            if (aborted) {
                throw new BrokenBarrierException("another racing thread failed");
            }
            progress.setOpaque(own, ++done);
            final long seen = progress.getOpaque(partner);
            if (seen != partnerSeen) {
                partnerSeen = seen;
                contacts++;
            }
        }
    }
}
