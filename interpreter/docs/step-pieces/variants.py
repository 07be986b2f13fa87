"""The interpreter builds StepCost compares, each changing one piece of the interpreted countdown step.

Each variant edits a copy of the base's interpreter/src/main/java/org/rclab/interp/eval/Eval.java
(run.sh compiles every copy into a class directory of its own). A variant lists one set of edits per
form of the source it knows: the loop whose back-edges pass the checkpoint inside Eval.loop (the
tenth session's), the one before it (6221685 to 2578466, where every back-edge left Eval.loop; inloop
and nobackedge apply only there) and the unmerged lane (Eval.intLoopFromRun); the first set whose
texts all occur is applied.
None is a correct interpreter: each exists only to price a piece by its absence (or where it sits).
"""
import sys

# Before the lane: the fused loop test's back-edge in Eval.loop.
THEN_TEST_JUMP = ("                                    if (jump) {\n"
                  "                                        return leave(c[pc + 5], sp);\n")


def jump_inside(extra):
    """The fused test's back-edge as a jump inside Eval.loop, after `extra` (no return to run)."""
    return [(THEN_TEST_JUMP, "                                    if (jump) {\n" + extra
             + "                                        pc = c[pc + 5];\n"
               "                                        break;\n"
               "                                    }\n" + THEN_TEST_JUMP)]


EDITS = {
    # Before the lane: the back-edge's checkpoint inside the dispatch loop (no exit, no re-entry).
    "inloop": [jump_inside("                                        self.checkpoint();\n")],
    # Before the lane: neither the exit nor the checkpoint.
    "nobackedge": [jump_inside("")],
    # With the lane: every back-edge leaves loop again (the code before the lane, by its helpers).
    "nolane": [[("                pc = intLoopFromRun(code, f, pc, sp);\n", "")]],
    # No back-edge checkpoint (run's once per call stays with the lane).
    "nockpt": [[("                                        self.checkpoint();\n"
                 "                                        pc = c[pc + 5];\n",
                 "                                        pc = c[pc + 5];\n")],
               [("                self.checkpoint();\n            } else {", "            } else {")],
               [("                    return pc + 10;\n                }\n                self.checkpoint();\n",
                 "                    return pc + 10;\n                }\n")]],
    # The int fast path counts its allocation and frees through the heap's per-thread table again
    # (rt.newInt(r), rt.decref(a)), as before the fifteenth session: the first attached thread
    # finds its slot first there, any later thread looks it up (a correct program).
    "table": [[("final RcInt result = rt.newInt(r, self);\n", "final RcInt result = rt.newInt(r);\n"),
               ("                                f[slot] = result;\n                                rt.decref(a, self);\n",
                "                                f[slot] = result;\n                                rt.decref(a);\n")]],
    # Every release of the fused step passes self, also the two that cannot free (a correct program).
    "allself": [[("                                rt.incref(a);\n                                rt.decref(a);\n",
                  "                                rt.incref(a);\n                                rt.decref(a, self);\n"),
                 ("rt.decref(result);\n                                    if (jump)",
                  "rt.decref(result, self);\n                                    if (jump)")]],
    # Without the fused loop test's incref/decref of the new value (a wrong program).
    "notestpair": [[("rt.incref(result);\n", "\n"),
                    ("rt.decref(result);\n                                    if (jump)",
                     "\n                                    if (jump)")],
                   [("        rt.incref(result);\n", ""), ("        rt.decref(result);\n        return jump;",
                                                           "        return jump;")]],
    # Without n's other incref and its release by the operation (a wrong program).
    "noloadpair": [[("rt.incref(a);\n                                final RcInt result = rt.newInt(r);\n"
                     "                                rt.decref(a);\n",
                     "final RcInt result = rt.newInt(r);\n")],
                   [("rt.incref(a);\n                final RcInt result = rt.newInt(r);\n"
                     "                rt.decref(a);\n", "final RcInt result = rt.newInt(r);\n")]],
}

