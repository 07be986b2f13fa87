package org.rclab.heap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.rclab.object.RcObject;
import org.rclab.object.RcType;

/**
 * Exact accounting of one runtime's objects: allocated, freed and live per type, and detected
 * misuse per kind. Immortal objects are not counted: they are never freed, so they can never
 * leak.
 *
 * <p>Allocations and frees are counted per thread ({@link ThreadCounters}): a plain add to a
 * slot only the calling thread writes, so accounting does not serialise threads that allocate in
 * parallel. A sum read while threads run is a moment's estimate; after the threads have been
 * joined it is exact. Misuse, which is rare, is counted in {@link LongAdder}s.
 *
 * <p>The runtime calls the {@code record...} methods; users read the counts, the leak report,
 * or {@link #assertNoLeaks()}.
 */
public final class Heap {
    private static final RcType[] TYPES = RcType.values();

    /** Allocations of type {@code t} at index {@code t.ordinal()}, frees at {@code TYPES.length + t.ordinal()}. */
    private final ThreadCounters counts = new ThreadCounters(2 * TYPES.length);
    private final LongAdder[] misuse = adders(MisuseKind.values().length);
    private final Tracking tracking;
    private final ConcurrentHashMap<Long, Tracked> tracked;

    private record Tracked(RcObject object, List<StackTraceElement> site) {
    }

    /**
     * Makes an empty heap.
     *
     * @param tracking what to record about each live object
     */
    public Heap(final Tracking tracking) {
        this.tracking = tracking;
        this.tracked = tracking == Tracking.OFF ? null : new ConcurrentHashMap<>();
    }

    private static LongAdder[] adders(final int n) {
        final LongAdder[] result = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            result[i] = new LongAdder();
        }
        return result;
    }

    /**
     * Gives the calling thread its own accounting slot before it allocates: the runtime calls
     * this when a thread attaches (see {@link ThreadCounters#claim()} for why it matters), and
     * its attached thread handle keeps the slot, so that the thread counts through
     * {@link #recordAllocation(RcObject, ThreadCounters.Slot)} and
     * {@link #recordFree(RcObject, ThreadCounters.Slot)} with no per-thread table lookup.
     *
     * @return the thread's own slot, or {@code null} if it must count through the table
     */
    public ThreadCounters.Slot claimCounters() {
        return counts.claim();
    }

    /** Whether the calling thread counts in a slot of its own (package-private, for tests). */
    boolean ownsCounters() {
        return counts.ownsSlot();
    }

    /**
     * Records a new mortal object. Called by the runtime once per allocation.
     *
     * @param o the new object
     */
    public void recordAllocation(final RcObject o) {
        recordAllocation(o, null);
    }

    /**
     * Records a new mortal object, counted straight into the calling thread's own slot when the
     * caller holds it (the runtime's attached thread handle does), else through the table.
     *
     * @param o the new object
     * @param mine the calling thread's own slot (from {@link #claimCounters()} on this thread),
     *        or {@code null}
     */
    public void recordAllocation(final RcObject o, final ThreadCounters.Slot mine) {
        final int allocations = o.type().ordinal();
        if (mine == null) {
            counts.increment(allocations);
        } else {
            mine.increment(allocations);
        }
        if (tracked != null) {
            tracked.put(o.id(), new Tracked(o, tracking == Tracking.SITES ? AllocationSite.capture() : List.of()));
        }
    }

    /**
     * Records that a mortal object was freed. Called by the runtime once per object, once the
     * free is certain (after marking the object freed, where that mark can fail), counted straight
     * into the freeing thread's own slot when the runtime holds it, else through the table.
     *
     * @param o the freed object
     * @param mine the calling thread's own slot (from {@link #claimCounters()} on this thread),
     *        or {@code null}
     */
    public void recordFree(final RcObject o, final ThreadCounters.Slot mine) {
        final int frees = TYPES.length + o.type().ordinal();
        if (mine == null) {
            counts.increment(frees);
        } else {
            mine.increment(frees);
        }
        if (tracked != null) {
            tracked.remove(o.id());
        }
    }

    /**
     * Counts a misuse and makes the exception that reports it.
     *
     * @param kind what went wrong
     * @param o the object misused
     * @param detail what the caller was doing, e.g. {@code "decref"}
     * @return the exception to throw
     */
    public RefcountMisuseException misuse(final MisuseKind kind, final RcObject o, final String detail) {
        misuse[kind.ordinal()].increment();
        return new RefcountMisuseException(kind, o, detail);
    }

    /**
     * What this heap records about live objects.
     *
     * @return the tracking mode
     */
    public Tracking tracking() {
        return tracking;
    }

    /**
     * Mortal objects allocated so far.
     *
     * @return the total over all types
     */
    public long allocated() {
        long total = 0;
        for (final RcType type : TYPES) {
            total += allocated(type);
        }
        return total;
    }

    /**
     * Mortal objects allocated so far, of one type.
     *
     * @param type the type
     * @return the count
     */
    public long allocated(final RcType type) {
        return counts.sum(type.ordinal());
    }

    /**
     * Objects freed so far.
     *
     * @return the total over all types
     */
    public long freed() {
        long total = 0;
        for (final RcType type : TYPES) {
            total += freed(type);
        }
        return total;
    }

    /**
     * Objects freed so far, of one type.
     *
     * @param type the type
     * @return the count
     */
    public long freed(final RcType type) {
        return counts.sum(TYPES.length + type.ordinal());
    }

    /**
     * Mortal objects allocated and not yet freed.
     *
     * @return the total over all types
     */
    public long live() {
        final long f = freed();
        return allocated() - f;
    }

    /**
     * Mortal objects of one type allocated and not yet freed.
     *
     * @param type the type
     * @return the count
     */
    public long live(final RcType type) {
        final long f = freed(type);
        return allocated(type) - f;
    }

    /**
     * Misuses of one kind detected so far (each also raised as a {@link RefcountMisuseException}).
     *
     * @param kind the kind
     * @return the count
     */
    public long misuseCount(final MisuseKind kind) {
        return misuse[kind.ordinal()].sum();
    }

    /**
     * Misuses of every kind detected so far.
     *
     * @return the total
     */
    public long misuseCount() {
        long total = 0;
        for (final LongAdder adder : misuse) {
            total += adder.sum();
        }
        return total;
    }

    /**
     * What is live now.
     *
     * @return the report; it lists objects only if the heap tracks them
     */
    public LeakReport leakReport() {
        final Map<RcType, Long> perType = new EnumMap<>(RcType.class);
        for (final RcType type : TYPES) {
            final long n = live(type);
            if (n != 0) {
                perType.put(type, n);
            }
        }
        final List<LeakReport.LeakedObject> objects = new ArrayList<>();
        if (tracked != null) {
            tracked.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                    .map(Map.Entry::getValue)
                    .forEach(t -> objects.add(new LeakReport.LeakedObject(
                            t.object().describe(), t.object().repr(), t.site())));
        }
        return new LeakReport(live(), perType, List.copyOf(objects), tracking);
    }

    /**
     * Asserts that no mortal object is live: every object allocated has been freed.
     *
     * @throws LeakError naming what leaked (and where it was made, when tracking sites)
     */
    public void assertNoLeaks() {
        if (live() != 0) {
            throw new LeakError(leakReport());
        }
    }

    @Override
    public String toString() {
        return "Heap[allocated=" + allocated() + ", freed=" + freed() + ", live=" + live()
                + ", misuse=" + misuseCount() + "]";
    }
}
