package org.rclab.brc;

import java.util.List;
import java.util.stream.Stream;

import org.rclab.brc.events.MergeByNonOwnerEvent;
import org.rclab.brc.events.MergeExplicitEvent;
import org.rclab.brc.events.MergeOwnerZeroEvent;
import org.rclab.brc.events.QueuedEvent;
import org.rclab.finegrained.ObjectCriticalSections;
import org.rclab.finegrained.events.ObjectLockEvents;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.ThreadGate;

/**
 * Biased reference counting, the scheme of CPython's free-threaded build.
 *
 * <h2>Idea</h2>
 * Most objects are only ever touched by the thread that made them (Choi, Shull and Torrellas
 * measured 99.98% in client programs and 93% in servers). So each count is split in two and
 * biased towards that thread, the object's <em>owner</em>: the owner changes its own half with
 * plain loads and stores, at the price of a plain integer; every other thread changes the other
 * half with atomic instructions. The two halves are brought together ("merged") only when the
 * owner's half reaches zero or another thread asks the owner to look.
 *
 * <h2>Header</h2>
 * <ul>
 *   <li>{@code owner}: the creating thread, or {@code null} once merged;</li>
 *   <li>{@code local}: a 32-bit count, read and written only by the owner, plainly;</li>
 *   <li>{@code shared}: a 64-bit word {@code (count << 2) | flags} ({@link SharedWord}), changed
 *       by everyone else with atomic add and CAS. Flags, which only rise: 0 default,
 *       1 maybe-weakref, 2 queued, 3 merged. The count may be negative after queueing.</li>
 * </ul>
 * The true count is {@code local + (shared >> 2)}.
 *
 * <h2>State machine</h2>
 * <pre>
 *   OWNED (owner = T, local &gt;= 1, flags 0)
 *     |-- owner incref/decref ........ local +/- 1 (plain)
 *     |-- other incref ............... shared += 4 (atomic add)
 *     |-- other decref, shared &gt; 0 ... shared -= 4 (CAS)
 *     |-- other decref, shared == 0 .. shared = QUEUED, object onto T's queue  --&gt; QUEUED
 *     |-- owner local -&gt; 0, shared == 0 .......................... free at once --&gt; DEAD
 *     '-- owner local -&gt; 0, shared != 0: owner = null, CAS flags := merged    --&gt; MERGED
 *   QUEUED (owner = T, flags 2; the queue holds one reference)
 *     |-- the same count changes as OWNED, but every other decref subtracts (may go negative)
 *     |-- owner local -&gt; 0: owner = null, CAS flags := merged                 --&gt; MERGED
 *     '-- T's checkpoint or exit (or a releaser, if T has left): explicit merge
 *         local := 0, owner = null, then CAS shared := (count + local - 1) | merged
 *                                                   --&gt; MERGED, or DEAD if that count is 0
 *   MERGED (owner = null, local = 0, flags 3): every thread counts on shared alone;
 *     the decref whose CAS produces exactly "count 0, merged" frees     --&gt; DEAD
 * </pre>
 * A queued object that the owner merged by reaching local zero is still in the queue; its later
 * explicit merge finds local zero and only gives back the queue's reference.
 *
 * <h2>Orderings, and the race each one prevents</h2>
 * <ol>
 *   <li><b>Owner fast path: no atomic, no fence.</b> The owner check ({@code owner ==
 *       Thread.currentThread()}) is exact for the owner because only the owner clears its own
 *       ownership (or a releaser, after the owner has left, under a lock the owner must take to
 *       come back). A non-owner may see a stale or cleared owner; either way "not me" is right.</li>
 *   <li><b>Queue instead of going negative.</b> Only the owner can read the local count, so a
 *       non-owner that took a default word below zero would leave a true count of zero that
 *       nobody notices (a leak). It sets queued without subtracting: the queue holds the
 *       reference, the object stays alive, and the owner merges it.</li>
 *   <li><b>Acquire read of shared when the owner reaches zero.</b> If it reads zero the owner frees
 *       at once; the acquire makes every other thread's use before its release happen before the
 *       free (a plain read here was CPython gh-117657). Here the load is plain and the acquire is
 *       the fence the runtime puts before every free's first write (see {@code RefCounter}), which
 *       orders the same accesses.</li>
 *   <li><b>Owner field cleared before the CAS that publishes merged</b>, in both merges; in the
 *       explicit merge the local count is zeroed first too. After that CAS another thread may free
 *       the object; a store after it would be a write after free (CPython gh-119999, gh-121794).
 *       The free-at-once path leaves the owner alone, so "owner cleared" always means
 *       "merged".</li>
 *   <li><b>Free only on exactly "count 0, merged"</b> (or on the owner's zero read). Flags only
 *       rise and a dead word never changes, so exactly one CAS can produce that value: no double
 *       free, and with the queue's reference no object dies while queued.</li>
 *   <li><b>Owner exit.</b> A leaving thread merges its queue until it is empty and unregisters,
 *       atomically against any releaser queueing to it; a releaser that finds the owner gone
 *       (unregistered, or its thread ended without detaching) merges the object itself, and
 *       drains a dead owner's queue; closing the runtime drains what is left. A thread that is
 *       not attached owns nothing: what it makes starts merged. The arguments, and the choice
 *       for a thread that attaches again, are in {@link MergeQueues}.</li>
 *   <li><b>Lock-free container reads.</b> A reader that takes an item out of a list or dict without
 *       its lock uses {@link RefCounter#tryIncref}, which refuses a shared word of 0 (unless the
 *       reader owns the object with local above zero) or exactly "count 0, merged", then checks
 *       the container still holds the item; otherwise it falls back to the locked read. Without
 *       that a reader could resurrect an object being freed.</li>
 * </ol>
 *
 * <h2>Containers</h2>
 * Mutable containers are changed inside per-object critical sections, borrowed from the
 * {@code fine-grained} scheme ({@link ObjectCriticalSections}); blocking work suspends them.
 *
 * <h2>Known weaknesses</h2>
 * <ul>
 *   <li>A non-owner pays more than plain atomic counting would: a CAS loop on release, and for an
 *       object released across threads a queue hand-over and a merge. Producer/consumer code,
 *       where one thread makes what another frees, always takes this path: ownership never
 *       moves to the consumer.</li>
 *   <li>Queued objects are freed only when their owner reaches a checkpoint or leaves; a thread
 *       that blocks for long holds memory others released.</li>
 *   <li>The owner check is not free: it adds a load, a compare and a branch to every count change.
 *       Next to other work it nearly vanishes; in a tight loop of nothing but counts it shows.</li>
 *   <li>A thread that is not attached pays atomic counts for the objects it makes (they start
 *       merged), and a thread that detached must not touch the objects it still owns (as a
 *       CPython thread whose thread state is gone may not): a release merges them behind it.
 *       With strict checks that touch is refused ({@link DetachedOwnerCheck}); without, it is
 *       the caller's rule to keep.</li>
 *   <li>An owner's local count saturates at 2<sup>31</sup> - 1 references: the object becomes
 *       immortal and is never freed (CPython does the same at 2<sup>32</sup> - 1).</li>
 * </ul>
 *
 * <h2>References</h2>
 * J. Choi, T. Shull, J. Torrellas, "Biased Reference Counting: Minimizing Atomic Operations in
 * Garbage Collection", PACT 2018. S. Gross, PEP 703, "Making the Global Interpreter Lock
 * Optional in CPython" (biased reference counting and per-object critical sections), and its
 * implementation in CPython 3.13's free-threaded build ({@code Objects/object.c},
 * {@code Python/brc.c}).
 */
