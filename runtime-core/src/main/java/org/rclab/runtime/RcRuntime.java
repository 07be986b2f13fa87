package org.rclab.runtime;

import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.rclab.heap.Heap;
import org.rclab.heap.MisuseKind;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.heap.ThreadCounters;
import org.rclab.heap.Tracking;
import org.rclab.object.Header;
import org.rclab.object.RcBigInt;
import org.rclab.object.RcContainer;
import org.rclab.object.RcDict;
import org.rclab.object.RcFloat;
import org.rclab.object.RcInt;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcSingleton;
import org.rclab.object.RcStr;
import org.rclab.object.RcTuple;
import org.rclab.object.RcType;
import org.rclab.runtime.events.ThreadAttachEvent;
import org.rclab.runtime.events.ThreadDetachEvent;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.Schemes;
import org.rclab.scheme.ThreadGate;

/**
 * One runtime: a heap of objects and one instance of a scheme that keeps their counts. A runtime
 * is a value, not a global: several may live in one JVM, each with its own scheme instance and
 * lock, which is how the project stands in for "use processes instead of threads".
 *
 * <p>Reference operations are methods of the runtime, as in CPython's C API:
 * <pre>{@code
 * try (RcRuntime rt = RcRuntime.create("brc");
 *      RuntimeThread self = rt.attach()) {
 *     RcList list = rt.newList();        // count 1, owned by us
 *     RcStr s = rt.newStr("x");
 *     list.append(s);                    // the list takes its own reference
 *     rt.decref(s);                      // ours is gone; the list keeps s alive
 *     rt.decref(list);                   // frees the list, then s
 *     rt.heap().assertNoLeaks();
 * }
 * }</pre>
 *
 * <p>Always-on checks: before the scheme sees an object, {@link #incref} and {@link #decref} read
 * its state once and compare the object's runtime with themselves; a live mortal object of this
 * runtime ({@link Header#LIVE}) goes straight to the scheme, anything else is another runtime's
 * object (refused as foreign), an immortal (ignored, PEP 683) or a freed object (use after free,
 * over-release). These cost two loads from the header and two predictable branches per
 * operation, so they stay on. Freeing marks the object with a compare-and-set, so a second free
 * is caught even when two threads race to free it, whenever strict checks are on or the scheme
 * is not thread-safe; a thread-safe scheme without strict checks has promised a single freer,
 * and its frees are marked with a release store (see {@link #markFreed}). Switchable:
 * allocation-site tracking ({@link Tracking}) and the scheme's own
 * {@link SchemeContext#strictChecks() strict checks}.
 */
public final class RcRuntime implements AutoCloseable {
    /** Metric suffix of container reads that succeeded without the lock: {@value}. */
    public static final String LOCK_FREE_READS = "lock-free-reads";
    /** Metric suffix of container reads that tried without the lock and fell back to it: {@value}. */
    public static final String LOCK_FREE_FALLBACKS = "lock-free-fallbacks";

    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger();
    /** {@link #lockFreeReadCounts}' counter of reads that completed without the lock. */
    private static final int READ_HIT = 0;
    /** {@link #lockFreeReadCounts}' counter of reads that fell back to the lock. */
    private static final int READ_FALLBACK = 1;
    /**
     * The runtime each thread is attached to, if any: a thread is attached to one runtime at a
     * time. Read and written only on attach and detach, by the thread itself.
     */
    private static final ThreadLocal<RuntimeThread> ATTACHMENT = new ThreadLocal<>();

