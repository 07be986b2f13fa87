package org.rclab.finegrained;

import java.util.concurrent.atomic.LongAdder;

import org.rclab.runtime.Metrics;

/**
 * The counters one set of critical sections reports to its runtime's {@link Metrics}. Only the
 * slow paths touch them: an uncontended lock and unlock never count anything.
 */
final class LockMetrics {
    /** Lock acquisitions whose first compare-and-set failed. */
    final LongAdder contended;
    /** Times a thread parked waiting for an object lock. */
    final LongAdder parks;
    /** Unlocks that handed the lock straight to a waiter that had waited the fairness limit or longer. */
    final LongAdder handoffs;
    /** Times a thread released the critical sections it held because it was about to block. */
    final LongAdder suspensions;
    /** Timed parks that expired and found their waiter's flag erased by a release-store unlock. */
    final LongAdder lostWakeups;

    LockMetrics(final Metrics metrics, final String prefix) {
        this.contended = metrics.counter(prefix + ".lock-contended",
                "object-lock acquisitions that found the lock taken");
        this.parks = metrics.counter(prefix + ".lock-parks",
                "times a thread parked waiting for an object lock");
        this.handoffs = metrics.counter(prefix + ".handoffs",
                "unlocks that handed the lock to a waiter parked past the fairness limit (1 ms)");
        this.suspensions = metrics.counter(prefix + ".suspensions",
                "times a blocking thread released its critical sections");
        this.lostWakeups = metrics.counter(prefix + ".lost-wakeups",
                "timed parks that expired and found the waiter's parked flag erased by a release-store "
                        + "unlock (a wake-up lost, and taken back within the park's bound)");
    }
}
