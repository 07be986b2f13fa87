package org.rclab.gilpriority;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.rclab.runtime.Metrics;

/** The scheme's measurements, registered in the runtime's {@link Metrics} under {@code gil-priority.*}. */
final class PriorityGilMetrics {
    /** Name of the hand-over counter: the lock went to a thread other than its last holder. */
    static final String HANDOVERS = "gil-priority.handovers";
    /** Name of the counter of hand-overs to a waiting thread back from blocking work. */
    static final String PRIORITY_HANDOVERS = "gil-priority.priority-handovers";
    /** Name of the counter of hand-overs the starvation guard made: a waiting-class thread served ahead of returning ones. */
    static final String GUARD_HANDOVERS = "gil-priority.guard-handovers";
    /** Name of the counter of drops made at a checkpoint on request, each a direct hand-over. */
    static final String FORCED_DROPS = "gil-priority.forced-drops";
    /** Name of the counter of drop requests set on a holder. */
    static final String DROP_REQUESTS = "gil-priority.drop-requests";
    /** Name of the total time threads back from blocking work waited for the lock. */
    static final String RETURN_WAIT_NANOS = "gil-priority.return-wait-nanos";
    /** Name of the longest such wait. */
    static final String MAX_RETURN_WAIT_NANOS = "gil-priority.max-return-wait-nanos";
    /** Name of the counter of returns from blocking work (the waits above are over these). */
    static final String RETURNS = "gil-priority.returns";
    /** Name of the most hand-overs that went past one thread while it was entitled to the next. */
    static final String MAX_PASSED_WHILE_ENTITLED = "gil-priority.max-passed-while-entitled";
    /** Name of the counter of locks taken back from a holder thread that ended without dropping. */
    static final String DEAD_HOLDER_RECLAIMS = "gil-priority.dead-holder-reclaims";

    final LongAdder handovers;
    final LongAdder priorityHandovers;
    final LongAdder guardHandovers;
    final LongAdder forcedDrops;
    final LongAdder dropRequests;
    final LongAdder returnWaitNanos;
    final LongAccumulator maxReturnWaitNanos;
    final LongAdder returns;
    final LongAccumulator maxPassedWhileEntitled;
    final LongAdder deadHolderReclaims;

    PriorityGilMetrics(final Metrics metrics) {
        handovers = metrics.counter(HANDOVERS, "times the lock went to a different thread than its last holder");
        priorityHandovers = metrics.counter(PRIORITY_HANDOVERS,
                "hand-overs to a thread back from released blocking work, ahead of threads made to drop");
        guardHandovers = metrics.counter(GUARD_HANDOVERS,
                "hand-overs to a thread that had waited a full interval, ahead of threads back from blocking work (the starvation guard)");
        forcedDrops = metrics.counter(FORCED_DROPS, "drops at a checkpoint on a drop request, each handing the lock to a waiter");
        dropRequests = metrics.counter(DROP_REQUESTS, "drop requests set on the holder");
        returnWaitNanos = metrics.counter(RETURN_WAIT_NANOS,
                "total nanoseconds threads back from released blocking work waited to take the lock");
        maxReturnWaitNanos = metrics.maximum(MAX_RETURN_WAIT_NANOS,
                "longest wait of a thread back from released blocking work, in nanoseconds");
        returns = metrics.counter(RETURNS, "returns from released blocking work (reacquires)");
        maxPassedWhileEntitled = metrics.maximum(MAX_PASSED_WHILE_ENTITLED,
                "most hand-overs that went to others while one thread was entitled to the next (the bound is 1)");
        deadHolderReclaims = metrics.counter(DEAD_HOLDER_RECLAIMS,
                "times a waiter took the lock back from a holder thread that had ended without dropping it");
    }
}