    private final Scheme scheme;
    private final int number;
    private final Heap heap;
    private final Metrics metrics = new Metrics();
    private final boolean strictChecks;
    private final Map<String, String> options;
    private final SchemeInstance instance;
    private final RefCounter counter;
    private final ThreadGate gate;
    private final CriticalSections sections;
    private final boolean lockFreeReads;
    /**
     * Container reads without the lock, per thread: {@link #READ_HIT} completed, {@link #READ_FALLBACK}
     * fell back to the lock; {@code null} when the scheme has no lock-free reads.
     */
    private final ThreadCounters lockFreeReadCounts;
    /**
     * Whether freeing marks the object with a compare-and-set, which catches a second free even
     * when two threads race to free. A thread-safe scheme promises a single freer, so without
     * strict checks its frees are marked by a release store; see {@link #markFreed}.
     */
    private final boolean checkedFrees;
    private final ConcurrentHashMap<Thread, RuntimeThread> attached = new ConcurrentHashMap<>();
    private final RcInt[] smallInts = new RcInt[RcInt.SMALL_MAX - RcInt.SMALL_MIN + 1];
    private final RcSingleton none;
    private final RcSingleton trueObject;
    private final RcSingleton falseObject;
    /** Guards the check-then-act of {@link #attach} and {@link #close} against each other. */
    private final Object lifecycle = new Object();
    /** Written under {@link #lifecycle}; volatile for {@link #isClosed()}. */
    private volatile boolean closed;

    private RcRuntime(final Scheme scheme, final Tracking tracking, final boolean strictChecks,
                      final Map<String, String> options) {
        this.scheme = scheme;
        this.options = options;
        this.number = NEXT_NUMBER.incrementAndGet();
        this.heap = new Heap(tracking);
        this.strictChecks = strictChecks;
        this.instance = scheme.open(new Context());
        this.counter = instance.refCounter();
        this.gate = instance.threadGate();
        this.sections = instance.criticalSections();
        this.lockFreeReads = counter.lockFreeReads();
        this.checkedFrees = strictChecks || !scheme.threadSafe();
        // Registered under the scheme's name only when the scheme reads lock-free, so a runtime
        // has these metrics exactly when it has the path they count (the stress suite relies on it).
        this.lockFreeReadCounts = lockFreeReads ? new ThreadCounters(2) : null;
        if (lockFreeReads) {
            metrics.counterSum(scheme.name() + "." + LOCK_FREE_READS,
                    "container reads that took their reference with try-incref and a recheck, without the lock",
                    () -> lockFreeReadCounts.sum(READ_HIT));
            metrics.counterSum(scheme.name() + "." + LOCK_FREE_FALLBACKS,
                    "container reads that tried without the lock, found the item dying or moved, and took the lock",
                    () -> lockFreeReadCounts.sum(READ_FALLBACK));
        }
        for (int v = RcInt.SMALL_MIN; v <= RcInt.SMALL_MAX; v++) {
            smallInts[v - RcInt.SMALL_MIN] = new RcInt(this, v, true);
        }
        this.none = new RcSingleton(this, RcType.NONE, "None");
        this.trueObject = new RcSingleton(this, RcType.BOOL, "True");
        this.falseObject = new RcSingleton(this, RcType.BOOL, "False");
    }

    /**
     * A runtime with the discovered scheme of a name, default options (no tracking, strict
     * checks on).
     *
     * @param schemeName a scheme's name, e.g. {@code "gil"}
     * @return the runtime
     * @throws org.rclab.scheme.UnknownSchemeException listing the known names
     */
    public static RcRuntime create(final String schemeName) {
        return builder(Schemes.byName(schemeName)).build();
    }

    /**
     * Starts building a runtime.
     *
     * @param scheme the scheme to bind
     * @return a builder
     */
    public static Builder builder(final Scheme scheme) {
        return new Builder(scheme);
    }

    /** Options for a new runtime. */
    public static final class Builder {
        private final Scheme scheme;
        private Tracking tracking = Tracking.OFF;
        private boolean strictChecks = true;
        private final Map<String, String> options = new HashMap<>();

        private Builder(final Scheme scheme) {
            if (scheme == null) {
                throw new NullPointerException("scheme");
            }
            this.scheme = scheme;
        }

