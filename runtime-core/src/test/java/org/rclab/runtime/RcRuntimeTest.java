package org.rclab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.rclab.heap.MisuseKind;
import org.rclab.heap.RefcountMisuseException;
import org.rclab.object.RcList;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.Schemes;
import org.rclab.scheme.ThreadGate;
import org.rclab.scheme.UnknownSchemeException;

class RcRuntimeTest {
    @Test
    void unknownSchemeNameFailsListingTheKnownOnes() {
        final UnknownSchemeException e = assertThrows(UnknownSchemeException.class, () -> RcRuntime.create("nope"));
        assertTrue(e.getMessage().startsWith("unknown scheme 'nope'; known schemes: "), e.getMessage());
        assertTrue(e.getMessage().contains("unsafe"), e.getMessage());
    }

    @Test
    void optionsReachTheScheme() {
        final Scheme unsafe = Schemes.byName("unsafe");
        final AtomicReference<Optional<String>> seen = new AtomicReference<>();
        final Scheme probe = new Scheme() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public String description() {
                return "reads one option";
            }

            @Override
            public boolean threadSafe() {
                return false;
            }

            @Override
            public Map<String, String> options() {
                return Map.of("answer", "what the probe reads");
            }

            @Override
            public SchemeInstance open(final SchemeContext context) {
                seen.set(context.option("answer"));
                return unsafe.open(context);
            }
        };
        RcRuntime.builder(probe).option("answer", "42").option("other-scheme-option", "x").build().close();
        assertEquals(Optional.of("42"), seen.get());
    }

    @Test
    void closingWithAThreadStillAttachedFails() {
        final RcRuntime rt = RcRuntime.create("unsafe");
        final RuntimeThread self = rt.attach();
        final IllegalStateException e = assertThrows(IllegalStateException.class, rt::close);
        assertTrue(e.getMessage().contains("still attached"), e.getMessage());
        self.detach();
        rt.close();
        assertThrows(IllegalStateException.class, rt::attach);
    }

    @Test
    void aSecondFreeOfOneObjectIsCaughtAsADoubleFree() {
        assertSecondFreeCaught(false, true);
    }

    /**
     * The race suite runs {@code unsafe} with and without strict checks, and must see its double
     * frees either way: a scheme that makes no thread-safety promise always frees by
     * compare-and-set.
     */
    @Test
    void aSchemeThatIsNotThreadSafeHasItsSecondFreeCaughtWithoutStrictChecks() {
        assertSecondFreeCaught(false, false);
    }

    @Test
    void aThreadSafeSchemeHasItsSecondFreeCaughtUnderStrictChecks() {
        assertSecondFreeCaught(true, true);
    }

    /**
     * A thread-safe scheme without strict checks has promised a single freer, and its frees are a
     * plain release store (no locked instruction on the countdown's path): a scheme that breaks
     * the promise is not caught there. This is the trade the fast path makes, shown so that the
     * path is known to run.
     */
    @Test
    void aThreadSafeSchemeWithoutStrictChecksIsTrustedWithItsFrees() {
        final AtomicReference<SchemeContext> context = new AtomicReference<>();
        try (RcRuntime rt = RcRuntime.builder(contextExposing(true, context)).strictChecks(false).build()) {
            final RcObject s = rt.newStr("freed by the scheme");
            rt.decref(s);
            context.get().free(s);
            assertEquals(2, rt.heap().freed(), "the second free was accounted, not refused");
            assertTrue(s.isFreed());
        }
    }

    private static void assertSecondFreeCaught(final boolean threadSafe, final boolean strictChecks) {
        final AtomicReference<SchemeContext> context = new AtomicReference<>();
        try (RcRuntime rt = RcRuntime.builder(contextExposing(threadSafe, context)).strictChecks(strictChecks).build()) {
            final RcObject s = rt.newStr("freed by the scheme");
            rt.decref(s);
            final RefcountMisuseException e = assertThrows(
                    RefcountMisuseException.class, () -> context.get().free(s));
            assertEquals(MisuseKind.DOUBLE_FREE, e.kind());
            assertEquals(1, rt.heap().freed());
        }
    }

    /** {@code unsafe}'s counting under a name of its own, claiming thread safety or not, its context kept. */
    private static Scheme contextExposing(final boolean threadSafe, final AtomicReference<SchemeContext> context) {
        final Scheme unsafe = Schemes.byName("unsafe");
        return new Scheme() {
            @Override
            public String name() {
                return "context-exposing";
            }

            @Override
            public String description() {
                return "unsafe, with its context kept for the test";
            }

            @Override
            public boolean threadSafe() {
                return threadSafe;
            }

            @Override
            public SchemeInstance open(final SchemeContext ctx) {
                context.set(ctx);
                return unsafe.open(ctx);
            }
        };
    }

    /**
     * A release that throws something other than a misuse in the middle of freeing a structure
     * (here a scheme's own failure on one item) must not abandon the rest: every other item is
     * still released and freed, then the failure is rethrown.
     */
    @Test
    void freeingFinishesTheStructureWhenOneReleaseThrowsThenRethrows() {
        final Scheme unsafe = Schemes.byName("unsafe");
        final AtomicReference<RcObject> failing = new AtomicReference<>();
        final Scheme failingOnOne = new Scheme() {
            @Override
            public String name() {
                return "failing-on-one";
            }

            @Override
            public String description() {
                return "unsafe, whose decref of one chosen object throws";
            }

            @Override
            public boolean threadSafe() {
                return false;
            }

            @Override
            public SchemeInstance open(final SchemeContext context) {
                final SchemeInstance inner = unsafe.open(context);
                final RefCounter counts = inner.refCounter();
                final RefCounter failingCounts = new RefCounter() {
                    @Override
                    public void init(final RcObject o) {
                        counts.init(o);
                    }

                    @Override
                    public void incref(final RcObject o) {
                        counts.incref(o);
                    }

                    @Override
                    public boolean decref(final RcObject o) {
                        if (o == failing.get()) {
                            throw new IllegalStateException("injected failure releasing " + o.describe());
                        }
                        return counts.decref(o);
                    }

                    @Override
                    public long count(final RcObject o) {
                        return counts.count(o);
                    }
                };
                return new SchemeInstance() {
                    @Override
                    public RefCounter refCounter() {
                        return failingCounts;
                    }

                    @Override
                    public ThreadGate threadGate() {
                        return inner.threadGate();
                    }

                    @Override
                    public CriticalSections criticalSections() {
                        return inner.criticalSections();
                    }
                };
            }
        };
        try (RcRuntime rt = RcRuntime.builder(failingOnOne).build()) {
            final RcList outer = rt.newList();
            final RcList before = rt.newList();
            final RcList after = rt.newList();
            final RcStr bad = rt.newStr("its release throws");
            for (final RcList list : new RcList[] {before, after}) {
                final RcObject item = rt.newInt(1_000 + list.size());
                list.append(item);
                rt.decref(item);
            }
            outer.append(before);
            outer.append(bad);
            outer.append(after);
            rt.decref(before);
            rt.decref(after);
            rt.decref(bad);
            failing.set(bad);
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.decref(outer));
            assertTrue(e.getMessage().startsWith("injected failure"), e.getMessage());
            assertTrue(outer.isFreed() && before.isFreed() && after.isFreed(),
                    "the lists before and after the failing item were freed too");
            assertEquals(1, rt.heap().live(), "only the item whose release failed is left: " + rt.heap().leakReport());
        }
    }
}
