package org.rclab.object;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.rclab.runtime.RcRuntime;

/**
 * Access to the object header for scheme implementations.
 *
 * <p>One vocabulary for memory ordering is used everywhere, matching {@link VarHandle}'s:
 * <ul>
 *   <li><b>plain</b>: an ordinary field access; only the thread that owns the field by the
 *       scheme's rules may use it for anything that matters;</li>
 *   <li><b>opaque</b>: never torn, never cached in a register, but no ordering with other
 *       accesses;</li>
 *   <li><b>acquire</b> load: later accesses cannot move before it; pairs with a
 *       <b>release</b> store, after which earlier accesses cannot move;</li>
 *   <li><b>volatile</b>: sequentially consistent;</li>
 *   <li>{@code compareAndSet}, {@code compareAndExchange}, {@code getAndAdd}: atomic
 *       read-modify-write with volatile semantics.</li>
 * </ul>
 * Each method's name ends with the ordering it provides, so a reader can check a scheme's
 * argument line by line.
 *
 * <p><b>Which fields a scheme may use.</b> All objects of a runtime are counted by its one
 * scheme, so the scheme owns five fields outright and may give them any meaning, whatever the
 * shipped schemes call them:
 * <ul>
 *   <li>{@code owner} ({@code Thread}), {@code local} ({@code int}, plain), {@code shared}
 *       ({@code long}, volatile), {@code lockWord} ({@code int}, volatile): counts, owners,
 *       flags and lock bits;</li>
 *   <li>{@code slot} ({@code Object}, volatile): anything else, e.g. a lock object or a side
 *       record made in {@link org.rclab.scheme.RefCounter#init}; a scheme needing several fields
 *       hangs one object of its own here.</li>
 * </ul>
 * A new object's fields are zero and {@code null}, except {@code owner}, which names the thread
 * that made the object (a biased scheme's first owner, set by the constructor, where the store
 * costs no write barrier); {@code init} sets what the scheme relies on.
 * Immortal objects never reach the scheme's counter, so their fields stay as made and must not
 * be relied on. The other word belongs to the runtime: {@code stateId}, the state (immortal and
 * freed bits) and the id in one {@code long}. The state is read-only for schemes
 * ({@link #statePlain}; a scheme frees by returning {@code true} from {@code decref} or calling
 * {@link org.rclab.scheme.SchemeContext#free}, never by writing it), and the id is read through
 * {@link RcObject#id()} (mind its first-use cost).
 * Fields are reached only through this class, never by reflection.
 */
