package org.rclab.interp.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rclab.object.RcObject;
import org.rclab.object.RcStr;
import org.rclab.runtime.RcRuntime;

/**
 * Which loops get the int-specialised instructions: a local with a small-int literal (immortal,
 * so the specialised forms may leave its count alone), and nothing else. The golden program
 * {@code specialised_ints.py} runs them past each of their guards. And the code array's tail,
 * which keeps their operand reads inside the array.
 */
class SpecialisationTest {

    @Test
    void countdownLoopCompilesToTheSmallIntInstructions() {
        // A while loop jumps to its test at the bottom: the back-edge runs it every time.
        // The body's last instruction runs that test too; the test stays for the first jump to it.
        assertEquals(List.of("JUMP", "INPLACE_FAST_SMALL_INT_THEN_TEST",
                "COMPARE_FAST_SMALL_INT_JUMP_BACK_IF_TRUE", "LOAD_CONST", "RETURN"),
                opcodes("def f(n):\n    while n > 0:\n        n -= 1\n"));
    }

    @Test
    void onlyALoopTestOfTheSameLocalJoinsTheBodysLastInstruction() {
        // The joined form runs the test on the int it has just stored: the test must read that local.
        assertEquals(List.of("LOAD_CONST", "STORE_FAST", "JUMP", "INPLACE_FAST_SMALL_INT", "INPLACE_FAST_SMALL_INT",
                "COMPARE_FAST_SMALL_INT_JUMP_BACK_IF_TRUE", "LOAD_CONST", "RETURN"),
                opcodes("def f(n):\n    i = 0\n    while n > 0:\n        n -= 1\n        i += 2\n"));
        // Not the last statement of the body: something else runs between it and the test.
        assertEquals(List.of("JUMP", "INPLACE_FAST_SMALL_INT", "LOAD_FAST", "POP_TOP",
                "COMPARE_FAST_SMALL_INT_JUMP_BACK_IF_TRUE", "LOAD_CONST", "RETURN"),
                opcodes("def f(n):\n    while n > 0:\n        n -= 1\n        n\n"));
    }

    @Test
    void constantsOutsideTheSmallIntCacheKeepTheGenericInstructions() {
        // 257 is the first int the cache does not hold: it is mortal, so its count must change.
        assertEquals(List.of("JUMP", "INPLACE_FAST_CONST",
                "COMPARE_FAST_CONST_JUMP_BACK_IF_TRUE", "LOAD_CONST", "RETURN"),
                opcodes("def f(n):\n    while n > 257:\n        n -= 257\n"));
        assertEquals(List.of("JUMP", "INPLACE_FAST_CONST",
                "COMPARE_FAST_CONST_JUMP_BACK_IF_TRUE", "LOAD_CONST", "RETURN"),
                opcodes("def f(n):\n    while n > 0.5:\n        n *= 1\n"));
    }

    @Test
    void everyInstructionsWidestReadStaysInsideTheCodeArray() {
        // The dispatch reads up to pc + 9 (the jump target of the loop test that
        // INPLACE_FAST_SMALL_INT_THEN_TEST runs); C2 checks that range once at the dispatch, so a
        // body whose last instruction ends short of it deoptimises Eval.loop.
        final Code body = firstFunction("def f(n):\n    while n > 0:\n        n -= 1\n");
        final int instructionWords = 2 * body.lines().length;
        for (int pc = 0; pc < instructionWords; pc += 2) {
            assertTrue(pc + 9 < body.code().length, "pc " + pc + " + 9 is past the code's "
                    + body.code().length + " words");
        }
        for (int pc = instructionWords; pc < body.code().length; pc += 2) {
            assertEquals(Op.EXT, body.code()[pc], "the tail is never executed");
        }
        assertEquals(Op.RETURN, body.code()[instructionWords - 2]);
    }

    /** The opcodes of the program's first function, operand words ({@code EXT}) left out. */
    private static List<String> opcodes(final String source) {
        final int[] code = firstFunction(source).code();
        final List<String> ops = new ArrayList<>();
        for (int pc = 0; pc < code.length; pc += 2) {
            if (code[pc] != Op.EXT) {
                ops.add(Op.NAMES[code[pc]]);
            }
        }
        return ops;
    }

    /** The program's first function, compiled; its constants are released before it returns. */
    private static Code firstFunction(final String source) {
        try (RcRuntime rt = RcRuntime.create("unsafe")) {
            final List<RcObject> made = new ArrayList<>();
            final Code module = Compiler.compileModule(Parser.parseModule(source), v -> {
                final RcObject o = v == null ? rt.none() : v instanceof Long l ? rt.newInt(l) : rt.newFloat((Double) v);
                made.add(o);
                return o;
            }, s -> {
                final RcStr o = rt.newStr(s);
                made.add(o);
                return o;
            });
            made.forEach(rt::decref);
            return module.functions()[0];
        }
    }
}
