"""The interpreter builds StepCost compares, each changing one piece of the interpreted countdown step.

Each entry edits a copy of interpreter/src/main/java/org/rclab/interp/eval/Eval.java; run.sh
compiles every copy into a class directory of its own. None but `head` is a correct interpreter:
the others exist only to price a piece by its absence (or by where it sits).
"""
import sys

THEN_TEST_JUMP = ("                                    if (jump) {\n"
                  "                                        return leave(c[pc + 5], sp);\n")
EDITS = {
    # The back-edge's checkpoint inside the dispatch loop (no return to run and no re-entry).
    "inloop": [(THEN_TEST_JUMP, "                                    if (jump) {\n"
                                "                                        self.checkpoint();\n"
                                "                                        pc = c[pc + 5];\n"
                                "                                        break;\n"
                                "                                    }\n"
                                "                                    if (jump) {\n"
                                "                                        return leave(c[pc + 5], sp);\n")],
    # No back-edge checkpoint (the return to run and re-entry stay).
    "nockpt": [("                self.checkpoint();\n            } else {", "            } else {")],
    # Neither: the back-edge jumps inside the loop (the exit and the checkpoint together).
    "nobackedge": [(THEN_TEST_JUMP, "                                    if (jump) {\n"
                                    "                                        pc = c[pc + 5];\n"
                                    "                                        break;\n"
                                    "                                    }\n"
                                    "                                    if (jump) {\n"
                                    "                                        return leave(c[pc + 5], sp);\n")],
    # Without the fused loop test's incref/decref of the new value (a wrong program).
    "notestpair": [("rt.incref(result);\n", "\n"),
                   ("rt.decref(result);\n                                    if (jump)",
                    "\n                                    if (jump)")],
    # Without n's other incref and its release by the operation (a wrong program).
    "noloadpair": [("rt.incref(a);\n                                final RcInt result = rt.newInt(r);\n"
                    "                                rt.decref(a);\n",
                    "final RcInt result = rt.newInt(r);\n")],
}

if __name__ == "__main__":
    name, path = sys.argv[1], sys.argv[2]
    text = open(path).read()
    for old, new in EDITS[name]:
        if old not in text:
            sys.exit("variant " + name + ": text not found in " + path + " (the source changed; update variants.py)")
        text = text.replace(old, new, 1)
    open(path, "w").write(text)
