package org.example.coarselock;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import org.rclab.heap.MisuseKind;
import org.rclab.object.Header;
import org.rclab.object.RcObject;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.ThreadGate;

/**
 * {@code coarse-lock}: one re-entrant lock per runtime, taken around every count change and held
 * through every critical section, and dropped while its holder blocks.
 *
 * <p>This is the oldest way to make a single-threaded design safe for threads: put one lock
 * around everything that touches shared state, for the length of each operation only. Linux's
 * "big kernel lock" worked this way for a decade: a lock a task could take again while holding
 * it, released by the scheduler whenever its holder went to sleep and retaken when it woke.
 * Compared with the shipped schemes: a GIL ({@code gil}) is also one lock, but a thread keeps it
 * for its whole run and hands it over at checkpoints, so counts need no lock at all; here every
 * incref and decref takes the lock, so threads interleave at every operation and a thread never
 * holds the runtime while it is not touching objects. {@code fine-grained} and {@code brc} lock
 * per object instead, so threads working on different objects never wait for each other; here
 * they always may.
 *
 * <p><b>Counts</b> are plain ints in the header's {@code local} field, read and written only
 * with the lock held: the lock's release and the next holder's acquire order every count change
 * before the next one, so none is lost, and exactly one decref sees the count reach zero.
 *
 * <p><b>Critical sections</b> hold the same lock. They are re-entrant because the lock is (an
 * incref inside a section takes it again), a two-object section is the same single lock (so no
 * lock order exists to get wrong), and sections nest in any order without deadlock.
 *
 * <p><b>Threads.</b> Attaching and checkpoints do nothing. Releasing the runtime around blocking
 * work lets go of the lock completely, however deeply the thread's sections nest, and
 * reacquiring takes it back as deep as it was, as the big kernel lock did across a sleep: a
 * thread blocked inside a section never stops the others, and must assume the section's objects
 * changed while it was blocked. Detaching inside an open section is refused.
 *
 * <p><b>Cost.</b> Every count change is a lock and an unlock (two atomic instructions when
 * uncontended), and two threads touching any objects at all contend for one cache line. Metric:
 * {@code coarse-lock.contended}, the lock acquisitions that found the lock held.
 */
public final class CoarseLockScheme implements Scheme {
    /** The scheme's name: {@value}. */
    public static final String NAME = "coarse-lock";

    /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
    public CoarseLockScheme() {
        // A scheme provider is a stateless factory.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "example plugin: one re-entrant lock per runtime around every count change and section";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public SchemeInstance open(final SchemeContext context) {
        return new OneLock(context);
    }

    /** One runtime's lock, and everything that takes it. */
    private static final class OneLock implements SchemeInstance, RefCounter, ThreadGate, CriticalSections {
        private final SchemeContext context;
        private final ReentrantLock lock = new ReentrantLock();
        private final LongAdder contended;

        OneLock(final SchemeContext context) {
            this.context = context;
            this.contended = context.metrics().counter(NAME + ".contended",
                    "lock acquisitions that found the runtime's lock held by another thread");
        }

        private void lock() {
            if (!lock.tryLock()) {
                contended.increment();
                lock.lock();
            }
        }

        @Override
        public RefCounter refCounter() {
            return this;
        }

        @Override
        public ThreadGate threadGate() {
            return this;
        }

        @Override
        public CriticalSections criticalSections() {
            return this;
        }

        // ---- counts

        @Override
        public void init(final RcObject o) {
            // Plain and unlocked: nobody else can see the object yet.
            Header.setLocalPlain(o, 1);
        }

        @Override
        public void incref(final RcObject o) {
            lock();
            try {
                Header.setLocalPlain(o, Header.localPlain(o) + 1);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean decref(final RcObject o) {
            lock();
            try {
                final int count = Header.localPlain(o) - 1;
                if (count < 0) {
                    // Two releases of a last reference raced past the runtime's freed check.
                    throw context.heap().misuse(MisuseKind.OVER_RELEASE, o, "decref of a count of " + (count + 1));
                }
                Header.setLocalPlain(o, count);
                return count == 0;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long count(final RcObject o) {
            lock();
            try {
                return Header.localPlain(o);
            } finally {
                lock.unlock();
            }
        }

        // ---- sections

        @Override
        public CriticalSection enter(final RcObject o) {
            lock();
            return new Section();
        }

        @Override
        public CriticalSection enter(final RcObject a, final RcObject b) {
            // One lock covers both objects: there is no order to take them in.
            lock();
            return new Section();
        }

        /** One entry of the lock; closing it lets go of that entry only. */
        private final class Section implements CriticalSection {
            private boolean closed;

            @Override
            public void close() {
                if (closed) {
                    throw new IllegalStateException("critical section ended twice");
                }
                closed = true;
                lock.unlock();
            }
        }

        // ---- threads

        @Override
        public void attach(final RuntimeThread thread) {
            // The depth of the lock this thread let go of while released.
            thread.setSchemeState(new int[1]);
        }

        @Override
        public void detach(final RuntimeThread thread) {
            if (lock.isHeldByCurrentThread()) {
                throw new IllegalStateException(thread.thread().getName() + " detached inside "
                        + lock.getHoldCount() + " open critical section(s)");
            }
        }

        @Override
        public void checkpoint(final RuntimeThread thread) {
            // Nothing to hand over: the lock is never held between operations.
        }

        @Override
        public void release(final RuntimeThread thread) {
            final int depth = lock.getHoldCount();
            for (int i = 0; i < depth; i++) {
                lock.unlock();
            }
            ((int[]) thread.schemeState())[0] = depth;
        }

        @Override
        public void reacquire(final RuntimeThread thread) {
            final int[] depth = (int[]) thread.schemeState();
            for (int i = 0; i < depth[0]; i++) {
                lock();
            }
            depth[0] = 0;
        }
    }
}
