"""Prints the hot path of one step out of a C2 disassembly of Eval.loop (dump.sh's output), in the
order the step runs it, with a table of instructions, memory loads, memory stores and stack-slot
(spill) accesses per piece. The pieces are read off the disassembly by hand (follow the branches
the countdown takes) and given as a Python list of (title, first offset, last offset), offsets
from the code's start (RIP), in a file:  python3 hotpath.py DUMP PIECES
"""
import ast
import re
import sys

text = open(sys.argv[1]).read()
start = int(re.search(r"RIP: 0x([0-9a-f]+)", text).group(1), 16)
pieces = ast.literal_eval(open(sys.argv[2]).read())
code = []
for line in text.splitlines():
    m = re.match(r"\s+0x([0-9a-f]+):\s+(\S.*?)\s*(;.*)?$", line)
    if m:
        code.append((int(m.group(1), 16) - start, m.group(2), (m.group(3) or "").strip()))


def relative(instruction):
    """Branch targets as offsets from the code's start, so that two dumps compare."""
    return re.sub(r"\b(7f[0-9a-f]{10})h", lambda m: "+%04x" % (int(m.group(1), 16) - start), instruction)


def kinds(instruction):
    """(loads, stores, stack accesses) of one Intel-syntax instruction."""
    op, _, rest = instruction.partition(" ")
    operands = [o.strip() for o in rest.split(",")] if rest else []
    memory = [i for i, o in enumerate(operands) if "ptr [" in o or o.startswith("[")]
    if op in ("lea", "nop", "prefetchnta") or not memory:
        return 0, 0, 0
    loads = stores = 0
    if 0 in memory and op not in ("cmp", "test"):
        stores = 1
        loads = 1 if op in ("inc", "dec", "or", "and", "add", "sub", "xor") else 0
    if any(i > 0 for i in memory) or (0 in memory and op in ("cmp", "test")):
        loads += 1
    return loads, stores, int("[rsp" in rest)


rows = []
for title, first, last in pieces:
    print(f"; ---- {title}")
    counts = [0, 0, 0, 0]
    for offset, instruction, comment in code:
        if first <= offset <= last:
            comment = re.sub(r"implicit exception: dispatches to 0x[0-9a-f]+", "implicit null check", comment)
            if "ImmutableOopMap" in comment:
                comment = "; safepoint"
            print(f"  +{offset:04x}: {relative(instruction):44s} {comment}".rstrip())
            counts[0] += 1
            for i, k in enumerate(kinds(instruction)):
                counts[i + 1] += k
    rows.append((title.split(":")[0].strip(), counts))
print(f"\n; {'piece':58s} instr loads stores [rsp]")
total = [0, 0, 0, 0]
for title, counts in rows:
    total = [a + b for a, b in zip(total, counts)]
    print(f"; {title[:58]:58s} {counts[0]:5d} {counts[1]:5d} {counts[2]:6d} {counts[3]:5d}")
print(f"; {'one step':58s} {total[0]:5d} {total[1]:5d} {total[2]:6d} {total[3]:5d}")
