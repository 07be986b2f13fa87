package org.rclab.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.rclab.interp.compile.Parser;
import org.rclab.interp.eval.Interpreter;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;

/** The interpreter's reference traffic is CPython's: what it allocates, and that it frees all of it. */
class ReferenceTrafficTest {
    private static final String COUNTDOWN = String.join("\n",
            "def countdown(n):",
            "    while n>0:",
            "        n -= 1",
            "countdown(1000)",
            "");

    @Test
    void countdownAllocatesOneIntPerStepAboveTheSmallIntCacheAndFreesEachAtItsStore() {
        try (RcRuntime rt = RcRuntime.create("unsafe");
             RuntimeThread self = rt.attach()) {
            final ByteArrayOutputStream sink = new ByteArrayOutputStream();
            final PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
            final Interpreter interp = new Interpreter(rt, new Interpreter.Program("countdown.py", COUNTDOWN,
                    Parser.parseModule(COUNTDOWN)), "__main__", out, out, () -> rt, new AtomicLong());
            final long intsBefore = rt.heap().allocated(RcType.INT);
            interp.run(self);
            // n - 1 for n = 1000 .. 258 makes 999 .. 257: 743 new ints; 256 .. 0 come from the cache.
            assertEquals(743, rt.heap().allocated(RcType.INT) - intsBefore);
            // Every one but none is freed when the next value is stored over it (the constant 1000
            // is still held by the code).
            assertEquals(1, rt.heap().live(RcType.INT));
            interp.shutdown(self);
            rt.heap().assertNoLeaks();
        }
    }
}
