package org.rclab.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The physical floor: what this machine charges for the bare operations each scheme's count path
 * is built from, measured in the same run as the schemes so that a scheme's cost can be read as a
 * multiple of its floor (atomics cost 3× a plain pair on one of the project's hosts and 10× on
 * another, so a ratio to the control alone cannot say how close a scheme is to the limit).
 *
 * <p>Shaped like {@code OwnedPair.ownedPairBatch}: 16 header-like objects, each count raised, then
 * each lowered, reported per pair. {@code kind}:
 * <ul>
 *   <li>{@code plain}: plain increment and decrement (the floor of {@code unsafe} and a GIL);
 *   <li>{@code atomic}: atomic adds ({@code VarHandle.getAndAdd}; the floor of atomic counts);
 *   <li>{@code cas-lock}: each change inside a CAS-acquired, release-store-freed lock word (the
 *       floor of an uncontended per-object lock or critical section);
 *   <li>{@code cas-cas-lock}: the same lock freed by a CAS from held to free instead of a store:
 *       the floor of a lock whose unlock must learn, atomically, whether a waiter parked
 *       (CPython's {@code PyMutex_Unlock}, {@code fine-grained}'s object lock); the two
 *       lock kinds side by side show what the second atomic costs on the host;
 *   <li>{@code owner-check}: the owner compared with the current thread, then a plain change
 *       (the floor of biased counting's owner path).
 * </ul>
 * No scheme runs here, so the benchmark has no {@code scheme} parameter and runs once per round.
 * What would make it lie: the JIT folding a plain raise with the matching lower, which it cannot
 * here (16 objects it cannot prove distinct, as in the batch shape), and a kind chosen per call,
 * which is why the kind is an object picked at setup (one implementation per fork: the call site
 * stays monomorphic and is inlined).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Physical {
    /** What is measured: {@code plain}, {@code atomic}, {@code cas-lock}, {@code cas-cas-lock} or {@code owner-check}. */
    @Param({"plain", "atomic", "cas-lock", "cas-cas-lock", "owner-check"})
    public String kind;

    private Header[] headers;
    private Floor floor;

    /** Makes the headers, owned by this thread, and picks the kind's operations. */
    @Setup(Level.Trial)
    public void open() {
        headers = new Header[OwnedPair.BATCH];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = new Header(Thread.currentThread());
        }
        floor = switch (kind) {
            case "plain" -> new Plain();
            case "atomic" -> new Atomic();
            case "cas-lock" -> new CasLock();
            case "cas-cas-lock" -> new CasCasLock();
            case "owner-check" -> new OwnerCheck();
            default -> throw new IllegalArgumentException("unknown kind '" + kind
                    + "' (plain, atomic, cas-lock, cas-cas-lock, owner-check)");
        };
    }

    /**
     * Raises 16 counts, then lowers them; the score is per pair.
     *
     * @return a count, so the work has a consumed result
     */
    @Benchmark
    @OperationsPerInvocation(OwnedPair.BATCH)
    public long physical() {
        final Header[] hs = headers;
        final Floor f = floor;
        for (final Header h : hs) {
            f.incref(h);
        }
        for (final Header h : hs) {
            f.decref(h);
        }
        return hs[0].local;
    }

    /** The fields of the runtime's object header that the count paths touch. */
    static final class Header {
        static final VarHandle SHARED;
        static final VarHandle LOCK;

        static {
            try {
                final MethodHandles.Lookup lookup = MethodHandles.lookup();
                SHARED = lookup.findVarHandle(Header.class, "shared", long.class);
                LOCK = lookup.findVarHandle(Header.class, "lockWord", int.class);
            } catch (final ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Thread owner;
        int local = 1;
        long shared = 1;
        int lockWord;

        Header(final Thread owner) {
            this.owner = owner;
        }
    }

    /** One kind's raise and lower. */
    private abstract static class Floor {
        abstract void incref(Header h);

        abstract void decref(Header h);
    }

    private static final class Plain extends Floor {
        @Override
        void incref(final Header h) {
            h.local++;
        }

        @Override
        void decref(final Header h) {
            h.local--;
        }
    }

    private static final class Atomic extends Floor {
        @Override
        void incref(final Header h) {
            Header.SHARED.getAndAdd(h, 1L);
        }

        @Override
        void decref(final Header h) {
            Header.SHARED.getAndAdd(h, -1L);
        }
    }

    /** A one-word lock: CAS 0 → 1 (a volatile CAS, so acquiring), plain change, release store of 0. */
    private static final class CasLock extends Floor {
        @Override
        void incref(final Header h) {
            lock(h);
            h.local++;
            Header.LOCK.setRelease(h, 0);
        }

        @Override
        void decref(final Header h) {
            lock(h);
            h.local--;
            Header.LOCK.setRelease(h, 0);
        }

        static void lock(final Header h) {
            while (!Header.LOCK.compareAndSet(h, 0, 1)) {
                Thread.onSpinWait();
            }
        }
    }

    /** {@link CasLock}'s lock freed by a CAS from 1 to 0 (a volatile CAS, so releasing). */
    private static final class CasCasLock extends Floor {
        @Override
        void incref(final Header h) {
            CasLock.lock(h);
            h.local++;
            unlock(h);
        }

        @Override
        void decref(final Header h) {
            CasLock.lock(h);
            h.local--;
            unlock(h);
        }

        private static void unlock(final Header h) {
            if (!Header.LOCK.compareAndSet(h, 1, 0)) {
                throw new IllegalStateException("the floor's lock was not held");
            }
        }
    }

    /** Biased counting's owner path: the owner check, then a plain change (else an atomic one). */
    private static final class OwnerCheck extends Floor {
        @Override
        void incref(final Header h) {
            if (h.owner == Thread.currentThread()) {
                h.local++;
            } else {
                Header.SHARED.getAndAdd(h, 1L);
            }
        }

        @Override
        void decref(final Header h) {
            if (h.owner == Thread.currentThread()) {
                h.local--;
            } else {
                Header.SHARED.getAndAdd(h, -1L);
            }
        }
    }
}
