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
import org.rclab.object.RcObject;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.Schemes;
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
        final Scheme unsafe = Schemes.byName("unsafe");
        final AtomicReference<SchemeContext> context = new AtomicReference<>();
        final Scheme exposing = new Scheme() {
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
                return false;
            }

            @Override
            public SchemeInstance open(final SchemeContext ctx) {
                context.set(ctx);
                return unsafe.open(ctx);
            }
        };
        try (RcRuntime rt = RcRuntime.builder(exposing).build()) {
            final RcObject s = rt.newStr("freed by the scheme");
            rt.decref(s);
            final RefcountMisuseException e = assertThrows(
                    RefcountMisuseException.class, () -> context.get().free(s));
            assertEquals(MisuseKind.DOUBLE_FREE, e.kind());
            assertEquals(1, rt.heap().freed());
        }
    }
}