        /**
         * What the heap records about live objects (default {@link Tracking#OFF}).
         *
         * @param value the tracking mode
         * @return this builder
         */
        public Builder tracking(final Tracking value) {
            this.tracking = value;
            return this;
        }

        /**
         * Whether the scheme runs its hot-path checks (default on).
         *
         * @param value {@code false} to skip them, for benchmarks
         * @return this builder
         */
        public Builder strictChecks(final boolean value) {
            this.strictChecks = value;
            return this;
        }

        /**
         * Sets a scheme option (see {@link Scheme#options()}); a scheme that does not declare the
         * option ignores it, so tools may set the same options for every scheme.
         *
         * @param name the option's name, e.g. {@code switch-interval-ms}
         * @param value its value, e.g. {@code 1}
         * @return this builder
         */
        public Builder option(final String name, final String value) {
            options.put(name, value);
            return this;
        }

        /**
         * Makes the runtime.
         *
         * @return a new runtime with its own scheme instance
         */
        public RcRuntime build() {
            return new RcRuntime(scheme, tracking, strictChecks, Map.copyOf(options));
        }
    }

    // ---------------------------------------------------------------- reference operations

    /**
     * Adds a reference. Ignored for immortal objects.
     *
     * @param o the object
     * @throws RefcountMisuseException if the object has been freed or belongs to another runtime
     */
    public void incref(final RcObject o) {
        final int state = Header.statePlain(o);
        if (state != Header.LIVE || o.runtime() != this) {
            // This runtime's immortals are decided by what is already loaded (an interpreter's
            // small ints come here constantly); only a freed or foreign object goes on.
            if (state != Header.IMMORTAL || o.runtime() != this) {
                increfSpecial(o);
            }
            return;
        }
        counter.incref(o);
    }

    /**
     * Removes a reference and frees the object if it was the last. Ignored for immortal objects.
     *
     * @param o the object
     * @throws RefcountMisuseException if the object's count had already reached zero, or it
     *         belongs to another runtime
     */
    public void decref(final RcObject o) {
        decrefCounted(o, null);
    }

    /**
     * {@link #decref(RcObject)} by the attached thread {@code self}: the same release, checks and
     * frees, the frees counted straight into {@code self}'s own accounting slot (no lookup of the
     * calling thread in the heap's table). For a hot loop that holds both the runtime and its
     * thread's handle (an evaluator): every attached thread counts this way at the cost of the
     * runtime's first attached thread, whose slot the table path finds first; any other thread's
     * {@link #decref(RcObject)} looks its slot up in the table. {@link RuntimeThread#decref(RcObject)}
     * counts the same way, but checks its caller up front under strict checks; this one is called
     * on the runtime the loop already holds (its fields need not be loaded again through the
     * handle) and checks only at a free.
     *
     * <p>Safe because only {@code self}'s thread writes its slot. With strict checks on, the
     * handle holds no slot (the frees are counted through the table) and its caller is checked
     * when the release frees: with a handle of another thread or another runtime, or one
     * released or detached, the object (and what it held) is freed as {@link #decref(RcObject)}
     * frees it, and then the misuse is reported. A release that frees nothing does not touch the
     * slot and is not checked: a test of the handle ahead of every release sat between an
     * increment and the release of the same object, and kept the JIT from folding the pair
     * (interpreter README, fifteenth session). Without strict checks, keeping the rule is the
     * caller's duty, as for every operation on objects.
     *
     * @param o the object
     * @param self the calling thread's handle in this runtime, not {@code null}
     * @throws RefcountMisuseException as {@link #decref(RcObject)}
     * @throws IllegalStateException with strict checks on, if this release freed and {@code self}
     *         is not the calling thread's usable handle in this runtime (after the free)
     */
    public void decref(final RcObject o, final RuntimeThread self) {
        decrefCounted(o, self);
    }

