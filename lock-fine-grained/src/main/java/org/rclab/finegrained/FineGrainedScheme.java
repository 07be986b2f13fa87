package org.rclab.finegrained;

import java.util.List;
import java.util.Map;

import org.rclab.finegrained.events.ObjectLockEvents;
import org.rclab.heap.MisuseKind;
import org.rclab.object.Header;
import org.rclab.object.RcObject;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.ThreadGate;
import org.rclab.scheme.TimedWaits;

/**
 * {@code fine-grained}: no global lock; atomic counts and a small lock in every object, with the
 * deadlock-free critical sections of PEP 703 ("Making the Global Interpreter Lock Optional in
 * CPython", Sam Gross, 2023) on top. This is the Gilectomy line of work, finished the way
 * CPython's free-threaded build finished it.
 *
 * <p><b>Counts.</b> The whole count lives in the header's {@code shared} word and every change
 * is one atomic read-modify-write ({@code getAndAdd}, volatile). Atomicity alone gives the
 * three guarantees the stress suite checks: no increment or decrement is lost, and exactly one
 * decrement sees the count go from 1 to 0, so exactly one thread frees the object. The cost is
 * that every count change, even of an object only one thread ever sees, is a locked
 * instruction on a cache line other cores may want; biased counting ({@code brc}) exists to
 * avoid that.
 *
 * <p><b>Lock-free reads.</b> {@link RefCounter#tryIncref} is a CAS loop that refuses a count of
 * zero, and {@link RefCounter#lockFreeReads()} is on: a list or dict reader loads an item
 * without the container's lock, try-increfs it, and checks that the container still holds it.
 * Why that is enough here: a count that reached zero never rises again (only a new object
 * starts at one), and the Java heap never reuses a freed object's memory for another object.
 * So a successful CAS from a positive count proves the item was alive, and the new reference
 * keeps it so; a failed one sends the reader to the locked path. The recheck then proves the
 * item was still in the container after the reference was taken, which makes the read
 * linearizable with the writer's critical section. CPython needs more (it must also keep the
 * memory from being reused, which it does with QSBR); Java's garbage collector does that part.
 *
 * <p><b>Object locks</b> ({@link ObjectLock}). Two bits of the header's {@code lockWord}, as in
 * CPython's one-byte {@code PyMutex}: bit 0 {@code LOCKED}, bit 1 {@code HAS_PARKED}. The four
 * states: 0 free; 1 held, nobody waiting; 3 held with parked waiters; 2 free with parked waiters
 * (a waiter was woken but not handed the lock, so anyone may take it). Acquire is a CAS 0 → 1;
 * on failure the thread backs off (growing runs of spin-waits between reads of the word, then
 * yields) a bounded number of times, then sets {@code HAS_PARKED} and parks, timed, in a side
 * table of waiter queues ({@link ParkingLot}; nothing per object but the word). Release reads the
 * word and, seeing 1, stores 0 (a release store, no atomic; CPython's is a CAS 1 → 0); with
 * {@code HAS_PARKED} set it wakes the longest waiter instead, handing the lock over directly if
 * that waiter has waited 1 ms or more, and otherwise letting it compete with newcomers
 * (barging). Barging keeps a hot lock moving; the 1 ms rule stops a waiter from starving. A
 * waiter that parks between the release's read and its store has its flag erased: its timed park
 * (50 µs at first, up to 800 µs) expires, finds the flag gone and takes the wake-up back
 * ({@code lost-wakeups}), so the store trades a rare bounded delay for an atomic per section. Two options change the lock for model checking ({@code lock-spins}, {@code timed-waits}): see
 * {@link #options()}.
 *
 * <p><b>Critical sections</b> ({@link ObjectCriticalSections}). Every change to a mutable
 * container runs in a section on that container's lock; operations over two containers take a
 * two-object section. Why per-object locks do not deadlock here:
 * <ol>
 *   <li>A two-object section takes its locks in one global order, by {@link RcObject#id()}, so
 *       two threads locking the same pair never hold one each.</li>
 *   <li>Sections nest (a container operation can call into another object), and nesting alone
 *       could still build an A-then-B / B-then-A cycle. So a thread that is about to block —
 *       parking on a lock, or running blocking work released — first releases every lock its
 *       sections hold (<em>suspension</em>). When it continues, it holds only the innermost
 *       section's locks; an outer section is retaken when the section inside it ends.</li>
 * </ol>
 * Therefore a parked thread holds at most the smaller-id lock of the two-object section it is
 * entering, and waits for a larger-id one: every edge of a "waits for a lock held by" chain
 * goes up in id, so no chain can close into a cycle. The weakness is semantic, not liveness: an
 * outer section does not protect its object across a blocking point inside it. CPython accepts
 * the same trade, since its own GIL never protected anything across blocking calls either.
 *
 * <p><b>Threads.</b> Attaching, detaching and checkpoints do nothing: there is no global state
 * to enter (detaching only refuses to leave sections open). Releasing the runtime around blocking work suspends the thread's sections, and
 * reacquiring it takes back the innermost.
 *
 * <p>Metrics (in the runtime's {@link org.rclab.runtime.Metrics}):
 * {@code fine-grained.lock-contended}, {@code fine-grained.lock-parks},
 * {@code fine-grained.handoffs}, {@code fine-grained.suspensions}.
 */