# The fused instruction's case in Eval.loop (eleventh session's source), up to its generic form's case.
LANE_START = "                    case Op.INPLACE_FAST_SMALL_INT_THEN_TEST:\n"
LANE_END = "                    // falls through: the guard failed\n                    case Op.INPLACE_FAST_CONST: {\n"


def in_place(edit):
    """A variant that rewrites the fused instruction's whole case with edit(case text)."""
    def apply(text):
        start = text.index(LANE_START)
        end = text.index(LANE_END, start)
        return text[:start] + edit(text[start:end]) + text[end:]
    return apply


def replaced(text, old, new):
    if old not in text:
        raise ValueError(old)
    return text.replace(old, new, 1)


def no_dispatch(case, hold=False):
    """The fused test's back-edge to its own instruction re-runs the case without the dispatch (no
    c[pc] read, no switch; the operand word is read again); with hold, n stays in a Java variable
    while the case repeats and reaches the frame only when it is left (no frame store per step)."""
    case = replaced(case, "                    case Op.INPLACE_FAST_SMALL_INT: {\n",
                    "                    case Op.INPLACE_FAST_SMALL_INT: {\n"
                    "                        final int at = pc;\n"
                    "                        boolean done = false;\n"
                    + ("                        RcObject held = null;\n" if hold else "")
                    + "                        lane: while (true) {\n")
    case = replaced(case, "final int slot = arg & 0xffff;\n                        final RcObject a = f[slot];\n",
                    "final int slot = c[pc - 1] & 0xffff;\n                        final RcObject a = "
                    + ("held != null ? held : f[slot];\n" if hold else "f[slot];\n"))
    if hold:
        case = replaced(case, "                                f[slot] = result;\n",
                        "                                held = result;\n")
    leave = "if (held != null) {\n f[slot] = held;\n }\n" if hold else ""
    case = replaced(case, "                                        pc = c[pc + 5];\n"
                          "                                        break;\n",
                    "                                        pc = c[pc + 5];\n"
                    "                                        if (pc == at - 2) {\n pc = at;\n continue lane;\n }\n"
                    + leave + " done = true;\n break lane;\n")
    case = replaced(case, "                                    pc += 6;\n                                }\n"
                          "                                break;\n",
                    "                                    pc += 6;\n                                }\n"
                    + leave + " done = true;\n break lane;\n")
    # The guard failed: leave the lane (writing n back), then fall through as the case does.
    if not case.endswith("                        }\n                    }\n"):
        raise ValueError("end of the fused case")
    return case[:-len("                    }\n")] + "                        " + leave + "break lane;\n }\n" \
        "                        if (done) {\n break;\n }\n                    }\n"


def chained(case):
    """nodispatch, but the back-edge goes on through the code as the dispatch does: the target read
    from the code, its opcode read and compared (one case, no switch), its operand read from there."""
    case = no_dispatch(case)
    return replaced(case, "if (pc == at - 2) {\n pc = at;\n continue lane;\n }\n",
                    "if (c[pc] == Op.INPLACE_FAST_SMALL_INT_THEN_TEST) {\n pc += 2;\n continue lane;\n }\n")


def peeled(text):
    """The int-specialised in-place instruction (plain and fused) tested for before the switch, its
    fast path run there and the loop continued; a failed guard goes on into the switch."""
    start = text.index(LANE_START)
    end = text.index(LANE_END, start)
    case = text[start:end]
    body = case[case.index("                        final int slot = arg & 0xffff;\n"):]
    body = body.replace("break;\n", "continue;\n")
    switch = "                switch (op) {\n"
    at = text.index(switch)
    return text[:at] + "                if (op == Op.INPLACE_FAST_SMALL_INT_THEN_TEST || op == Op.INPLACE_FAST_SMALL_INT) {\n" \
        + body + text[at:]


