package org.rclab.gilpriority;

/** How the current holder came to hold the lock, which decides who may ask it to drop at once. */
enum Grant {
    /**
     * A waiting-class thread (or any thread that found the lock free, except one returning from
     * blocking work) with no returning thread passed over: a returning thread asks it to drop at
     * once.
     */
    OPEN,
    /**
     * A returning thread: other returning threads queue behind it and ask it to drop only after
     * one interval without a hand-over, as under {@code gil}.
     */
    PRIORITY,
    /**
     * A waiting-class thread served ahead of queued returning threads because it had waited a
     * full interval at the head of its queue (the starvation guard): protected like
     * {@link #PRIORITY}, so it keeps the lock for up to an interval.
     */
    PROTECTED
}
