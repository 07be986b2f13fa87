package org.rclab.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.rclab.interp.compile.Parser;
import org.rclab.interp.eval.Interpreter;
import org.rclab.interp.eval.PyException;
import org.rclab.object.RcInt;
import org.rclab.object.RcObject;
import org.rclab.object.RcType;
import org.rclab.runtime.RcRuntime;
import org.rclab.runtime.RuntimeThread;
import org.rclab.scheme.CriticalSections;
import org.rclab.scheme.RefCounter;
import org.rclab.scheme.Scheme;
import org.rclab.scheme.SchemeContext;
import org.rclab.scheme.SchemeInstance;
import org.rclab.scheme.Schemes;
import org.rclab.scheme.ThreadGate;

/**
 * The interpreter's reference traffic is CPython's: what it allocates, and that it frees all of it;
 * and its eval breaker is CPython's: a checkpoint at every loop back-edge.
 */
class ReferenceTrafficTest {
    private static final String COUNTDOWN = String.join("\n",
            "def countdown(n):",
            "    while n>0:",
            "        n -= 1",
            "countdown(1000)",
            "");
    /** The same function, not called: a test calls it itself. */
    private static final String COUNTDOWN_FUNCTION = String.join("\n",
            "def countdown(n):",
            "    while n>0:",
            "        n -= 1",
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

    /**
     * CPython 3.11's count changes for one step of {@code while n>0: n -= 1} on a mortal n:
     * {@code LOAD_FAST n} increfs it, the subtraction makes {@code n - 1} and releases its operands
     * (n back to one), {@code STORE_FAST n} releases the old n (freed), the test's
     * {@code LOAD_FAST n} increfs the new one and the comparison releases it. Per step: one
     * allocation, two increfs, three decrefs, one free. The constants are immortal small ints,
     * which the scheme never sees. However the instructions are fused, this must not change.
     * Two countdowns' difference leaves the steps alone: the call's own traffic and the last 256
     * steps (cached small ints) are the same in both.
     */
    @Test
    void eachCountdownStepChangesCountsAsCPythonsInstructionsDo() {
        final CountingScheme scheme = new CountingScheme();
        try (RcRuntime rt = RcRuntime.builder(scheme).build();
             RuntimeThread self = rt.attach()) {
            final Interpreter interp = load(rt, self, "countdown.py", COUNTDOWN_FUNCTION);
            final RcObject countdown = interp.lookupFunction("countdown");
            final Counts shorter = countdown(rt, self, interp, countdown, scheme, 3000);
            final Counts longer = countdown(rt, self, interp, countdown, scheme, 5000);
            rt.decref(countdown);
            final long steps = 2000;
            assertEquals(steps, longer.allocations - shorter.allocations, "one new int per step");
            assertEquals(2 * steps, longer.increfs - shorter.increfs, "two increfs per step");
            assertEquals(3 * steps, longer.decrefs - shorter.decrefs, "three decrefs per step");
            assertEquals(steps, longer.frees - shorter.frees, "the old n freed at each store");
            interp.shutdown(self);
            rt.heap().assertNoLeaks();
        }
    }

    /**
     * CPython checks its eval breaker at every loop back-edge ({@code JUMP_BACKWARD}), so a GIL
     * drop request is served within one loop step: each step passes exactly one checkpoint, through
     * whichever instruction closes the loop: the fused bottom test ({@code countdown}), a
     * {@code for} loop's {@code JUMP_BACK} ({@code spin}, and {@code skip}'s {@code continue}), the
     * int-specialised test alone ({@code rebind}), the same test after its guard failed on a float
     * ({@code floats}: the generic form's back-edge), the local-and-constant test of a non-small
     * constant ({@code past_half}), the generic two-operand test ({@code to_stop}) and the
     * truth test ({@code truthy}). Two calls' difference leaves the call's own checkpoint (at
     * function entry) out.
     */
    @Test
    void everyLoopStepPassesOneCheckpoint() {
        final String program = String.join("\n",
                "def countdown(n):",
                "    while n>0:",
                "        n -= 1",
                "def spin(n):",
                "    for i in range(n):",
                "        pass",
                "def skip(n):",
                "    for i in range(n):",
                "        if i >= 0:",
                "            continue",
                "        n = 0",
                "def rebind(n):",
                "    while n > 0:",
                "        n = n - 1",
                "def floats(n):",
                "    n = n + 0.5",
                "    while n > 1:",
                "        n -= 1",
                "def past_half(n):",
                "    while n > 0.5:",
                "        n -= 1",
                "def to_stop(n, stop=0):",
                "    while n > stop:",
                "        n -= 1",
                "def truthy(n):",
                "    while n:",
                "        n -= 1",
                "");
        final CountingScheme scheme = new CountingScheme();
        try (RcRuntime rt = RcRuntime.builder(scheme).build();
             RuntimeThread self = rt.attach()) {
            final Interpreter interp = load(rt, self, "loops.py", program);
            for (final String name : new String[] {"countdown", "spin", "skip", "rebind", "floats", "past_half",
                "to_stop", "truthy"}) {
                final RcObject function = interp.lookupFunction(name);
                final long shorter = countdown(rt, self, interp, function, scheme, 3000).checkpoints;
                final long longer = countdown(rt, self, interp, function, scheme, 5000).checkpoints;
                rt.decref(function);
                assertEquals(2000, longer - shorter, name + ": one checkpoint per loop step");
            }
            interp.shutdown(self);
            rt.heap().assertNoLeaks();
        }
    }

    /**
     * A call inside a loop leaves the caller's dispatch loop and comes back to it (so that the
     * callee's entry checkpoint is not compiled into the loop): the caller goes on where it left,
     * with its stack, while the callee's own loop has left and resumed in between. Per step of
     * {@code outer}: its back-edge, {@code inner}'s entry and {@code inner}'s three back-edges.
     */
    @Test
    void aCallInsideALoopPassesItsEntryCheckpointAndTheCallerResumesAfterIt() {
        final String program = String.join("\n",
                "def inner(k):",
                "    while k > 0:",
                "        k -= 1",
                "    return 1",
                "def outer(n):",
                "    total = 0",
                "    while n > 0:",
                "        total += inner(3)",
                "        n -= 1",
                "    return total",
                "");
        final CountingScheme scheme = new CountingScheme();
        try (RcRuntime rt = RcRuntime.builder(scheme).build();
             RuntimeThread self = rt.attach()) {
            final Interpreter interp = load(rt, self, "calls.py", program);
            final RcObject outer = interp.lookupFunction("outer");
            final RcInt n = rt.newInt(3000);
            final RcObject total = interp.call(self, outer, n);
            assertEquals(3000, ((RcInt) total).value(), "each of outer's steps added inner's 1");
            rt.decref(total);
            rt.decref(n);
            final long shorter = countdown(rt, self, interp, outer, scheme, 3000).checkpoints;
            final long longer = countdown(rt, self, interp, outer, scheme, 5000).checkpoints;
            rt.decref(outer);
            assertEquals(2000 * 5, longer - shorter, "per step: a back-edge, a call's entry, three back-edges");
            interp.shutdown(self);
            rt.heap().assertNoLeaks();
        }
    }

    /**
     * An allocation that fails inside {@code n -= 1} (a MemoryError out of the int-specialised
     * instruction) leaves no count behind: the frame's release on the way out frees the n it held.
     * The instruction makes its result before {@code LOAD_FAST}'s incref of n, so a failed
     * allocation comes before any count change of the step (and the incref sits next to the
     * operation's release, where the JIT folds the pair). Made after the incref, it left that
     * reference behind: n's int stayed live. The third step's int fails: its n (998) is an int the
     * loop made, held by the frame alone.
     */
    @Test
    void anAllocationThatFailsInsideAStepLeavesNoCountBehind() {
        final CountingScheme scheme = new CountingScheme();
        try (RcRuntime rt = RcRuntime.builder(scheme).build();
             RuntimeThread self = rt.attach()) {
            final Interpreter interp = load(rt, self, "countdown.py", COUNTDOWN_FUNCTION);
            final RcObject countdown = interp.lookupFunction("countdown");
            final RcInt n = rt.newInt(1000);
            scheme.counts.reset();
            scheme.failingAllocation = 3;
            final PyException e = assertThrows(PyException.class, () -> interp.call(self, countdown, n));
            scheme.failingAllocation = 0;
            assertEquals("MemoryError", e.type());
            assertEquals(2, scheme.counts.frees, "999 at its store, 998 by the unwind");
            rt.decref(n);
            rt.decref(countdown);
            interp.shutdown(self);
            rt.heap().assertNoLeaks();
        }
    }

    /** Loads a program into the runtime and runs its module (its output discarded). */
    private static Interpreter load(final RcRuntime rt, final RuntimeThread self, final String file,
                                    final String program) {
        final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        final Interpreter interp = new Interpreter(rt, new Interpreter.Program(file, program,
                Parser.parseModule(program)), "__main__", out, out, () -> rt, new AtomicLong());
        interp.run(self);
        return interp;
    }

    private static Counts countdown(final RcRuntime rt, final RuntimeThread self, final Interpreter interp,
                                    final RcObject countdown, final CountingScheme scheme, final long start) {
        final RcInt n = rt.newInt(start);
        scheme.counts.reset();
        rt.decref(interp.call(self, countdown, n));
        final Counts counted = scheme.counts.copy();
        rt.decref(n);
        return counted;
    }

    /** Count changes the scheme was asked for (mortal objects only: the runtime handles immortals). */
    private static final class Counts {
        long allocations;
        long increfs;
        long decrefs;
        long frees;
        long checkpoints;

        Counts copy() {
            final Counts c = new Counts();
            c.allocations = allocations;
            c.increfs = increfs;
            c.decrefs = decrefs;
            c.frees = frees;
            c.checkpoints = checkpoints;
            return c;
        }

        void reset() {
            allocations = 0;
            increfs = 0;
            decrefs = 0;
            frees = 0;
            checkpoints = 0;
        }
    }

    /** The control scheme with every count change and checkpoint counted: a single-threaded test's probe. */
    private static final class CountingScheme implements Scheme {
        final Counts counts = new Counts();
        /** The allocation (counted since the last reset, from 1) that fails as out of memory; 0 for none. */
        long failingAllocation;
        private final Scheme plain = Schemes.byName("unsafe");

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String description() {
            return "unsafe, with every count change and checkpoint counted";
        }

        @Override
        public boolean threadSafe() {
            return false;
        }

        @Override
        public SchemeInstance open(final SchemeContext context) {
            final SchemeInstance inner = plain.open(context);
            final RefCounter counter = inner.refCounter();
            final RefCounter counting = new RefCounter() {
                @Override
                public void init(final RcObject o) {
                    counts.allocations++;
                    if (counts.allocations == failingAllocation) {
                        throw new OutOfMemoryError("the test's failing allocation");
                    }
                    counter.init(o);
                }

                @Override
                public void incref(final RcObject o) {
                    counts.increfs++;
                    counter.incref(o);
                }

                @Override
                public boolean decref(final RcObject o) {
                    counts.decrefs++;
                    final boolean free = counter.decref(o);
                    if (free) {
                        counts.frees++;
                    }
                    return free;
                }

                @Override
                public long count(final RcObject o) {
                    return counter.count(o);
                }
            };
            final ThreadGate gate = inner.threadGate();
            final ThreadGate countingGate = new ThreadGate() {
                @Override
                public void attach(final RuntimeThread thread) {
                    gate.attach(thread);
                }

                @Override
                public void detach(final RuntimeThread thread) {
                    gate.detach(thread);
                }

                @Override
                public void checkpoint(final RuntimeThread thread) {
                    counts.checkpoints++;
                    gate.checkpoint(thread);
                }

                @Override
                public void release(final RuntimeThread thread) {
                    gate.release(thread);
                }

                @Override
                public void reacquire(final RuntimeThread thread) {
                    gate.reacquire(thread);
                }
            };
            return new SchemeInstance() {
                @Override
                public RefCounter refCounter() {
                    return counting;
                }

                @Override
                public ThreadGate threadGate() {
                    return countingGate;
                }

                @Override
                public CriticalSections criticalSections() {
                    return inner.criticalSections();
                }
            };
        }
    }
}