def outlined(text):
    """The rarer instructions' cases moved out of Eval.loop into a method of their own (one call
    each, pc and sp packed in its result): a smaller loop, the same dispatch. For measurement only
    (an exception inside the method unwinds with the loop's stack pointer, not the method's)."""
    def line_start(marker, frm=0):
        return text.index(marker, frm)
    a1 = line_start("                    case Op.JUMP_IF_FALSE_OR_POP:\n")
    a2 = line_start("                    case Op.CALL:\n", a1)
    b1 = line_start("                    case Op.GET_ITER: {\n", a2)
    b2 = line_start("                    default:\n", b1)
    d_end = text.index("\n", text.index("throw new IllegalStateException(\"bad opcode", b2)) + 1
    cases = text[a1:a2] + text[b1:d_end]
    call = ("                    default: {\n"
            "                        final long moved = rare(code, f, op, arg, pc, sp);\n"
            "                        pc = (int) (moved >>> 32);\n"
            "                        sp = (int) moved;\n"
            "                        break;\n"
            "                    }\n")
    text = text[:a1] + text[a2:b1] + call + text[d_end:]
    method = ("    private long rare(final Code code, final RcObject[] f, final int op, final int arg, int pc, int sp) {\n"
              "        final RcRuntime rt = this.rt;\n"
              "        switch (op) {\n" + cases + "        }\n"
              "        return (long) pc << 32 | (sp & 0xffffffffL);\n    }\n\n")
    anchor = "    /**\n     * A failure in the instruction before"
    at = text.index(anchor)
    return text[:at] + method + text[at:]


EDITS.update({
    # The rarer instructions out of Eval.loop (see outlined): does a smaller loop step faster?
    "outline": [outlined],
    # The hot instruction peeled off before the switch (a correct program): the switch skipped, the
    # loop's head kept, against nodispatchchain (both skipped).
    "peel": [peeled],
    # nodispatch with the dispatch's reads kept (the target's opcode and operand read through the
    # jump), only the switch gone: whether the reads' chain or the switch costs.
    "nodispatchchain": [in_place(chained)],
    # The fused test's back-edge to itself without the dispatch (wrong only in skipping it).
    "nodispatch": [in_place(no_dispatch)],
    # nodispatch, and n held in a Java variable while the instruction repeats: no frame store per
    # step (a wrong program: the frame keeps the freed old value meanwhile).
    "nodispatchhold": [in_place(lambda case: no_dispatch(case, hold=True))],
    # The fused instruction makes its result before LOAD_FAST's incref of n, so that incref and the
    # operation's decref of n sit together (a correct program; the allocation moves before them).
    "allocfirst": [[("                                rt.incref(a);\n                                final RcInt result = rt.newInt(r);\n",
                     "                                final RcInt result = rt.newInt(r);\n                                rt.incref(a);\n")]],
    # The fused instruction's guard as one exact-class test (a correct program: an RcInt of its own
    # class holds a long; RcBigInt is its only subclass).
    "exactclass": [[("                        if (a instanceof RcInt x && !x.isBig()) {\n                            final long d = c[pc + 1] >> 16;",
                     "                        if (a != null && a.getClass() == RcInt.class) {\n"
                     "                            final RcInt x = (RcInt) a;\n                            final long d = c[pc + 1] >> 16;")]],
    # The fused instruction's guards less the cast: no isBig test and no overflow test (a wrong program).
    "noguard": [[("                        if (a instanceof RcInt x && !x.isBig()) {\n                            final long d = c[pc + 1] >> 16;",
                  "                        if (a instanceof RcInt x) {\n                            final long d = c[pc + 1] >> 16;"),
                 ("                            if (((v ^ r) & (d ^ r)) >= 0) {\n                                // INPLACE",
                  "                            if (true) {\n                                // INPLACE")]],
})

if __name__ == "__main__":
    name, path = sys.argv[1], sys.argv[2]
    text = open(path).read()
    for edits in EDITS[name]:
        if callable(edits):
            try:
                open(path, "w").write(edits(text))
                break
            except ValueError:
                continue
        if all(old in text for old, _ in edits):
            for old, new in edits:
                text = text.replace(old, new, 1)
            open(path, "w").write(text)
            break
    else:
        sys.exit("variant " + name + ": its text is not in " + path + " (the source changed; update variants.py)")