public final class Header {
    static final VarHandle OWNER;
    static final VarHandle LOCAL;
    static final VarHandle SHARED;
    static final VarHandle LOCK_WORD;
    static final VarHandle SLOT;
    static final VarHandle STATE_ID;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            OWNER = lookup.findVarHandle(RcObject.class, "owner", Thread.class);
            LOCAL = lookup.findVarHandle(RcObject.class, "local", int.class);
            SHARED = lookup.findVarHandle(RcObject.class, "shared", long.class);
            LOCK_WORD = lookup.findVarHandle(RcObject.class, "lockWord", int.class);
            SLOT = lookup.findVarHandle(RcObject.class, "slot", Object.class);
            STATE_ID = lookup.findVarHandle(RcObject.class, "stateId", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Header() {
    }

    // ---- local: a plain int count, changed by one thread at a time by the scheme's rules.

    /**
     * Plain load of the local count.
     *
     * @param o the object
     * @return the local count
     */
    public static int localPlain(final RcObject o) {
        return o.local;
    }

    /**
     * Plain store of the local count.
     *
     * @param o the object
     * @param value the new local count
     */
    public static void setLocalPlain(final RcObject o, final int value) {
        o.local = value;
    }

    /**
     * Opaque load of the local count, for a thread that only observes it (reports, tests).
     *
     * @param o the object
     * @return the local count
     */
    public static int localOpaque(final RcObject o) {
        return (int) LOCAL.getOpaque(o);
    }

    /**
     * Release store of the local count: earlier accesses are visible to a thread that reads
     * the count with acquire ordering.
     *
     * @param o the object
     * @param value the new local count
     */
    public static void setLocalRelease(final RcObject o, final int value) {
        LOCAL.setRelease(o, value);
    }

    // ---- shared: a 64-bit word changed atomically.

    /**
     * Plain load of the shared word.
     *
     * @param o the object
     * @return the shared word
     */
    public static long sharedPlain(final RcObject o) {
        return (long) SHARED.get(o);
    }

    /**
     * Acquire load of the shared word.
     *
     * @param o the object
     * @return the shared word
     */
    public static long sharedAcquire(final RcObject o) {
        return (long) SHARED.getAcquire(o);
    }

    /**
     * Volatile load of the shared word.
     *
     * @param o the object
     * @return the shared word
     */
    public static long sharedVolatile(final RcObject o) {
        return o.shared;
    }

    /**
     * Plain store of the shared word, for initialising an object not yet published.
     *
     * @param o the object
     * @param value the new shared word
     */
    public static void setSharedPlain(final RcObject o, final long value) {
        SHARED.set(o, value);
    }

    /**
     * Release store of the shared word.
     *
     * @param o the object
     * @param value the new shared word
     */
    public static void setSharedRelease(final RcObject o, final long value) {
        SHARED.setRelease(o, value);
    }

    /**
     * Atomic add to the shared word.
     *
     * @param o the object
     * @param delta the amount to add
     * @return the value before the add
     */
    public static long getAndAddShared(final RcObject o, final long delta) {
        return (long) SHARED.getAndAdd(o, delta);
    }

    /**
     * Atomic compare-and-set of the shared word.
     *
     * @param o the object
     * @param expected the value the word must hold
     * @param value the value to store
     * @return whether the store happened
     */
    public static boolean compareAndSetShared(final RcObject o, final long expected, final long value) {
        return SHARED.compareAndSet(o, expected, value);
    }

    /**
     * Atomic compare-and-exchange of the shared word.
     *
     * @param o the object
     * @param expected the value the word must hold
     * @param value the value to store
     * @return the value the word held (equal to {@code expected} on success)
     */
    public static long compareAndExchangeShared(final RcObject o, final long expected, final long value) {
        return (long) SHARED.compareAndExchange(o, expected, value);
    }

    // ---- owner: the thread a biased scheme treats as the object's owner.

    /**
     * Plain load of the owner. Comparing it with {@link Thread#currentThread()} is exact for the
     * owner itself: only the owner ever clears its own ownership.
     *
     * @param o the object
     * @return the owner, or {@code null}
     */
    public static Thread ownerPlain(final RcObject o) {
        return (Thread) OWNER.get(o);
    }

    /**
     * Acquire load of the owner.
     *
     * @param o the object
     * @return the owner, or {@code null}
     */
    public static Thread ownerAcquire(final RcObject o) {
        return (Thread) OWNER.getAcquire(o);
    }

    /**
     * Plain store of the owner, for initialising an object not yet published.
     *
     * @param o the object
     * @param owner the owner, or {@code null}
     */
    public static void setOwnerPlain(final RcObject o, final Thread owner) {
        OWNER.set(o, owner);
    }

    /**
     * Release store of the owner.
     *
     * @param o the object
     * @param owner the owner, or {@code null}
     */
    public static void setOwnerRelease(final RcObject o, final Thread owner) {
        OWNER.setRelease(o, owner);
    }

    /**
     * Volatile store of the owner.
     *
     * @param o the object
     * @param owner the owner, or {@code null}
     */
    public static void setOwnerVolatile(final RcObject o, final Thread owner) {
        o.owner = owner;
    }

    // ---- lockWord: a per-object lock's state.

    /**
     * Volatile load of the lock word.
     *
     * @param o the object
     * @return the lock word
     */
    public static int lockWordVolatile(final RcObject o) {
        return o.lockWord;
    }

    /**
     * Acquire load of the lock word.
     *
     * @param o the object
     * @return the lock word
     */
    public static int lockWordAcquire(final RcObject o) {
        return (int) LOCK_WORD.getAcquire(o);
    }

    /**
     * Release store of the lock word.
     *
     * @param o the object
     * @param value the new lock word
     */
    public static void setLockWordRelease(final RcObject o, final int value) {
        LOCK_WORD.setRelease(o, value);
    }

    /**
     * Atomic compare-and-set of the lock word.
     *
     * @param o the object
     * @param expected the value the word must hold
     * @param value the value to store
     * @return whether the store happened
     */
    public static boolean compareAndSetLockWord(final RcObject o, final int expected, final int value) {
        return LOCK_WORD.compareAndSet(o, expected, value);
    }

    /**
     * Atomic compare-and-exchange of the lock word.
     *
     * @param o the object
     * @param expected the value the word must hold
     * @param value the value to store
     * @return the value the word held (equal to {@code expected} on success)
     */
    public static int compareAndExchangeLockWord(final RcObject o, final int expected, final int value) {
        return (int) LOCK_WORD.compareAndExchange(o, expected, value);
    }

    /**
     * Atomic exchange of the lock word.
     *
     * @param o the object
     * @param value the value to store
     * @return the value the word held
     */
    public static int getAndSetLockWord(final RcObject o, final int value) {
        return (int) LOCK_WORD.getAndSet(o, value);
    }

    // ---- slot: extra state for schemes that need more than the fields above.

    /**
     * Acquire load of the scheme slot.
     *
     * @param o the object
     * @return the slot's content, or {@code null}
     */
    public static Object slotAcquire(final RcObject o) {
        return SLOT.getAcquire(o);
    }

    /**
     * Release store of the scheme slot.
     *
     * @param o the object
     * @param value the slot's new content
     */
    public static void setSlotRelease(final RcObject o, final Object value) {
        SLOT.setRelease(o, value);
    }

    /**
     * Atomic compare-and-set of the scheme slot.
     *
     * @param o the object
     * @param expected the content the slot must hold
     * @param value the content to store
     * @return whether the store happened
     */
    public static boolean compareAndSetSlot(final RcObject o, final Object expected, final Object value) {
        return SLOT.compareAndSet(o, expected, value);
    }

    // ---- state: immortal and freed bits, the low two bits of the runtime's stateId word (the id
    // is the rest). The runtime owns them; schemes read them, and may make an object immortal (a
    // saturating count). Every write keeps the id's bits: a CAS on the whole word, which fails
    // and is retried when the id was assigned meanwhile, or (one freer) a read and a release store.

    /** The state of a live mortal object: no bits set. */
    public static final int LIVE = 0;
    /** The state of an immortal object (PEP 683): ignored by incref and decref, never freed. */
    public static final int IMMORTAL = (int) RcObject.STATE_IMMORTAL;

    /**
     * Plain load of the lifecycle state. A live mortal object holds exactly {@link #LIVE}; the
     * runtime's hot path tests that, and that the object is its own, before calling the scheme,
     * which catches immortal, freed and foreign objects.
     *
     * @param o the object
     * @return the state: {@link #LIVE}, or the immortal and freed bits
     */
    public static int statePlain(final RcObject o) {
        return (int) ((long) STATE_ID.get(o) & RcObject.STATE_BITS);
    }

    /**
     * Whether a state value has the immortal bit.
     *
     * @param state a value from {@link #statePlain}
     * @return {@code true} for an immortal object
     */
    public static boolean isImmortalState(final int state) {
        return (state & RcObject.STATE_IMMORTAL) != 0;
    }

    /**
     * Atomically marks an object freed. Exactly one caller succeeds, which is how a second free
     * of the same object is detected even when two threads race to free it.
     *
     * @param o the object
     * @return {@code true} for the one caller that freed it; {@code false} if it was already freed
     *         or is immortal
     */
    public static boolean markFreed(final RcObject o) {
        return setStateBitOfLive(o, RcObject.STATE_FREED);
    }

    /**
     * Marks a live mortal object freed with a release store, for a runtime whose scheme promises
     * that exactly one thread frees each object (no second free to detect). Release: a thread
     * that sees the freed bit sees what the freer wrote before it.
     *
     * @param o the object, live and mortal, freed by the calling thread alone
     */
    public static void setFreedRelease(final RcObject o) {
        // Read, then store: no other thread writes the word of an object being freed, except one
        // naming it without holding a reference (a misuse, which may then lose its id: RcObject.id).
        STATE_ID.setRelease(o, (long) STATE_ID.get(o) | RcObject.STATE_FREED);
    }

    /**
     * Atomically makes a live object immortal, for a scheme whose count saturates (CPython makes
     * an object whose biased local count would overflow immortal). From then on the runtime
     * ignores its incref and decref, and it is never freed: it leaks, as it does in CPython.
     *
     * @param o the object
     * @return {@code true} if this call made it immortal; {@code false} if it was not live and
     *         mortal
     */
    public static boolean makeImmortal(final RcObject o) {
        return setStateBitOfLive(o, RcObject.STATE_IMMORTAL);
    }

    /** Sets one state bit of a live mortal object by CAS, keeping the id; false if not live. */
    private static boolean setStateBitOfLive(final RcObject o, final long bit) {
        long word = (long) STATE_ID.get(o);
        while ((word & RcObject.STATE_BITS) == 0) {
            // A volatile CAS, as before the state and id shared a word. It fails only when the
            // word changed: another state bit (then the loop ends) or the id named meanwhile
            // (then retry with it, so the id survives).
            final long witness = (long) STATE_ID.compareAndExchange(o, word, word | bit);
            if (witness == word) {
                return true;
            }
            word = witness;
        }
        return false;
    }
}
