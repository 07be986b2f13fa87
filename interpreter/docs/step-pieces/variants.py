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
    # The int fast path makes its int and drops references through the thread's handle
    # (self.newInt / self.decref) instead of the runtime (a correct program).
    "handle": [[("final RcInt result = rt.newInt(r);\n                                rt.decref(a);\n"
                 "                                f[slot] = result;\n                                rt.decref(a);\n",
                 "final RcInt result = self.newInt(r);\n                                self.decref(a);\n"
                 "                                f[slot] = result;\n                                self.decref(a);\n"),
                ("rt.decref(result);\n                                    if (jump)",
                 "self.decref(result);\n                                    if (jump)")]],
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

if __name__ == "__main__":
    name, path = sys.argv[1], sys.argv[2]
    text = open(path).read()
    for edits in EDITS[name]:
        if all(old in text for old, _ in edits):
            for old, new in edits:
                text = text.replace(old, new, 1)
            open(path, "w").write(text)
            break
    else:
        sys.exit("variant " + name + ": its text is not in " + path + " (the source changed; update variants.py)")
