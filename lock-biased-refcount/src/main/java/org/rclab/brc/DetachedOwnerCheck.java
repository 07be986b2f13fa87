package org.rclab.brc;

import org.rclab.object.Header;
import org.rclab.object.RcObject;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.RefCounter;

/**
 * The scheme's strict check ({@code strictChecks}, on by default): a thread that has detached
 * must not count objects it still owns. It would write their local counts with plain stores
 * while a releaser, finding the owner unregistered, merges them and zeroes those counts: a lost
 * count. The check refuses such a call before it writes anything, with one cached registration
 * lookup per owner operation; a non-owner's operation is checked by nothing here (it is atomic).
 * Without strict checks the counter runs bare and the rule is the caller's to keep, as a CPython
 * thread without a thread state must not touch objects. (A thread that never attached owns
 * nothing, with or without this check: see {@link BiasedRefCounter#init}.)
 */
final class DetachedOwnerCheck implements RefCounter {
    private final BiasedRefCounter counter;
    private final MergeQueues queues;

    DetachedOwnerCheck(final BiasedRefCounter counter, final MergeQueues queues) {
        this.counter = counter;
        this.queues = queues;
    }

    @Override
    public void init(final RcObject o) {
        counter.init(o);
    }

    /** Unchecked: the runtime has checked the handle (strict checks are on when this class runs). */
    @Override
    public void init(final RcObject o, final RuntimeThread creator) {
        counter.init(o, creator);
    }

    @Override
    public void incref(final RcObject o) {
        requireAttachedIfOwner(o, "incref");
        counter.incref(o);
    }

    @Override
    public boolean decref(final RcObject o) {
        requireAttachedIfOwner(o, "decref");
        return counter.decref(o);
    }

    @Override
    public long count(final RcObject o) {
        return counter.count(o);
    }

    @Override
    public boolean tryIncref(final RcObject o) {
        requireAttachedIfOwner(o, "incref");
        return counter.tryIncref(o);
    }

    @Override
    public boolean lockFreeReads() {
        return counter.lockFreeReads();
    }

    /** Exact for the calling thread: only it registers or unregisters itself while it lives. */
    private void requireAttachedIfOwner(final RcObject o, final String action) {
        final Thread self = Thread.currentThread();
        if (Header.ownerPlain(o) == self && !queues.isRegistered(self)) {
            throw new IllegalStateException("cannot " + action + " " + o.describe() + ": " + self.getName()
                    + " owns it but is not attached (a thread that detached must not touch objects)");
        }
    }
}
