package org.rclab.gilpriority;

/** The queue a thread waits in for the lock, and so its claim on the next hand-over. */
enum WaiterClass {
    /**
     * Back from blocking work it ran released (it gave the lock up voluntarily): served at the
     * holder's next checkpoint unless the holder is protected.
     */
    RETURNING,
    /**
     * Every other waiter: a thread attaching, or a holder made to drop at a checkpoint. Served
     * by the new GIL's interval rule.
     */
    WAITING
}
