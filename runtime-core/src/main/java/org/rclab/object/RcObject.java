package org.rclab.object;

import java.util.concurrent.atomic.AtomicLong;

import org.rclab.runtime.RcRuntime;

/**
 * An object of the runtime: a header, then the fields of its type.
 *
 * <p>The header lives in the object itself so that no scheme pays an extra indirection on the
 * hot path. It holds every field the shipped schemes need; each scheme uses the ones it needs
 * and reaches them through {@link Header}, whose method names say the memory ordering of each
 * access:
 * <ul>
 *   <li>{@code owner}: the thread a biased scheme considers the object's owner; a new object
 *       names the thread that made it;</li>
 *   <li>{@code local}: a plain 32-bit count (the whole count for {@code unsafe} and {@code gil},
 *       the owner's count for {@code brc});</li>
 *   <li>{@code shared}: a 64-bit word changed atomically (the count for {@code fine-grained},
 *       {@code (count << 2) | flags} for {@code brc});</li>
 *   <li>{@code lockWord}: a per-object lock's state;</li>
 *   <li>{@code slot}: one reference a new scheme may hang extra state from;</li>
 *   <li>{@code stateId}: the runtime's word, two fields in one: immortal and freed bits (the
 *       state) and a stable identity, assigned on first use, unique in the JVM (the id).</li>
 * </ul>
 *
 * <p>State and id share one {@code long} so that an int fits in 56 bytes: with compressed
 * oops and class pointers the header's fields end at byte 48 and {@link RcInt}'s {@code long}
 * follows on its 8-byte boundary (JOL; a separate {@code int} state ended them at 52, and the
 * value then started at 56). The price is that every write of one half keeps the other's bits,
 * see {@link #id()} and {@link Header}.
 *
 * <p>Objects are made by their {@link RcRuntime} ({@code newInt}, {@code newList}, ...) and start
 * with one reference, owned by the caller. Reference operations ({@code incref}, {@code decref})
 * are methods of the runtime, as in CPython's C API; container operations are methods of the
 * containers and go through the runtime the container belongs to.
 */
public abstract class RcObject {
    static final long STATE_IMMORTAL = 1;
    static final long STATE_FREED = 2;
    /** The state's bits in {@code stateId}; the id is the rest, {@code stateId >>> ID_SHIFT}. */
    static final long STATE_BITS = 3;
    static final int ID_SHIFT = 2;

    private static final AtomicLong NEXT_ID = new AtomicLong();

    final RcRuntime runtime;
    volatile Thread owner;
    int local;
    volatile long shared;
    volatile int lockWord;
    volatile Object slot;
    volatile long stateId;

    /**
     * Makes the header of a new object. The scheme initialises the counts afterwards.
     *
     * @param runtime the runtime the object belongs to
     * @param immortal whether the object ignores {@code incref}/{@code decref} for its whole life
     */
    protected RcObject(final RcRuntime runtime, final boolean immortal) {
        this.runtime = runtime;
        // The creating thread, the first owner a biased scheme gives an object. Stored here, where
        // C2 folds it into the allocation's initialisation as it does the runtime above, with no
        // write barrier: the same store in the scheme's init comes after the runtime's guarded
        // call into the scheme, and there G1's pre- and post-write barriers ran at every
        // allocation (about 5% of brc's one-thread countdown step). Plain: not yet published.
        Header.OWNER.set(this, Thread.currentThread());
        if (immortal) {
            // A live mortal object's word is the zero the allocation wrote: no store for it.
            Header.STATE_ID.set(this, STATE_IMMORTAL);
        }
    }

    /**
     * The object's type.
     *
     * @return the type, never {@code null}
     */
    public abstract RcType type();

    /**
     * The runtime this object belongs to.
     *
     * @return the owning runtime
     */
    public final RcRuntime runtime() {
        return runtime;
    }

    /**
     * Whether this object ignores reference-count changes (PEP 683).
     *
     * @return {@code true} for small ints and the singletons
     */
    public final boolean isImmortal() {
        return ((long) Header.STATE_ID.getOpaque(this) & STATE_IMMORTAL) != 0;
    }

    /**
     * Whether this object has been deallocated. A freed object must not be used again.
     *
     * @return {@code true} once deallocation has begun
     */
    public final boolean isFreed() {
        return ((long) Header.STATE_ID.getAcquire(this) & STATE_FREED) != 0;
    }

    /**
     * A stable identity, unique among all objects of the JVM, assigned on first request.
     * Per-object lock ordering and error messages use it.
     *
     * <p>Cost: after the first call, one acquire load. The first call on an object takes the
     * next value of one counter shared by the whole JVM (an atomic increment on a cache line
     * every thread naming new objects contends for) and publishes it with a compare-and-exchange.
     * Objects that are never named pay nothing, so a scheme should not name every new object on
     * its hot path; naming the objects of a two-object section, as lock order needs, is fine.
     *
     * @return a positive id, below 2<sup>62</sup>
     */
    public final long id() {
        long word = (long) Header.STATE_ID.getAcquire(this);
        if (word >>> ID_SHIFT != 0) {
            return word >>> ID_SHIFT;
        }
        final long fresh = NEXT_ID.incrementAndGet();
        // Two threads may race to name the object; the first CAS wins and both use its id. The
        // CAS also fails when the state bits changed (the object was made immortal or freed
        // meanwhile): then retry with the new bits, so naming never undoes a state change.
        // A freer's release store (Header.setFreedRelease) is not a CAS: a namer racing with it
        // is naming an object it holds no reference to, a misuse, and may lose its id.
        while (true) {
            final long witness = (long) Header.STATE_ID.compareAndExchange(this, word, word | fresh << ID_SHIFT);
            if (witness == word) {
                return fresh;
            }
            if (witness >>> ID_SHIFT != 0) {
                return witness >>> ID_SHIFT;
            }
            word = witness;
        }
    }

    /**
     * A short description naming the object's type and identity, e.g. {@code list object #17}.
     *
     * @return the description used in errors and leak reports
     */
    public final String describe() {
        return typeName() + " object #" + id();
    }

    /**
     * The Python name of this object's type. Types defined outside the core (all
     * {@link RcType#OBJECT}) override it to say which type they are.
     *
     * @return the name, e.g. {@code "list"} or {@code "function"}
     */
    public String typeName() {
        return type().pythonName();
    }

    /**
     * A readable rendering of the object's value, as Python's {@code repr} would show it.
     * Containers show only their size, so that a description never walks a structure that
     * another thread may be changing.
     *
     * @return the rendering
     */
    public abstract String repr();

    @Override
    public String toString() {
        return describe() + " " + repr();
    }
}