public final class BrcScheme implements Scheme {
    /** The scheme's name: {@value}. */
    public static final String NAME = "brc";

    /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
    public BrcScheme() {
        // A scheme provider is a stateless factory.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "biased reference counting (PEP 703): owner counts plainly, others atomically; per-object critical sections";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    /**
     * Queueing and the three merges, from {@code org.rclab.brc.events}, and the object locks'
     * events of the critical sections it borrows from {@code fine-grained}.
     */
    @Override
    public List<Class<? extends jdk.jfr.Event>> events() {
        final List<Class<? extends jdk.jfr.Event>> own = List.of(QueuedEvent.class, MergeOwnerZeroEvent.class,
                MergeExplicitEvent.class, MergeByNonOwnerEvent.class);
        return Stream.concat(own.stream(), ObjectLockEvents.all().stream()).toList();
    }

    @Override
    public SchemeInstance open(final SchemeContext context) {
        final BrcMetrics metrics = new BrcMetrics(context.metrics());
        final MergeQueues queues = new MergeQueues(context, metrics);
        final ObjectCriticalSections sections = new ObjectCriticalSections(context, NAME);
        final BiasedRefCounter counter = new BiasedRefCounter(queues, context.heap(), metrics);
        return new Instance(context.strictChecks() ? new DetachedOwnerCheck(counter, queues) : counter,
                new BrcThreadGate(queues, sections), sections, queues);
    }

    /** One runtime's scheme: the three facets, each its own object, and the owners' queues. */
    private record Instance(RefCounter refCounter, ThreadGate threadGate, CriticalSections criticalSections,
                            MergeQueues queues) implements SchemeInstance {
        /** Merges what owners that ended without detaching left in their queues. */
        @Override
        public void close() {
            queues.drainDeadOwners();
        }
    }
}