    /**
     * {@link #decref(RcObject)}, its frees counted into the slot of {@code by}, the calling
     * thread's handle, when not {@code null}, else through the heap's per-thread table. The
     * handle, not its slot, is passed down: the slot is loaded only where a free is counted, not
     * at every release (three a countdown step, one of which frees).
     */
    private void decrefCounted(final RcObject o, final RuntimeThread by) {
        final int state = Header.statePlain(o);
        if (state != Header.LIVE || o.runtime() != this) {
            if (state != Header.IMMORTAL || o.runtime() != this) {
                decrefSpecial(o);
            }
            return;
        }
        if (counter.decref(o)) {
            free(o, by);
        }
    }

    /**
     * Adds a reference unless the object is dying; for lock-free readers.
     *
     * @param o the object
     * @return {@code true} if a reference was added
     */
    public boolean tryIncref(final RcObject o) {
        final int state = Header.statePlain(o);
        if (state != Header.LIVE || o.runtime() != this) {
            checkOwn(o);
            return Header.isImmortalState(state);
        }
        return counter.tryIncref(o);
    }

    /**
     * The object's true count as the scheme reads it; exact when no thread is changing it and no
     * change is deferred. Under a scheme that applies count changes later than they are made
     * (for example {@code buffered}, which logs them for a commit thread), this is the count
     * applied so far, which may be above or below the number of references until
     * {@link #quiesce()} has returned; call that first to judge a count. Immortal objects report
     * {@link Long#MAX_VALUE}; freed objects report zero.
     *
     * @param o the object
     * @return the count
     */
    public long refcount(final RcObject o) {
        if (o.isImmortal()) {
            return Long.MAX_VALUE;
        }
        if (o.isFreed()) {
            return 0;
        }
        return counter.count(o);
    }

    /**
     * Returns once every count change made before this call (by this thread, or by threads whose
     * work happens-before the call, such as joined threads) has been applied, and the objects
     * they took to zero are freed: after it, {@link #refcount} and the {@link #heap()}'s
     * accounting are exact for objects no thread is changing. A no-op for schemes that apply
     * every change at once; a scheme that defers (see {@link RefCounter#quiesce()}) may block.
     * Call it before judging counts, frees or leaks, from any thread not inside a critical
     * section.
     *
     * @throws RefcountMisuseException the first misuse the scheme found while applying deferred
     *         changes since the previous call
     */
    public void quiesce() {
        counter.quiesce();
    }

    private void increfSpecial(final RcObject o) {
        checkOwn(o);
        if (!o.isImmortal()) {
            throw heap.misuse(MisuseKind.USE_AFTER_FREE, o, "incref");
        }
    }

    private void decrefSpecial(final RcObject o) {
        checkOwn(o);
        if (!o.isImmortal()) {
            throw heap.misuse(MisuseKind.OVER_RELEASE, o, "decref after the count reached zero");
        }
    }

    /**
     * Checks that an object may be used by this runtime: it belongs to it and is not freed.
     * Containers call this on themselves and on items they are given.
     *
     * @param o the object
     * @throws RefcountMisuseException if it is freed or belongs to another runtime
     */
    public void checkUsable(final RcObject o) {
        checkOwn(o);
        if (o.isFreed()) {
            throw heap.misuse(MisuseKind.USE_AFTER_FREE, o, "use");
        }
    }

    private void checkOwn(final RcObject o) {
        if (o.runtime() != this) {
            throw heap.misuse(MisuseKind.FOREIGN_OBJECT, o, "use in " + this + " of an object made by "
                    + o.runtime());
        }
    }

    /**
     * Frees an object whose last reference is gone: marks it freed (catching a second free),
     * accounts for it, and releases the references it owns. Releasing is iterative, like
     * CPython's trashcan, so a million nested lists free without deep recursion.
     *
     * <p>A release that throws (a misuse, or any other failure of the scheme) does not stop the
     * rest: everything else reachable is still released and freed, so one bad reference does not
     * leak the whole structure, and the first failure is rethrown at the end.
     */
    private void free(final RcObject first) {
        free(first, null);
    }