public final class FineGrainedScheme implements Scheme {
    /** The scheme's name: {@value}. */
    public static final String NAME = "fine-grained";

    /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
    public FineGrainedScheme() {
        // A scheme provider is a stateless factory.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "atomic counts, per-object locks, PEP 703 critical sections with suspension";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    /** Parks, hand-offs, suspensions and resumptions, from {@code org.rclab.finegrained.events}. */
    @Override
    public List<Class<? extends jdk.jfr.Event>> events() {
        return ObjectLockEvents.all();
    }

    @Override
    public Map<String, String> options() {
        return Map.of(LockOptions.SPINS_OPTION, "times a contended object-lock acquirer retries (spins, then yields) "
                + "before it parks (a whole number from 0 to " + LockOptions.MAX_SPINS + ", default "
                + LockOptions.DEFAULT_SPINS + "; 0 parks at once)",
                TimedWaits.OPTION, "clock (default), expired or parks-expire: with expired a parked waiter counts as "
                + "having waited past the 1 ms fairness limit at once, so every unlock that finds one hands it the "
                + "lock, and its timed park as expired at once (it busy-waits, looking for an erased wake-up); with "
                + "parks-expire only the timed park expires at once and the 1 ms limit stays on the clock (the "
                + "lock's own policy, lost wake-ups taken back); for model checkers, which have no clock");
    }

    /**
     * Binds the scheme to a runtime.
     *
     * @throws IllegalArgumentException naming the option, if {@value LockOptions#SPINS_OPTION} is
     *         not a whole number from 0 to {@value LockOptions#MAX_SPINS} or
     *         {@value TimedWaits#OPTION} is not one of {@code clock}, {@code expired}, {@code parks-expire}
     */
    @Override
    public SchemeInstance open(final SchemeContext context) {
        return new AtomicCounts(context);
    }

    /** One runtime's instance: atomic counts, a no-op gate apart from suspension, object sections. */
    private static final class AtomicCounts implements SchemeInstance, RefCounter, ThreadGate {
        private final SchemeContext context;
        private final ObjectCriticalSections sections;

        AtomicCounts(final SchemeContext context) {
            this.context = context;
            // Parse first: a bad option must fail before anything is registered.
            final LockOptions options = LockOptions.of(context);
            this.sections = new ObjectCriticalSections(context, NAME, options);
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
            return sections;
        }

        @Override
        public void init(final RcObject o) {
            // Plain: the object is not yet visible to any other thread; publishing it is a
            // happens-before edge of its own (a container's release store, a thread start).
            Header.setSharedPlain(o, 1);
        }

        @Override
        public void incref(final RcObject o) {
            Header.getAndAddShared(o, 1);
        }

        @Override
        public boolean decref(final RcObject o) {
            // Volatile getAndAdd: the thread that sees 1 also sees every write the other
            // reference holders made before their own decrefs, so it frees a settled object.
            final long before = Header.getAndAddShared(o, -1);
            if (before == 1) {
                return true;
            }
            if (before <= 0) {
                // Two releases raced past the runtime's freed check; the later one is the bug.
                throw context.heap().misuse(MisuseKind.OVER_RELEASE, o, "decref of a count of " + before);
            }
            return false;
        }

        @Override
        public boolean tryIncref(final RcObject o) {
            long count = Header.sharedVolatile(o);
            // Never move a count up from zero: zero means the object is being freed and stays dead.
            while (count > 0) {
                final long witness = Header.compareAndExchangeShared(o, count, count + 1);
                if (witness == count) {
                    return true;
                }
                count = witness;
            }
            return false;
        }

        @Override
        public boolean lockFreeReads() {
            return true;
        }

        @Override
        public long count(final RcObject o) {
            return Header.sharedVolatile(o);
        }

        @Override
        public void attach(final RuntimeThread thread) {
            // No global state to enter: objects are protected one by one.
        }

        @Override
        public void detach(final RuntimeThread thread) {
            // Nothing to leave, but sections left open now would hold their locks forever.
            sections.requireNoOpenSections(thread);
        }

        @Override
        public void checkpoint(final RuntimeThread thread) {
            // Nothing to hand over at a safe point: no thread waits for a global lock.
        }

        @Override
        public void release(final RuntimeThread thread) {
            sections.suspendAll(thread);
        }

        @Override
        public void reacquire(final RuntimeThread thread) {
            sections.resumeInnermost(thread);
        }
    }
}
