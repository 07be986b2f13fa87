package org.rclab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rclab.heap.LeakError;
import org.rclab.heap.MisuseKind;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.heap.Tracking;
import org.rclab.object.RcDict;
import org.rclab.object.RcInt;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.object.RcTuple;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSection;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.Schemes;
import org.rclab.scheme.UnknownSchemeException;

/**
 * The behaviour every scheme must have, written once. A scheme module runs it with one subclass
 * naming its scheme:
 *
 * <pre>{@code
 * class GilConformanceTest extends SchemeConformanceTest {
 *     @Override
 *     protected String schemeName() {
 *         return "gil";
 *     }
 * }
 * }</pre>
 *
 * The scheme is looked up through {@link Schemes}, so the kit also proves it is registered with
 * {@link java.util.ServiceLoader}. Multi-threaded tests run only for schemes that declare
 * themselves thread-safe; the stress suite, not this kit, shows how the others fail.
 *
 * <p>Each test runs on a fresh runtime that tracks live objects, with the test thread attached,
 * and ends by asserting that nothing leaked. Counts, frees and the heap are read only after the
 * runtime has quiesced ({@link RcRuntime#quiesce()}), so a scheme that applies count changes late
 * is judged on its settled counts. Threads that wait for other attached threads do so
 * with the runtime released, as a blocking call in CPython would.
 *
 * <p>The kit cannot hang and cannot pass by luck. Every test runs under a bound ({@link KitBound}:
 * a test still running after 150 s fails with the stacks of its threads; the system property
 * {@code rclab.kit.test-bound-seconds} changes the bound),
 * and tests that need a section or a worker to return fail sooner, with a message naming the
 * promise at stake (re-entrant sections, opposite-order pairs that terminate). A worker's
 * failure is the failing test's cause. The race tests repeat their rounds until the threads have
 * provably run at the same time often enough ({@link Race}); a race that never overlapped is
 * reported as skipped, never as passed. The kit needs JUnit Jupiter 5.13 or later.
 */
@ExtendWith(KitBound.class)
public abstract class SchemeConformanceTest {
    private static final int DEEP_CHAIN = 1_000_000;
    private static final int APPEND_BURST = 50;
    private static final int CHECKPOINT_EVERY = 64;
    private static final Duration LIVENESS_GUARD = Duration.ofSeconds(60);
    /** A section that has not returned after this is waiting for something that never comes. */
    private static final Duration SECTION_BOUND = Duration.ofSeconds(5);
    /** A race over sections that has not ended after this is deadlocked: a race's limit and then some. */
    private static final Duration SECTION_RACE_BOUND = Race.LIMIT.plus(Duration.ofSeconds(20));
    private static final int PAIRS_PER_ROUND = 10_000;
    private static final int RELEASES_PER_ROUND = 256;
    private static final int HANDOVERS_PER_ROUND = 256;
    private static final int READS_PER_ROUND = 2_000;
    private static final int SECTIONS_PER_ROUND = 2_000;

    /** The runtime under test, fresh for each test. */
    protected RcRuntime rt;
    /** The test thread's attachment to {@link #rt}. */
    protected RuntimeThread self;
    /** Set when workers were left stuck: {@link #rt} cannot be closed while they are attached. */
    private volatile boolean abandoned;

    /**
     * A runtime after {@link RcRuntime#quiesce()}: every count change made before the call is
     * applied, and what it freed is freed. The kit reads counts, frees and the heap only through
     * this (or {@link #settledFreed}), so a scheme that defers its changes is judged on settled
     * counts; for the others it changes nothing.
     *
     * @param runtime a runtime
     * @return the same runtime, quiesced
     */
    protected static RcRuntime settled(final RcRuntime runtime) {
        runtime.quiesce();
        return runtime;
    }

    /**
     * Whether an object is freed once its runtime has quiesced (see {@link #settled}).
     *
     * @param o an object
     * @return {@code true} if it is freed
     */
    protected static boolean settledFreed(final RcObject o) {
        o.runtime().quiesce();
        return o.isFreed();
    }

    /**
     * The name of the scheme under test.
     *
     * @return a name {@link Schemes#byName} knows
     */
    protected abstract String schemeName();

    /**
     * The scheme under test, found through {@link java.util.ServiceLoader}.
     *
     * @return the scheme
     */
    protected final Scheme scheme() {
        return Schemes.byName(schemeName());
    }

    @BeforeEach
    void openRuntime() {
        rt = RcRuntime.builder(scheme()).tracking(Tracking.OBJECTS).build();
        self = rt.attach();
    }

    @AfterEach
    void closeRuntime() {
        if (self.isAttached()) {
            self.detach();
        }
        if (abandoned) {
            return;
        }
        rt.close();
    }

    // ------------------------------------------------------------------ discovery

    @Test
    void schemeIsDiscoveredByItsName() {
        assertEquals(schemeName(), scheme().name());
        assertTrue(Schemes.names().contains(schemeName()));
        assertFalse(scheme().description().isBlank(), "a scheme describes itself in one line");
    }

    @Test
    void unknownSchemeNameListsTheKnownNames() {
        final UnknownSchemeException e = assertThrows(UnknownSchemeException.class,
                () -> Schemes.byName("no-such-scheme"));
        assertTrue(e.getMessage().contains(schemeName()), e.getMessage());
        assertTrue(e.known().contains(schemeName()));
    }

    // ------------------------------------------------------------------ count arithmetic