    /** {@link #free(RcObject)}, counted into the slot of {@code by} if not {@code null} (see {@link #decrefCounted}). */
    private void free(final RcObject first, final RuntimeThread by) {
        // As in newInt(value, creator): a handle with a slot means strict checks are off.
        if (by != null && by.counts() == null && strictChecks && !by.touchableThrough(this)) {
            freeRefused(first, by);
            return;
        }
        markFreed(first, by);
        if (!(first instanceof RcContainer)) {
            return;
        }
        final ArrayDeque<RcObject> pending = new ArrayDeque<>();
        ((RcContainer) first).takeReferences(pending);
        RuntimeException failure = null;
        RcObject o;
        while ((o = pending.pollLast()) != null) {
            try {
                if (Header.statePlain(o) != Header.LIVE || o.runtime() != this) {
                    decrefSpecial(o);
                } else if (counter.decref(o)) {
                    markFreed(o, by);
                    if (o instanceof RcContainer) {
                        ((RcContainer) o).takeReferences(pending);
                    }
                }
            } catch (final RuntimeException e) {
                // Keep releasing the rest so one bad reference does not leak the whole structure.
                // (An Error, such as running out of memory, is not caught: carrying on is no help.)
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * A free through a handle its calling thread may not count into (strict checks): freed as
     * {@link #decref(RcObject)} frees, counted through the table (exact whichever thread this
     * is), then the misuse reported. Out of {@link #free}'s line: it never runs in a correct
     * program.
     */
    private void freeRefused(final RcObject o, final RuntimeThread by) {
        free(o, null);
        by.requireTouching(this, "count the free of " + o.describe());
    }

    /**
     * Marks an object freed and accounts for it. With {@link #checkedFrees} a compare-and-set,
     * so of two frees exactly one succeeds and the other is reported, however they race: the
     * race suite sees a non-thread-safe scheme's double frees this way (strict checks on), and
     * strict checks keep catching a thread-safe scheme that breaks its promise. Otherwise the
     * scheme is thread-safe and has promised that exactly one decref sees the count reach zero
     * (see {@link RefCounter#decref}): a release store suffices (a plain store on x86, where the
     * CAS was a locked instruction on every free). Release, so a thread that sees the freed bit
     * also sees what the freer did before; the misuse checks that read the bit stay exact for
     * sequential misuse (a decref after the free) and racy for concurrent misuse, as they are.
     */
    private void markFreed(final RcObject o, final RuntimeThread by) {
        final ThreadCounters.Slot mine = by == null ? null : by.counts();
        if (checkedFrees) {
            if (!Header.markFreed(o)) {
                throw heap.misuse(MisuseKind.DOUBLE_FREE, o, "free");
            }
            heap.recordFree(o, mine);
        } else {
            // Accounted before the fences: nothing can fail in between, and the JIT may not carry
            // a load across either, so here the free's per-thread slot lookup can reuse the one
            // the step's allocation just made. The acquire fence is the one RefCounter promises:
            // the scheme's load that found the count at zero is ordered before the freed mark and
            // everything the free does next (CPython's merge reads the shared count with acquire
            // for the same reason, gh-117657). The CAS of the checked path is a full fence.
            heap.recordFree(o, mine);
            VarHandle.acquireFence();
            Header.setFreedRelease(o);
        }
    }

    // ---------------------------------------------------------------- allocation

    private <T extends RcObject> T born(final T o) {
        counter.init(o);
        heap.recordAllocation(o);
        return o;
    }

    /**
     * An int with one new reference; -5..256 come from the immortal cache.
     *
     * @param value the value
     * @return the int
     */
    public RcInt newInt(final long value) {
        if (RcInt.isSmall(value)) {
            return smallInts[(int) value - RcInt.SMALL_MIN];
        }
        return born(new RcInt(this, value, false));
    }

    /**
     * {@link #newInt(long)} made by the attached thread {@code creator}: the same int, counts and
     * accounting, found faster. The allocation is counted straight into the creator's own
     * accounting slot, which its handle holds (no lookup of the thread in the heap's table; see
     * {@link #decref(RcObject, RuntimeThread)} for who gains), and the scheme is told the creator
     * is attached ({@link RefCounter#init(RcObject, RuntimeThread)}), so a scheme that would
     * otherwise ask (a biased scheme, before making the creator the owner) need not. The same as
     * {@link RuntimeThread#newInt(long)}, called on the runtime the caller already holds.
     *
     * <p>With strict checks on, the handle holds no slot (the allocation is counted through the
     * table) and a handle of another thread or another runtime, or one released or detached, is
     * refused before anything changes. Without them, keeping the rule is the caller's duty.
     *
     * @param value the value
     * @param creator the calling thread's handle in this runtime
     * @return the int, with one new reference owned by the caller
     * @throws IllegalStateException with strict checks on, if {@code creator} is not the calling
     *         thread's usable handle in this runtime
     */
    public RcInt newInt(final long value, final RuntimeThread creator) {
        // The handle holds no slot with strict checks on (RuntimeThread#counts): the one null
        // test of the slot stands for the strict test too, so the unchecked path loads no flag.
        final ThreadCounters.Slot mine = creator.counts();
        if (mine == null && strictChecks) {
            creator.requireTouching(this, "make an int");
        }
        if (RcInt.isSmall(value)) {
            return smallInts[(int) value - RcInt.SMALL_MIN];
        }
        final RcInt o = new RcInt(this, value, false);
        counter.init(o, creator);
        heap.recordAllocation(o, mine);
        return o;
    }

    /**
     * An int of any size with one new reference; values that fit in a {@code long} are made as
     * by {@link #newInt(long)}.
     *
     * @param value the value
     * @return the int
     */
    public RcInt newInt(final BigInteger value) {
        if (value.bitLength() < Long.SIZE) {
            return newInt(value.longValue());
        }
        return born(new RcBigInt(this, value));
    }

    /**
     * A float with one new reference.
     *
     * @param value the value
     * @return the float
     */
    public RcFloat newFloat(final double value) {
        return born(new RcFloat(this, value));
    }

    /**
     * Takes a new object of a type defined outside the core (an interpreter's function or
     * module, see {@link RcType#OBJECT}) into this runtime: the scheme gives it its first
     * reference, owned by the caller, and the heap accounts for it. Immortal objects are not
     * counted and need no adoption.
     *
     * @param o a new object of this runtime, not yet adopted
     * @param <T> its class
     * @return {@code o}
     * @throws IllegalArgumentException if the object belongs to another runtime or is immortal
     */
    public <T extends RcObject> T adopt(final T o) {
        if (o.runtime() != this || o.isImmortal()) {
            throw new IllegalArgumentException("cannot adopt " + o.describe() + " into " + this
                    + ": it must be a new mortal object made for this runtime");
        }
        return born(o);
    }

    /**
     * A str with one new reference.
     *
     * @param value the value
     * @return the str
     */
    public RcStr newStr(final String value) {
        return born(new RcStr(this, value));
    }

    /**
     * A tuple with one new reference; it takes its own reference to each item.
     *
     * @param items the items; the caller keeps its references
     * @return the tuple
     */
    public RcTuple newTuple(final RcObject... items) {
        final RcObject[] copy = items.clone();
        for (final RcObject item : copy) {
            checkUsable(item);
        }
        for (final RcObject item : copy) {
            incref(item);
        }
        return born(new RcTuple(this, copy));
    }

    /**
     * An empty list with one new reference.
     *
     * @return the list
     */
    public RcList newList() {
        return born(new RcList(this));
    }

    /**
     * An empty dict with one new reference.
     *
     * @return the dict
     */
    public RcDict newDict() {
        return born(new RcDict(this));
    }

    /**
     * This runtime's immortal {@code None}.
     *
     * @return {@code None}
     */
    public RcObject none() {
        return none;
    }

    /**
     * This runtime's immortal {@code True} or {@code False}.
     *
     * @param value which
     * @return the singleton
     */
    public RcObject bool(final boolean value) {
        return value ? trueObject : falseObject;
    }

    // ---------------------------------------------------------------- critical sections

    /**
     * Enters a critical section over one object (a no-op section for schemes that need none).
     *
     * @param o the object
     * @return the section, to close
     */
    public CriticalSection enter(final RcObject o) {
        return sections.enter(o);
    }

    /**
     * Enters a critical section over two objects, deadlock-free against the opposite order.
     *
     * @param a one object
     * @param b the other
     * @return the section, to close
     */
    public CriticalSection enter(final RcObject a, final RcObject b) {
        return sections.enter(a, b);
    }

    /**
     * Whether containers read items without their lock (see {@link RefCounter#lockFreeReads()}).
     *
     * @return the scheme's choice
     */
    public boolean lockFreeReads() {
        return lockFreeReads;
    }

    /**
     * Counts a container read made without the container's lock (containers call this; see
     * {@link RcList#get} and {@link RcDict#get}). The counters are the runtime's metrics
     * {@code <scheme>.}{@value #LOCK_FREE_READS} and {@code <scheme>.}{@value #LOCK_FREE_FALLBACKS}.
     *
     * <p>Cost: a plain add to a slot of the calling thread's own ({@link ThreadCounters}), no
     * atomic: the path exists to avoid taking the container's lock, and an atomic add here would
     * cost as much as the lock's own compare-and-set. Reference counting itself ({@link #incref},
     * {@link #decref}) counts nothing.
     *
     * @param succeeded {@code true} if the read returned its item without the lock, {@code false}
     *                  if it fell back to the locked read
     */
    public void countLockFreeRead(final boolean succeeded) {
        if (!lockFreeReads) {
            return;
        }
        lockFreeReadCounts.increment(succeeded ? READ_HIT : READ_FALLBACK);
    }

    // ---------------------------------------------------------------- threads

    /**
     * Attaches the calling thread to this runtime.
     *
     * <p>A thread is attached to one runtime at a time: attaching to a second one while attached
     * to a first is refused. (CPython lets a thread swap thread states between interpreters, each
     * swap detaching from the first; holding two at once is what lets two threads that cross over
     * deadlock two GILs, each holding one and waiting for the other. To work in another runtime,
     * detach first, or use another thread.)
     *
     * <p>Attaching and {@link #close()} exclude each other: either the thread is registered before
     * close looks, and close refuses, or close has finished and the attach is refused. The
     * scheme's own attach (which may block, for a GIL) runs outside that lock, after the thread
     * is registered.
     *
     * @return the thread's handle; close it to detach
     * @throws IllegalStateException if the thread is already attached (here or to another
     *         runtime), or the runtime is closed
     */
    public RuntimeThread attach() {
        final Thread current = Thread.currentThread();
        final RuntimeThread elsewhere = ATTACHMENT.get();
        if (elsewhere != null) {
            if (elsewhere.runtime() == this) {
                throw new IllegalStateException(current.getName() + " is already attached to " + this);
            }
            throw new IllegalStateException("cannot attach " + current.getName() + " to " + this
                    + ": it is attached to " + elsewhere.runtime() + "; a thread is attached to one runtime at a time");
        }
        // Claim the thread's accounting slots before its first allocation: a first count taken
        // on the slow path inside a compiled hot loop would compile that path into the loop.
        final ThreadCounters.Slot counts = heap.claimCounters();
        if (lockFreeReadCounts != null) {
            lockFreeReadCounts.claim();
        }
        final RuntimeThread handle = new RuntimeThread(this, gate, current, counts, strictChecks);
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("cannot attach to " + this + ": it is closed");
            }
            if (attached.putIfAbsent(current, handle) != null) {
                throw new IllegalStateException(current.getName() + " is already attached to " + this);
            }
        }
        final ThreadAttachEvent event = new ThreadAttachEvent();
        event.begin();
        try {
            gate.attach(handle);
        } catch (final RuntimeException | Error e) {
            attached.remove(current, handle);
            throw e;
        }
        if (event.shouldCommit()) {
            event.runtime = toString();
            event.commit();
        }
        ATTACHMENT.set(handle);
        return handle;
    }

    void detach(final RuntimeThread handle) {
        new ThreadDetachEvent().commit();
        try {
            gate.detach(handle);
        } finally {
            attached.remove(handle.thread(), handle);
            ATTACHMENT.remove();
        }
    }

    /**
     * The calling thread's handle, if it is attached.
     *
     * @return the handle
     * @throws IllegalStateException if the calling thread is not attached
     */
    public RuntimeThread current() {
        final RuntimeThread handle = attached.get(Thread.currentThread());
        if (handle == null) {
            throw new IllegalStateException(Thread.currentThread().getName() + " is not attached to " + this);
        }
        return handle;
    }

    /**
     * Whether the calling thread is attached.
     *
     * @return {@code true} if attached
     */
    public boolean isAttached() {
        return attached.containsKey(Thread.currentThread());
    }

    /**
     * This runtime's number, unique among the runtimes of the JVM; it names the runtime in
     * messages ({@code runtime #3 (brc)}).
     *
     * @return the number, from 1
     */
    public int number() {
        return number;
    }

    /**
     * Whether {@link #close()} has completed: no thread can attach any more.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * The number of threads attached now.
     *
     * @return the count
     */
    public int attachedCount() {
        return attached.size();
    }

    // ---------------------------------------------------------------- the rest

    /**
     * The scheme this runtime is bound to.
     *
     * @return the scheme
     */
    public Scheme scheme() {
        return scheme;
    }

    /**
     * This runtime's scheme instance, for tests and tools that read scheme-specific state.
     *
     * @return the instance
     */
    public SchemeInstance schemeInstance() {
        return instance;
    }

    /**
     * The heap's accounting.
     *
     * @return the heap
     */
    public Heap heap() {
        return heap;
    }

    /**
     * The scheme's measurements.
     *
     * @return the metrics
     */
    public Metrics metrics() {
        return metrics;
    }

    /**
     * Closes the runtime: no thread may attach any more, and the scheme instance is closed (a
     * scheme settles there what threads that ended without detaching left behind).
     * Attachments of threads that have ended without detaching are dropped first.
     *
     * @throws IllegalStateException if live threads are still attached
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            // A thread that ended without detaching can never detach; it must not pin the runtime open.
            attached.keySet().removeIf(thread -> !thread.isAlive());
            if (!attached.isEmpty()) {
                throw new IllegalStateException("cannot close " + this + ": still attached: " + attached.keySet());
            }
            closed = true;
        }
        instance.close();
    }

    @Override
    public String toString() {
        return "runtime #" + number + " (" + scheme.name() + ")";
    }

    private final class Context implements SchemeContext {
        @Override
        public RcRuntime runtime() {
            return RcRuntime.this;
        }

        @Override
        public Heap heap() {
            return heap;
        }

        @Override
        public Metrics metrics() {
            return metrics;
        }

        @Override
        public boolean strictChecks() {
            return strictChecks;
        }

        @Override
        public Optional<String> option(final String name) {
            return Optional.ofNullable(options.get(name));
        }

        @Override
        public void free(final RcObject o) {
            RcRuntime.this.free(o);
        }
    }
}
