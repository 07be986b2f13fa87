#!/usr/bin/env bash
# Dumps the C2 code of Eval.loop for the countdown program: runs the step-pieces harness (the working
# tree's interpreter, its cells in one JVM) with the loop's compilations printed, and keeps the last
# normal (not on-stack) C2 compilation, the one every countdown call enters. Needs hsdis (README.md).
#   interpreter/docs/machine-code/dump.sh OUT [ROUNDS] [SCHEME]
# SCHEME is a plain name (gil, brc, ...): the harness's second cell is its Java loop (so that no other
# copy of Eval is compiled and printed), which knows no NAME-2t.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$1"
STEP_PIECES_JVM_ARGS="-XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,org.rclab.interp.eval.Eval::loop -XX:PrintAssemblyOptions=intel -XX:+PrintCompilation" \
  "$HERE/../step-pieces/run.sh" "${2:-60}" 300000 "${3:-gil}" java > "$OUT.full" 2>&1
python3 - "$OUT.full" "$OUT" <<'PY'
import re
import sys
lines = open(sys.argv[1]).read().splitlines()
starts = [i for i, l in enumerate(lines) if l.startswith("Compiled method (c2)") and "Eval::loop (" in l]
if not starts:
    sys.exit("no normal C2 compilation of Eval::loop in " + sys.argv[1])
end = starts[-1] + 1
while end < len(lines) and not lines[end].startswith("Compiled method") and not re.match(r"^\s+\d+\s+\d+ ", lines[end]):
    end += 1
open(sys.argv[2], "w").write("\n".join(lines[starts[-1]:end]) + "\n")
print(f"{len(starts)} normal C2 compilations of Eval::loop; the last: {lines[starts[-1]]}")
PY