    @Test
    void newObjectHasOneReference() {
        final RcStr s = rt.newStr("fresh");
        assertEquals(1, settled(rt).refcount(s));
        rt.decref(s);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void increfAndDecrefMoveTheCountByOne() {
        final RcStr s = rt.newStr("counted");
        for (int i = 0; i < 10; i++) {
            rt.incref(s);
        }
        assertEquals(11, settled(rt).refcount(s));
        for (int i = 0; i < 10; i++) {
            rt.decref(s);
        }
        assertEquals(1, settled(rt).refcount(s));
        assertFalse(settledFreed(s));
        rt.decref(s);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void lastDecrefFreesExactlyOnce() {
        final RcInt big = rt.newInt(1_000_000);
        rt.incref(big);
        final long freedBefore = settled(rt).heap().freed();
        rt.decref(big);
        assertFalse(settledFreed(big), "one reference remains");
        assertEquals(freedBefore, settled(rt).heap().freed());
        rt.decref(big);
        assertTrue(settledFreed(big));
        assertEquals(freedBefore + 1, settled(rt).heap().freed());
        assertEquals(0, settled(rt).refcount(big));
        settled(rt).heap().assertNoLeaks();
    }

    // ------------------------------------------------------------------ misuse

    @Test
    void decrefOfAFreedObjectIsAnOverRelease() {
        final RcStr s = rt.newStr("gone");
        rt.decref(s);
        rt.quiesce();
        final RefcountMisuseException e = assertThrows(RefcountMisuseException.class, () -> rt.decref(s));
        assertEquals(MisuseKind.OVER_RELEASE, e.kind());
        assertEquals(1, settled(rt).heap().misuseCount(MisuseKind.OVER_RELEASE));
        assertEquals(1, settled(rt).heap().freed(RcType.STR), "a misuse must not free the object again");
    }

    @Test
    void increfOfAFreedObjectIsAUseAfterFree() {
        final RcStr s = rt.newStr("gone");
        rt.decref(s);
        rt.quiesce();
        final RefcountMisuseException e = assertThrows(RefcountMisuseException.class, () -> rt.incref(s));
        assertEquals(MisuseKind.USE_AFTER_FREE, e.kind());
        assertEquals(0, settled(rt).refcount(s));
    }

    @Test
    void containerOperationOnAFreedListIsAUseAfterFree() {
        final RcList list = rt.newList();
        rt.decref(list);
        rt.quiesce();
        final RcStr item = rt.newStr("item");
        final RefcountMisuseException e = assertThrows(RefcountMisuseException.class, () -> list.append(item));
        assertEquals(MisuseKind.USE_AFTER_FREE, e.kind());
        assertEquals(1, settled(rt).refcount(item), "the failed append took no reference");
        rt.decref(item);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void misuseMessageNamesTheObjectsTypeAndIdentity() {
        final RcList list = rt.newList();
        final long id = list.id();
        rt.decref(list);
        rt.quiesce();
        final RefcountMisuseException e = assertThrows(RefcountMisuseException.class, () -> rt.decref(list));
        assertTrue(e.getMessage().contains("list object #" + id), e.getMessage());
        assertTrue(e.getMessage().contains("over-release"), e.getMessage());
        assertEquals("list object #" + id, e.objectDescription());
    }

    @Test
    void objectOfAnotherRuntimeIsRejected() throws Exception {
        try (RcRuntime other = RcRuntime.builder(scheme()).build()) {
            final RcStr foreign = onThreadAttachedTo(other, () -> other.newStr("elsewhere"));
            final RcList list = rt.newList();
            final RefcountMisuseException e = assertThrows(RefcountMisuseException.class,
                    () -> list.append(foreign));
            assertEquals(MisuseKind.FOREIGN_OBJECT, e.kind());
            onThreadAttachedTo(other, () -> {
                other.decref(foreign);
                return null;
            });
            rt.decref(list);
            settled(other).heap().assertNoLeaks();
        }
        settled(rt).heap().assertNoLeaks();
    }

    // ------------------------------------------------------------------ immortals

    @Test
    void smallIntsAreCachedAndImmortal() {
        final RcInt five = rt.newInt(5);
        assertSame(five, rt.newInt(5));
        assertTrue(five.isImmortal());
        for (int i = 0; i < 1000; i++) {
            rt.decref(five);
        }
        assertFalse(settledFreed(five));
        assertEquals(Long.MAX_VALUE, settled(rt).refcount(five));
        assertTrue(rt.newInt(RcInt.SMALL_MIN).isImmortal());
        assertTrue(rt.newInt(RcInt.SMALL_MAX).isImmortal());
        assertEquals(0, settled(rt).heap().allocated(), "cached ints are not allocations");
    }

    @Test
    void intsOutsideTheCacheAreMortal() {
        final RcInt above = rt.newInt(RcInt.SMALL_MAX + 1);
        final RcInt below = rt.newInt(RcInt.SMALL_MIN - 1);
        assertFalse(above.isImmortal());
        assertFalse(below.isImmortal());
        rt.decref(above);
        rt.decref(below);
        assertTrue(settledFreed(above) && settledFreed(below));
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void singletonsIgnoreIncrefAndDecref() {
        for (final RcObject singleton : List.of(rt.none(), rt.bool(true), rt.bool(false))) {
            rt.incref(singleton);
            for (int i = 0; i < 10; i++) {
                rt.decref(singleton);
            }
            assertTrue(singleton.isImmortal());
            assertFalse(settledFreed(singleton));
        }
        assertEquals("None", rt.none().repr());
        assertEquals(RcType.BOOL, rt.bool(true).type());
    }

    // ------------------------------------------------------------------ containers

    @Test
    void appendTakesAReferenceAndPopHandsItBack() {
        final RcList list = rt.newList();
        final RcStr item = rt.newStr("x");
        list.append(item);
        assertEquals(2, settled(rt).refcount(item));
        assertEquals(1, list.size());
        final RcObject popped = list.pop();
        assertSame(item, popped);
        assertEquals(2, settled(rt).refcount(item), "pop hands the list's reference to the caller");
        rt.decref(popped);
        rt.decref(item);
        rt.decref(list);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void popFromEmptyListFailsAndChangesNothing() {
        final RcList list = rt.newList();
        assertThrows(IndexOutOfBoundsException.class, list::pop);
        assertEquals(0, list.size());
        rt.decref(list);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void getReturnsANewReference() {
        final RcList list = rt.newList();
        final RcStr item = rt.newStr("x");
        list.append(item);
        rt.decref(item);
        final RcObject got = list.get(0);
        assertSame(item, got);
        assertEquals(2, settled(rt).refcount(item));
        rt.decref(got);
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(1));
        rt.decref(list);
        assertTrue(settledFreed(item));
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void setReleasesTheReplacedItem() {
        final RcList list = rt.newList();
        final RcStr old = rt.newStr("old");
        list.append(old);
        rt.decref(old);
        final RcStr fresh = rt.newStr("new");
        list.set(0, fresh);
        assertTrue(settledFreed(old), "the list held the last reference to the replaced item");
        assertEquals(2, settled(rt).refcount(fresh));
        rt.decref(fresh);
        rt.decref(list);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void clearReleasesEveryItem() {
        final RcList list = rt.newList();
        final List<RcStr> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            final RcStr s = rt.newStr("item" + i);
            list.append(s);
            rt.decref(s);
            items.add(s);
        }
        list.clear();
        assertEquals(0, list.size());
        assertTrue(items.stream().allMatch(SchemeConformanceTest::settledFreed));
        rt.decref(list);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void freeingAListReleasesItsItems() {
        final RcList list = rt.newList();
        final RcStr kept = rt.newStr("kept");
        final RcStr dropped = rt.newStr("dropped");
        list.append(kept);
        list.append(dropped);
        rt.decref(dropped);
        rt.decref(list);
        assertTrue(settledFreed(list));
        assertTrue(settledFreed(dropped));
        assertFalse(settledFreed(kept));
        assertEquals(1, settled(rt).refcount(kept));
        rt.decref(kept);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void itemSharedByTwoListsLivesUntilTheLastGoes() {
        final RcList a = rt.newList();
        final RcList b = rt.newList();
        final RcStr shared = rt.newStr("shared");
        a.append(shared);
        b.append(shared);
        rt.decref(shared);
        rt.decref(a);
        assertFalse(settledFreed(shared));
        rt.decref(b);
        assertTrue(settledFreed(shared));
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void extendCopiesReferencesIncludingFromItself() {
        final RcList a = rt.newList();
        final RcList b = rt.newList();
        final RcStr s = rt.newStr("s");
        b.append(s);
        a.extend(b);
        assertEquals(3, settled(rt).refcount(s));
        a.extend(a);
        assertEquals(2, a.size());
        assertEquals(4, settled(rt).refcount(s));
        rt.decref(a);
        rt.decref(b);
        assertEquals(1, settled(rt).refcount(s));
        rt.decref(s);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void tupleOwnsItsItemsFromCreation() {
        final RcStr x = rt.newStr("x");
        final RcTuple tuple = rt.newTuple(x, rt.none(), rt.newInt(7));
        assertEquals(2, settled(rt).refcount(x));
        assertEquals(3, tuple.size());
        final RcObject first = tuple.get(0);
        assertSame(x, first);
        rt.decref(first);
        rt.decref(x);
        rt.decref(tuple);
        assertTrue(settledFreed(x));
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void dictOwnsKeysAndValues() {
        final RcDict dict = rt.newDict();
        final RcStr key = rt.newStr("k");
        final RcStr value = rt.newStr("v");
        dict.put(key, value);
        assertEquals(2, settled(rt).refcount(key));
        assertEquals(2, settled(rt).refcount(value));
        final RcObject got = dict.get(key);
        assertSame(value, got);
        assertEquals(3, settled(rt).refcount(value));
        rt.decref(got);
        final RcObject removed = dict.remove(key);
        assertSame(value, removed);
        assertEquals(1, settled(rt).refcount(key), "remove releases the dict's key");
        assertEquals(2, settled(rt).refcount(value), "remove hands the value's reference to the caller");
        assertNull(dict.get(key));
        rt.decref(removed);
        rt.decref(key);
        rt.decref(value);
        rt.decref(dict);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void dictKeysCompareByValueAndTheFirstKeyIsKept() {
        final RcDict dict = rt.newDict();
        final RcStr first = rt.newStr("same");
        final RcStr second = rt.newStr("same");
        final RcStr v1 = rt.newStr("v1");
        final RcStr v2 = rt.newStr("v2");
        dict.put(first, v1);
        dict.put(second, v2);
        assertEquals(1, dict.size());
        assertEquals(2, settled(rt).refcount(first), "the stored key is kept");
        assertEquals(1, settled(rt).refcount(second), "an equal key is not stored again");
        assertEquals(1, settled(rt).refcount(v1), "the replaced value is released; only ours remains");
        assertEquals(2, settled(rt).refcount(v2));
        for (final RcObject o : List.of(first, second, v1, v2, dict)) {
            rt.decref(o);
        }
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void unhashableKeyIsRejectedWithoutTakingReferences() {
        final RcDict dict = rt.newDict();
        final RcList list = rt.newList();
        final RcStr value = rt.newStr("v");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dict.put(list, value));
        assertTrue(e.getMessage().contains("unhashable type: 'list'"), e.getMessage());
        assertEquals(1, settled(rt).refcount(list));
        assertEquals(1, settled(rt).refcount(value));
        for (final RcObject o : List.of(dict, list, value)) {
            rt.decref(o);
        }
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void updateAndClearMoveDictReferencesExactly() {
        final RcDict a = rt.newDict();
        final RcDict b = rt.newDict();
        final RcStr k = rt.newStr("k");
        final RcStr v = rt.newStr("v");
        b.put(k, v);
        a.update(b);
        assertEquals(3, settled(rt).refcount(k));
        assertEquals(3, settled(rt).refcount(v));
        a.clear();
        assertEquals(0, a.size());
        assertEquals(2, settled(rt).refcount(k));
        rt.decref(b);
        assertEquals(1, settled(rt).refcount(k));
        for (final RcObject o : List.of(a, k, v)) {
            rt.decref(o);
        }
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void freeingADictReleasesKeysAndValues() {
        final RcDict dict = rt.newDict();
        for (int i = 0; i < 50; i++) {
            final RcStr k = rt.newStr("k" + i);
            final RcList v = rt.newList();
            dict.put(k, v);
            rt.decref(k);
            rt.decref(v);
        }
        assertEquals(101, settled(rt).heap().live());
        rt.decref(dict);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void millionDeepNestedListsFreeWithoutStackOverflow() {
        self.detach(); // a thread is attached to one runtime at a time
        try (RcRuntime plain = RcRuntime.builder(scheme()).build()) {
            final RuntimeThread attached = plain.attach();
            RcList outer = plain.newList();
            for (int i = 0; i < DEEP_CHAIN; i++) {
                final RcList next = plain.newList();
                next.append(outer);
                plain.decref(outer);
                outer = next;
                if (i % CHECKPOINT_EVERY == 0) {
                    attached.checkpoint();
                }
            }
            assertEquals(DEEP_CHAIN + 1, settled(plain).heap().live());
            plain.decref(outer);
            attached.checkpoint();
            assertEquals(DEEP_CHAIN + 1, settled(plain).heap().freed(RcType.LIST));
            settled(plain).heap().assertNoLeaks();
            attached.detach();
        }
    }

    // ------------------------------------------------------------------ heap accounting

    @Test
    void heapCountsPerType() {
        final RcStr s = rt.newStr("s");
        final RcList l = rt.newList();
        final RcInt i = rt.newInt(10_000);
        assertEquals(3, settled(rt).heap().live());
        assertEquals(1, settled(rt).heap().live(RcType.STR));
        assertEquals(1, settled(rt).heap().allocated(RcType.LIST));
        rt.decref(s);
        rt.decref(l);
        rt.decref(i);
        assertEquals(3, settled(rt).heap().freed());
        assertEquals(0, settled(rt).heap().live(RcType.INT));
    }

    @Test
    void countdownThroughTheThreadHandleMixedWithTheRuntimesCallsIsAccountedExactly() {
        final int steps = 1_000;
        RcInt n = self.newInt(100_000);
        for (int i = 0; i < steps; i++) {
            final RcInt next = i % 2 == 0 ? self.newInt(n.value() - 1) : rt.newInt(n.value() - 1);
            if (i % 3 == 0) {
                rt.decref(n);
            } else {
                self.decref(n);
            }
            n = next;
            self.checkpoint();
        }
        assertEquals(steps + 1, settled(rt).heap().allocated(RcType.INT));
        assertEquals(steps, settled(rt).heap().freed(RcType.INT));
        assertEquals(1, settled(rt).refcount(n));
        // A container freed through the handle: the items it releases are counted as its own free is.
        final RcList list = rt.newList();
        list.append(n);
        self.decref(n);
        self.decref(list);
        assertTrue(settledFreed(list));
        assertTrue(settledFreed(n), "the list held the int's last reference");
        assertEquals(steps + 1, settled(rt).heap().freed(RcType.INT));
        assertEquals(1, settled(rt).heap().freed(RcType.LIST));
        // Small ints come from the immortal cache through the handle too, and ignore its decref.
        final RcInt small = self.newInt(7);
        assertSame(rt.newInt(7), small);
        self.decref(small);
        assertEquals(steps + 1, settled(rt).heap().allocated(RcType.INT), "a cached int is not allocated");
        settled(rt).heap().assertNoLeaks();
        assertEquals(0, settled(rt).heap().misuseCount());
    }

    @Test
    void countdownsThroughHandlesOnTwoThreadsAreAccountedExactly() throws Exception {
        assumeThreadSafe();
        final int steps = 20_000;
        final Queue<RcInt> last = new ConcurrentLinkedQueue<>();
        runWorkers(2, (worker, index) -> {
            RcInt n = worker.newInt(1_000_000);
            for (int i = 0; i < steps; i++) {
                final RcInt next = worker.newInt(n.value() - 1);
                worker.decref(n);
                n = next;
                if (i % CHECKPOINT_EVERY == 0) {
                    worker.checkpoint();
                }
            }
            last.add(n); // the worker's reference, handed to the test thread
        });
        assertEquals(2 * (steps + 1), settled(rt).heap().allocated(RcType.INT));
        assertEquals(2 * steps, settled(rt).heap().freed(RcType.INT));
        for (final RcInt n : last) {
            self.decref(n); // made by a thread that has left: freed by this one, counted in its slot
        }
        self.checkpoint();
        assertEquals(2 * (steps + 1), settled(rt).heap().freed(RcType.INT));
        settled(rt).heap().assertNoLeaks();
        assertEquals(0, settled(rt).heap().misuseCount());
    }

    @Test
    void leakReportNamesWhatLeakedAndWhereItWasMade() {
        self.detach(); // a thread is attached to one runtime at a time
        try (RcRuntime tracked = RcRuntime.builder(scheme()).tracking(Tracking.SITES).build()) {
            final RuntimeThread attached = tracked.attach();
            final RcStr leaked = tracked.newStr("forgotten");
            final LeakError error = assertThrows(LeakError.class, () -> settled(tracked).heap().assertNoLeaks());
            assertEquals(1, error.report().live());
            assertEquals(1, error.report().objects().size());
            final String text = error.getMessage();
            assertTrue(text.contains(leaked.describe()), text);
            assertTrue(text.contains("'forgotten'"), text);
            assertTrue(text.contains("leakReportNamesWhatLeakedAndWhereItWasMade"),
                    "the allocation site names the allocating method: " + text);
            tracked.decref(leaked);
            settled(tracked).heap().assertNoLeaks();
            attached.detach();
        }
    }

    @Test
    void twoRuntimesKeepSeparateHeaps() throws Exception {
        try (RcRuntime other = RcRuntime.builder(scheme()).build()) {
            final RcStr mine = rt.newStr("mine");
            final RcStr theirs = onThreadAttachedTo(other, () -> other.newStr("theirs"));
            assertEquals(1, settled(rt).heap().live());
            assertEquals(1, settled(other).heap().live());
            assertFalse(rt.newInt(1) == onThreadAttachedTo(other, () -> other.newInt(1)),
                    "each runtime has its own small ints");
            rt.decref(mine);
            assertEquals(1, settled(other).heap().live());
            onThreadAttachedTo(other, () -> {
                other.decref(theirs);
                return null;
            });
            settled(other).heap().assertNoLeaks();
        }
        settled(rt).heap().assertNoLeaks();
    }

    // ------------------------------------------------------------------ threads

    @Test
    void attachingTwiceFails() {
        final IllegalStateException e = assertThrows(IllegalStateException.class, rt::attach);
        assertTrue(e.getMessage().contains("already attached"), e.getMessage());
        assertSame(self, rt.current());
    }

    @Test
    void detachingTwiceFails() {
        self.detach();
        assertFalse(rt.isAttached());
        assertThrows(IllegalStateException.class, self::detach);
        assertThrows(IllegalStateException.class, rt::current);
    }

    @Test
    void aThreadCannotDetachAnotherThreadsAttachment() throws Exception {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        self.callReleased(() -> {
            final Thread intruder = new Thread(() -> {
                try {
                    self.detach();
                } catch (final IllegalStateException expected) {
                    failure.set(expected);
                }
            });
            intruder.start();
            intruder.join();
            return null;
        });
        assertNotNull(failure.get(), "detaching another thread's attachment must fail");
        assertTrue(self.isAttached());
    }

    @Test
    void releasedWorkRunsAndTheThreadCanTouchObjectsAfter() throws Exception {
        final RcStr s = rt.newStr("before");
        final String result = self.callReleased(() -> {
            assertTrue(self.isReleased());
            return "done";
        });
        assertEquals("done", result);
        assertFalse(self.isReleased());
        rt.incref(s);
        rt.decref(s);
        rt.decref(s);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void releaseAndReacquireMustAlternate() {
        assertThrows(IllegalStateException.class, self::reacquire);
        self.release();
        assertThrows(IllegalStateException.class, self::release);
        self.reacquire();
        assertFalse(self.isReleased());
    }

    @Test
    void checkpointsAloneChangeNothing() {
        final RcStr s = rt.newStr("s");
        for (int i = 0; i < 10_000; i++) {
            self.checkpoint();
        }
        assertEquals(1, settled(rt).refcount(s));
        rt.decref(s);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void criticalSectionsNestOverOneAndTwoObjects() throws Exception {
        // On a bounded worker: a design whose sections wait for themselves fails here, by name.
        withinBound("a thread that holds a section over an object waited for itself when it entered another section"
                + " over that object: sections must be re-entrant", (worker, index) -> {
                    final RcList a = rt.newList();
                    final RcList b = rt.newList();
                    try (CriticalSection outer = rt.enter(a)) {
                        try (CriticalSection pair = rt.enter(a, b)) {
                            try (CriticalSection same = rt.enter(b, b)) {
                                b.append(rt.none());
                            }
                        }
                    }
                    try (CriticalSection reversed = rt.enter(b, a)) {
                        a.append(rt.none());
                    }
                    assertEquals(1, a.size());
                    rt.decref(a);
                    rt.decref(b);
                });
        self.checkpoint();
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void nestedSingleObjectSectionsReenterTheSameObject() throws Exception {
        withinBound("a thread that holds a section over an object waited for itself when it entered a nested"
                + " single-object section over that object: sections must be re-entrant", (worker, index) -> {
                    final RcList a = rt.newList();
                    final RcList b = rt.newList();
                    try (CriticalSection first = rt.enter(a)) {
                        try (CriticalSection other = rt.enter(b)) {
                            try (CriticalSection again = rt.enter(a)) {
                                a.append(rt.none());
                                b.append(rt.none());
                            }
                            assertEquals(1, a.size(), "the inner section's change is visible in the outer one");
                        }
                        a.append(rt.none());
                    }
                    assertEquals(2, a.size());
                    rt.decref(a);
                    rt.decref(b);
                });
        self.checkpoint();
        settled(rt).heap().assertNoLeaks();
    }

    // ------------------------------------------------------------------ multi-threaded (thread-safe schemes only)

    @Test
    void concurrentIncrefDecrefPairsKeepTheCountExact() throws Exception {
        assumeThreadSafe();
        final RcStr shared = rt.newStr("shared");
        race(2, PAIRS_PER_ROUND, NO_SETUP, (worker, index, ticker, length) -> {
            for (int i = 0; i < length; i++) {
                rt.incref(shared);
                ticker.tick();
                rt.decref(shared);
                if (i % CHECKPOINT_EVERY == 0) {
                    worker.checkpoint();
                }
            }
        }, (worker, round, length) -> {
            assertFalse(settledFreed(shared), "round " + round + ": a lost increment freed an object still referenced");
            assertEquals(1, settled(rt).refcount(shared), "round " + round + ": increments and decrements did not cancel out");
        });
        rt.decref(shared);
        self.checkpoint();
        settled(rt).heap().assertNoLeaks();
        assertEquals(0, settled(rt).heap().misuseCount());
    }

    @Test
    void concurrentAppendsLoseNoItemAndKeepItemCountsExact() throws Exception {
        assumeThreadSafe();
        final RcList list = rt.newList();
        final RcStr shared = rt.newStr("in every slot");
        race(2, APPEND_BURST, NO_SETUP, (worker, index, ticker, length) -> {
            for (int i = 0; i < length; i++) {
                list.append(shared);
                ticker.tick();
                if (i % CHECKPOINT_EVERY == 0) {
                    worker.checkpoint();
                }
            }
        }, (worker, round, length) -> {
            assertEquals(2 * length, list.size(), "round " + round + ": appends were lost");
            assertEquals(2L * length + 1, settled(rt).refcount(shared), "round " + round + ": item counts are wrong");
            list.clear();
            assertEquals(1, settled(rt).refcount(shared), "round " + round + ": clear released the wrong number of references");
        });
        rt.decref(list);
        rt.decref(shared);
        self.checkpoint();
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void objectMadeByOneThreadIsFreedWhenAnotherReleasesIt() throws Exception {
        assumeThreadSafe();
        final AtomicReference<RcList> handedOver = new AtomicReference<>();
        runWorkers(1, (worker, index) -> {
            final RcList made = rt.newList();
            final RcInt item = rt.newInt(12_345);
            made.append(item);
            rt.decref(item);
            handedOver.set(made);
        });
        final RcList list = handedOver.get();
        assertEquals(1, settled(rt).refcount(list));
        rt.decref(list);
        self.checkpoint();
        assertTrue(settledFreed(list), "the creator has left; the last release frees the object");
        settled(rt).heap().assertNoLeaks();
        assertEquals(0, settled(rt).heap().misuseCount());
    }

    @Test
    void creatorAndAnotherThreadReleasingAtTheSameMomentFreeEachObjectOnce() throws Exception {
        assumeThreadSafe();
        // Worker 0 makes the objects and keeps a reference of its own to each; both workers then
        // release theirs at once. Under a biased scheme this is the owner's plain count and
        // another thread's shared count reaching zero together, which must free exactly once.
        final RcObject[][] batch = new RcObject[1][];
        final long freedBefore = settled(rt).heap().freed();
        final long[] expectedFreed = {freedBefore};
        race(2, RELEASES_PER_ROUND, (worker, length) -> {
            final RcObject[] made = new RcObject[length];
            for (int i = 0; i < length; i++) {
                made[i] = i % 2 == 0 ? rt.newStr("r" + i) : rt.newList();
                rt.incref(made[i]);
            }
            batch[0] = made;
        }, (worker, index, ticker, length) -> {
            for (int i = 0; i < length; i++) {
                rt.decref(batch[0][i]);
                ticker.tick();
                if (i % CHECKPOINT_EVERY == 0) {
                    worker.checkpoint();
                }
            }
            worker.checkpoint();
        }, (worker, round, length) -> {
            worker.checkpoint();
            expectedFreed[0] += length;
            for (final RcObject o : batch[0]) {
                assertTrue(settledFreed(o), "round " + round + ": both references are gone but " + o.describe()
                        + " was not freed (a lost decrement)");
            }
            assertEquals(expectedFreed[0], settled(rt).heap().freed(), "round " + round + ": objects freed more than once");
            assertEquals(0, settled(rt).heap().misuseCount(), "round " + round + ": a release was reported as misuse");
        });
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void crossThreadReleasesWhileTheCreatorStaysAttachedFreeEverything() throws Exception {
        assumeThreadSafe();
        final int objects = 1_000;
        final RcList inbox = rt.newList();
        final CyclicBarrier handedOver = new CyclicBarrier(2);
        runWorkers(2, (worker, index) -> {
            if (index == 0) {
                for (int i = 0; i < objects; i++) {
                    final RcStr s = rt.newStr("msg" + i);
                    inbox.append(s);
                    rt.decref(s);
                }
                awaitReleased(worker, handedOver);
                awaitReleased(worker, handedOver);
                worker.checkpoint();
            } else {
                awaitReleased(worker, handedOver);
                for (int i = 0; i < objects; i++) {
                    rt.decref(inbox.pop());
                }
                awaitReleased(worker, handedOver);
            }
        });
        assertEquals(0, inbox.size());
        rt.decref(inbox);
        self.checkpoint();
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void creatorAppendingWhileAnotherThreadPopsAndReleasesFreesEverything() throws Exception {
        assumeThreadSafe();
        // The overlapping form of the hand-over above: the creator keeps making and appending
        // while the other thread pops and releases, so frees by a non-creator race the
        // creator's own allocations and list changes.
        final RcList inbox = rt.newList();
        final RcObject[][] round = new RcObject[1][];
        final AtomicBoolean appended = new AtomicBoolean();
        race(2, HANDOVERS_PER_ROUND, (worker, length) -> {
            round[0] = new RcObject[length];
            appended.set(false);
        }, (worker, index, ticker, length) -> {
            if (index == 0) {
                for (int i = 0; i < length; i++) {
                    final RcStr s = rt.newStr("m" + i);
                    round[0][i] = s;
                    inbox.append(s);
                    rt.decref(s);
                    ticker.tick();
                    if (i % CHECKPOINT_EVERY == 0) {
                        worker.checkpoint();
                    }
                }
                appended.set(true);
            } else {
                int popped = 0;
                while (popped < length) {
                    if (inbox.size() > 0) {
                        rt.decref(inbox.pop());
                        popped++;
                    } else if (appended.get() && inbox.size() == 0) {
                        throw new AssertionError("the creator appended " + length + " items but only " + popped
                                + " could be popped: appends were lost");
                    } else {
                        // Released: under a global lock the creator needs it to append.
                        worker.callReleased(() -> {
                            Thread.yield();
                            return null;
                        });
                    }
                    ticker.tick();
                }
            }
            worker.checkpoint();
        }, (worker, r, length) -> {
            worker.checkpoint();
            assertEquals(0, inbox.size(), "round " + r + ": the list should be empty");
            for (final RcObject o : round[0]) {
                assertTrue(settledFreed(o), "round " + r + ": " + o.describe() + " was popped and released but not freed");
            }
            assertEquals(0, settled(rt).heap().misuseCount(), "round " + r + ": a release was reported as misuse");
        });
        rt.decref(inbox);
        self.checkpoint();
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void readersRacingAReplacingWriterNeverSeeAFreedItem() throws Exception {
        assumeThreadSafe();
        final RcList list = rt.newList();
        final RcStr first = rt.newStr("v0");
        list.append(first);
        rt.decref(first);
        race(2, READS_PER_ROUND, NO_SETUP, (worker, index, ticker, length) -> {
            for (int i = 1; i <= length; i++) {
                if (index == 0) {
                    final RcStr next = rt.newStr("v" + i);
                    list.set(0, next);
                    rt.decref(next);
                } else {
                    final RcObject seen = list.get(0);
                    if (seen.isFreed()) {
                        throw new AssertionError("read a freed item: " + seen.describe());
                    }
                    rt.decref(seen);
                }
                ticker.tick();
                if (i % CHECKPOINT_EVERY == 0) {
                    worker.checkpoint();
                }
            }
            worker.checkpoint();
        }, (worker, round, length) -> assertEquals(0, settled(rt).heap().misuseCount(), "round " + round + ": misuse was detected"));
        rt.decref(list);
        self.checkpoint();
        settled(rt).heap().assertNoLeaks();
        assertEquals(0, settled(rt).heap().misuseCount());
    }

    @Test
    void twoObjectSectionsInOppositeOrdersTerminateAndExclude() throws Exception {
        assumeThreadSafe();
        final RcList a = rt.newList();
        final RcList b = rt.newList();
        raceWithin("two threads entering two-object sections over the same pair in opposite orders deadlocked:"
                + " a two-object section must take its objects in one global order", SECTIONS_PER_ROUND,
                (worker, index, ticker, length) -> {
                    for (int i = 0; i < length; i++) {
                        try (CriticalSection pair = index == 0 ? rt.enter(a, b) : rt.enter(b, a)) {
                            changeBothInOneSection(a, b);
                        }
                        ticker.tick();
                        if (i % CHECKPOINT_EVERY == 0) {
                            worker.checkpoint();
                        }
                    }
                });
        rt.decref(a);
        rt.decref(b);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void nestedSingleObjectSectionsFromTwoThreadsExclude() throws Exception {
        assumeThreadSafe();
        final RcList a = rt.newList();
        final RcList b = rt.newList();
        raceWithin("two threads nesting single-object sections over the same two objects, in the same order,"
                + " deadlocked or a re-entered section waited for itself", SECTIONS_PER_ROUND,
                (worker, index, ticker, length) -> {
                    for (int i = 0; i < length; i++) {
                        try (CriticalSection outer = rt.enter(a)) {
                            try (CriticalSection inner = rt.enter(b)) {
                                try (CriticalSection again = rt.enter(a)) {
                                    changeBothInOneSection(a, b);
                                }
                            }
                        }
                        ticker.tick();
                        if (i % CHECKPOINT_EVERY == 0) {
                            worker.checkpoint();
                        }
                    }
                });
        rt.decref(a);
        rt.decref(b);
        settled(rt).heap().assertNoLeaks();
    }

    /**
     * Inside a section over both lists: they hold the same number of items whenever no section
     * is open, so unequal sizes here mean another thread is inside a section over them too.
     */
    private void changeBothInOneSection(final RcList a, final RcList b) {
        final int before = a.size();
        if (b.size() != before) {
            throw new AssertionError("two threads were inside sections over the same objects at once: sizes "
                    + before + " and " + b.size());
        }
        a.append(rt.none());
        b.append(rt.none());
        rt.decref(a.pop());
        rt.decref(b.pop());
    }

    // ------------------------------------------------------------------ helpers

    private void assumeThreadSafe() {
        assumeTrue(scheme().threadSafe(), schemeName() + " does not claim thread safety; the stress suite shows how it fails");
    }

    /** Work one attached worker thread does; {@code index} numbers the workers from 0. */
    @FunctionalInterface
    protected interface WorkerBody {
        /**
         * Runs on an attached worker thread.
         *
         * @param worker the worker's attachment
         * @param index which worker
         * @throws Exception to fail the test
         */
        void run(RuntimeThread worker, int index) throws Exception;
    }

    /**
     * Runs attached worker threads to completion while the test thread waits released (so a
     * scheme with a global lock lets them run). A worker's failure becomes the cause of the
     * test's failure (the others' are attached as suppressed); workers still running after a
     * liveness guard fail the test with their stacks.
     *
     * @param count how many workers
     * @param body what each does
     * @throws Exception never directly: failures are reported as an {@link AssertionError}
     */
    protected final void runWorkers(final int count, final WorkerBody body) throws Exception {
        runWorkers(count, LIVENESS_GUARD, "a deadlock, a lost wake-up, or a thread waiting for itself", body);
    }

    /**
     * Runs one attached worker that must finish within {@link #SECTION_BOUND}; if it does not,
     * the test fails with {@code stuckMeans} and the worker's stack.
     */
    private void withinBound(final String stuckMeans, final WorkerBody body) throws Exception {
        runWorkers(1, SECTION_BOUND, stuckMeans, body);
    }

    private void runWorkers(final int count, final Duration bound, final String stuckMeans, final WorkerBody body)
            throws Exception {
        final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final int index = i;
            final Thread t = new Thread(() -> {
                try (RuntimeThread worker = rt.attach()) {
                    body.run(worker, index);
                } catch (final Throwable e) {
                    failures.add(e);
                }
            }, schemeName() + "-worker-" + i);
            // A worker stuck for good must not keep the JVM alive after the run.
            t.setDaemon(true);
            threads.add(t);
        }
        final long deadline = System.nanoTime() + bound.toNanos();
        // The stacks are taken while still released: reacquiring may itself wait for a stuck worker.
        final String stuck = self.callReleased(() -> {
            for (final Thread t : threads) {
                t.start();
            }
            for (final Thread t : threads) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            if (threads.stream().noneMatch(Thread::isAlive)) {
                return null;
            }
            abandoned = true;
            final String stacks = ThreadStacks.of(threads);
            threads.forEach(Thread::interrupt);
            return stacks;
        });
        if (stuck != null) {
            // A liveness guard, not a speed check: the bound is far above any honest run.
            final AssertionError e = new AssertionError("workers did not finish within " + bound + ": " + stuckMeans
                    + ". The stuck threads:\n" + stuck);
            failures.forEach(e::addSuppressed);
            throw e;
        }
        if (!failures.isEmpty()) {
            throw workerFailure(failures);
        }
    }

    /**
     * The failure to report for failed workers: the first that is not merely a worker woken from
     * a barrier another worker broke by failing.
     */
    private static AssertionError workerFailure(final Queue<Throwable> failures) {
        final Throwable cause = failures.stream().filter(t -> !(t instanceof BrokenBarrierException)).findFirst()
                .orElse(failures.peek());
        final AssertionError e = new AssertionError("a worker failed: " + cause, cause);
        failures.stream().filter(t -> t != cause).forEach(e::addSuppressed);
        return e;
    }

    /** What worker 0 does before each round of a race, with the round's length. */
    @FunctionalInterface
    private interface RoundSetup {
        void prepare(RuntimeThread worker, int length) throws Exception;
    }

    /** One racing thread's part of a round; it calls {@code ticker.tick()} between operations. */
    @FunctionalInterface
    private interface RacePart {
        void run(RuntimeThread worker, int index, Race.Ticker ticker, int length) throws Exception;
    }

    /** What worker 0 checks after each round, while the other workers wait released. */
    @FunctionalInterface
    private interface RoundCheck {
        void check(RuntimeThread worker, int round, int length) throws Exception;
    }

    private static final RoundSetup NO_SETUP = (worker, length) -> { };

    /**
     * Runs a race in rounds until it has had a fair chance ({@link Race}): before each round
     * worker 0 runs {@code setup}; the workers start the round together and run their parts;
     * when all have ended, worker 0 runs {@code check}. A race whose threads never overlapped
     * aborts the test instead of passing it.
     */
    private void race(final int threads, final int baseLength, final RoundSetup setup, final RacePart part,
            final RoundCheck check) throws Exception {
        race(threads, baseLength, setup, part, check, LIVENESS_GUARD,
                "a deadlock, a lost wake-up, or a thread waiting for itself");
    }

    /** A race with no setup or check whose hang means what {@code stuckMeans} says. */
    private void raceWithin(final String stuckMeans, final int baseLength, final RacePart part) throws Exception {
        race(2, baseLength, NO_SETUP, part, (worker, round, length) -> { }, SECTION_RACE_BOUND, stuckMeans);
    }

    private void race(final int threads, final int baseLength, final RoundSetup setup, final RacePart part,
            final RoundCheck check, final Duration bound, final String stuckMeans) throws Exception {
        final Race race = new Race(threads);
        final Race.Ticker[] tickers = new Race.Ticker[threads];
        for (int i = 0; i < threads; i++) {
            tickers[i] = race.ticker(i);
        }
        // Written by worker 0 before it meets the others, read by them after: meeting orders
        // the writes before the reads.
        final AtomicBoolean more = new AtomicBoolean(true);
        final int[] length = {race.length(baseLength)};
        runWorkers(threads, bound, stuckMeans, (worker, index) -> {
            try {
                for (int round = 0; ; round++) {
                    if (index == 0 && more.get()) {
                        setup.prepare(worker, length[0]);
                    }
                    worker.callReleased(() -> {
                        race.meet();
                        return null;
                    });
                    if (!more.get()) {
                        return;
                    }
                    tickers[index].begin();
                    part.run(worker, index, tickers[index], length[0]);
                    worker.callReleased(() -> {
                        race.meet();
                        return null;
                    });
                    if (index == 0) {
                        check.check(worker, round, length[0]);
                        more.set(race.another(tickers));
                        length[0] = race.length(baseLength);
                    }
                }
            } catch (final Throwable t) {
                race.abort();
                throw t;
            }
        });
        assumeTrue(race.tried(), "the racing threads never ran at the same time (" + race
                + "): the race was not tried; run the kit on a machine with two free CPUs");
    }

    /** Waits at a barrier with the runtime released, so a global lock does not block the other party. */
    private static void awaitReleased(final RuntimeThread worker, final CyclicBarrier barrier) throws Exception {
        worker.callReleased(barrier::await);
    }

    // ================================================================== issue 10: runtime rules every scheme keeps
    // (one block, kept together: objects of another runtime through incref/decref, checkpoints on
    // a handle that is not the caller's, and a thread attached to two runtimes at once)

    @Test
    void increfAndDecrefOfAnotherRuntimesObjectAreRefusedAsForeign() throws Exception {
        try (RcRuntime other = RcRuntime.builder(scheme()).tracking(Tracking.OBJECTS).build()) {
            final RcStr foreign = onThreadAttachedTo(other, () -> other.newStr("elsewhere"));
            final RefcountMisuseException up = assertThrows(RefcountMisuseException.class, () -> rt.incref(foreign));
            assertEquals(MisuseKind.FOREIGN_OBJECT, up.kind());
            final RefcountMisuseException down = assertThrows(RefcountMisuseException.class, () -> rt.decref(foreign));
            assertEquals(MisuseKind.FOREIGN_OBJECT, down.kind());
            assertTrue(down.getMessage().contains(foreign.describe()), down.getMessage());
            // Neither runtime's accounting moved: the other still holds exactly its one reference.
            assertFalse(settledFreed(foreign));
            assertEquals(0, settled(rt).heap().freed());
            assertEquals(1, settled(other).heap().live());
            onThreadAttachedTo(other, () -> {
                assertEquals(1, settled(other).refcount(foreign));
                other.decref(foreign);
                return null;
            });
            settled(other).heap().assertNoLeaks();
        }
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void checkpointOnAnotherThreadsHandleIsRefused() throws Exception {
        final AtomicReference<Throwable> refusal = new AtomicReference<>();
        self.callReleased(() -> {
            // The intruder is itself attached (under a GIL it holds the lock), and still may not
            // pass a checkpoint for the test thread.
            final Thread intruder = new Thread(() -> {
                try (RuntimeThread own = rt.attach()) {
                    self.checkpoint();
                } catch (final Throwable t) {
                    refusal.set(t);
                }
            }, schemeName() + "-intruder");
            intruder.start();
            intruder.join();
            return null;
        });
        assertTrue(refusal.get() instanceof IllegalStateException, "refused with: " + refusal.get());
        assertTrue(refusal.get().getMessage().contains("used only by its own thread"), refusal.get().getMessage());
        self.checkpoint();
    }

    @Test
    void handleOperationsFromAnotherThreadAreRefusedAndChangeNothing() throws Exception {
        final RcInt kept = self.newInt(100_000);
        final List<Throwable> refusals = new ArrayList<>();
        self.callReleased(() -> {
            // The intruder is itself attached (under a GIL it holds the lock), and still may not
            // make or release objects through the test thread's handle.
            final Thread intruder = new Thread(() -> {
                try (RuntimeThread own = rt.attach()) {
                    refusals.add(assertThrows(IllegalStateException.class, () -> self.newInt(100_001)));
                    refusals.add(assertThrows(IllegalStateException.class, () -> self.decref(kept)));
                } catch (final Throwable t) {
                    refusals.add(t);
                }
            }, schemeName() + "-intruder");
            intruder.start();
            intruder.join();
            return null;
        });
        assertEquals(2, refusals.size(), "refusals: " + refusals);
        for (final Throwable t : refusals) {
            assertTrue(t instanceof IllegalStateException, "refused with: " + t);
            assertTrue(t.getMessage().contains("used only by its own thread"), t.getMessage());
        }
        assertEquals(1, settled(rt).heap().allocated(RcType.INT));
        assertEquals(1, settled(rt).refcount(kept));
        self.decref(kept);
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void handleOperationsWhileReleasedOrAfterDetachAreRefused() throws Exception {
        final RcInt kept = self.newInt(100_000);
        final IllegalStateException released = self.callReleased(
                () -> assertThrows(IllegalStateException.class, () -> self.newInt(100_001)));
        assertTrue(released.getMessage().contains("has released"), released.getMessage());
        final IllegalStateException releasedDecref = self.callReleased(
                () -> assertThrows(IllegalStateException.class, () -> self.decref(kept)));
        assertTrue(releasedDecref.getMessage().contains("has released"), releasedDecref.getMessage());
        assertEquals(1, settled(rt).refcount(kept));
        self.decref(kept);
        self.detach();
        final IllegalStateException detached = assertThrows(IllegalStateException.class, () -> self.newInt(100_002));
        assertTrue(detached.getMessage().contains("already detached"), detached.getMessage());
        assertEquals(1, settled(rt).heap().allocated(RcType.INT));
        settled(rt).heap().assertNoLeaks();
    }

    @Test
    void checkpointAfterDetachIsRefused() {
        self.detach();
        final IllegalStateException e = assertThrows(IllegalStateException.class, self::checkpoint);
        assertTrue(e.getMessage().contains("already detached"), e.getMessage());
    }

    @Test
    void attachingToASecondRuntimeWhileAttachedIsRefused() {
        try (RcRuntime other = RcRuntime.builder(scheme()).build()) {
            final IllegalStateException e = assertThrows(IllegalStateException.class, other::attach);
            assertTrue(e.getMessage().contains("attached to " + rt), e.getMessage());
            assertEquals(0, other.attachedCount());
            assertSame(self, rt.current());
            self.detach();
            other.attach().detach();
        }
    }

    /**
     * Two threads, each attached to one of two runtimes, each attaching to the other's runtime
     * while still attached to its own: with a lock per runtime (two GILs) that is the classic
     * deadlock. Both attempts must be refused, whichever comes first, and both threads finish.
     */
    @Test
    void crossAttachingTwoRuntimesFromTwoThreadsIsRefusedWithoutDeadlock() throws Exception {
        try (RcRuntime a = RcRuntime.builder(scheme()).build();
             RcRuntime b = RcRuntime.builder(scheme()).build()) {
            final CountDownLatch bothHold = new CountDownLatch(2);
            final CountDownLatch bothTried = new CountDownLatch(2);
            final List<AtomicReference<Throwable>> refusals = List.of(new AtomicReference<>(), new AtomicReference<>());
            final List<Thread> crossers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                final RcRuntime own = i == 0 ? a : b;
                final RcRuntime across = i == 0 ? b : a;
                final AtomicReference<Throwable> refusal = refusals.get(i);
                crossers.add(new Thread(() -> {
                    try (RuntimeThread attached = own.attach()) {
                        // Both hold their own runtime (a GIL each) when either crosses: they wait
                        // for each other holding it (nobody else needs it meanwhile).
                        bothHold.countDown();
                        bothHold.await();
                        try {
                            across.attach().detach();
                        } catch (final Throwable t) {
                            refusal.set(t);
                        }
                        bothTried.countDown();
                        attached.callReleased(() -> {
                            bothTried.await();
                            return null;
                        });
                    } catch (final Throwable t) {
                        refusal.compareAndSet(null, t);
                    }
                }, schemeName() + "-cross-attacher-" + i));
            }
            final long deadline = System.nanoTime() + LIVENESS_GUARD.toNanos();
            self.callReleased(() -> {
                crossers.forEach(Thread::start);
                for (final Thread t : crossers) {
                    t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
                return null;
            });
            for (final Thread t : crossers) {
                // A liveness guard: far above any honest run; a deadlock never ends.
                assertFalse(t.isAlive(), t.getName() + " is stuck: the cross attach deadlocked");
            }
            for (int i = 0; i < 2; i++) {
                final Throwable refusal = refusals.get(i).get();
                assertTrue(refusal instanceof IllegalStateException, "refused with: " + refusal);
                assertTrue(refusal.getMessage().contains("attached to " + (i == 0 ? a : b)), refusal.getMessage());
            }
        }
    }

    /**
     * Runs work on a new thread attached to a runtime (a thread is attached to one runtime at a
     * time, and the test thread is attached to {@link #rt}), and returns its result.
     */
    private <T> T onThreadAttachedTo(final RcRuntime runtime, final Callable<T> work) throws Exception {
        final AtomicReference<T> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread worker = new Thread(() -> {
            try (RuntimeThread attached = runtime.attach()) {
                result.set(work.call());
            } catch (final Throwable t) {
                failure.set(t);
            }
        }, schemeName() + "-in-" + runtime);
        worker.start();
        worker.join(LIVENESS_GUARD.toMillis());
        assertFalse(worker.isAlive(), worker.getName() + " is stuck");
        if (failure.get() != null) {
            throw new AssertionError(worker.getName() + " failed: " + failure.get(), failure.get());
        }
        return result.get();
    }
}
