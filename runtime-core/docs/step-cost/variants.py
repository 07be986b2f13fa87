"""The runtime-core variants StepCost compares, each removing one piece of the countdown step.

Each entry edits a copy of runtime-core/src/main (paths relative to java/org/rclab); run.sh
compiles every copy into a class directory of its own. None of these is a correct runtime: they
exist only to price a piece by its absence.
"""
import sys

EDITS = {
    # No accounting at all: the heap's per-thread counts are never touched.
    "noacct": [("heap/Heap.java", "counts.increment(o.type().ordinal());", "if (o != null) return;"),
               ("heap/Heap.java", "counts.increment(TYPES.length + o.type().ordinal());", "if (o != null) return;")],
    # Accounting without the per-thread table lookup: one plain array of the heap (wrong under threads).
    "acctplain": [("heap/Heap.java", "counts.increment(o.type().ordinal());", "plainCounts[o.type().ordinal()]++;"),
                  ("heap/Heap.java", "counts.increment(TYPES.length + o.type().ordinal());",
                   "plainCounts[TYPES.length + o.type().ordinal()]++;"),
                  ("heap/Heap.java", "    private final Tracking tracking;",
                   "    private final long[] plainCounts = new long[2 * TYPES.length];\n    private final Tracking tracking;")],
    # No freed mark for thread-safe schemes without strict checks (neither fence nor store).
    "nomark": [("runtime/RcRuntime.java", "            VarHandle.acquireFence();\n            Header.setFreedRelease(o);\n", "")],
    # The freed mark as a plain store, without the acquire fence.
    "plainfree": [("runtime/RcRuntime.java", "            VarHandle.acquireFence();\n", ""),
                  ("object/Header.java", "STATE.setRelease(o, liveState(o.runtime) | RcObject.STATE_FREED);",
                   "STATE.set(o, liveState(o.runtime) | RcObject.STATE_FREED);")],
    # A 56-byte RcInt (64 today): the header's id as an int (wraps after 2^32 names: not unique) and no
    # BigInteger field (values beyond a long cannot be made). Prices the object's size in the real step.
    "int56": [("object/RcObject.java", "    volatile long id;", "    volatile int id;"),
              ("object/RcObject.java", "final long current = (long) Header.ID.getAcquire(this);",
               "final long current = (int) Header.ID.getAcquire(this);"),
              ("object/RcObject.java", "final long witness = (long) Header.ID.compareAndExchange(this, 0L, fresh);",
               "final long witness = (int) Header.ID.compareAndExchange(this, 0, (int) fresh);"),
              ("object/Header.java", 'ID = lookup.findVarHandle(RcObject.class, "id", long.class);',
               'ID = lookup.findVarHandle(RcObject.class, "id", int.class);'),
              ("object/RcInt.java", "    private final BigInteger big;", "    private static final BigInteger big = null;"),
              ("object/RcInt.java", "        this.big = null;\n", ""),
              ("object/RcInt.java", "        this.big = big;\n", "")],
    # A checkpoint that does nothing (neither the handle's guard nor the scheme's gate).
    "ckptempty": [("runtime/RuntimeThread.java",
                   "        if (usableBy != Thread.currentThread()) {\n            throw checkpointRefused();\n        }\n"
                   "        gate.checkpoint(this);\n", "")],
}

if __name__ == "__main__":
    name, root = sys.argv[1], sys.argv[2]
    for path, old, new in EDITS[name]:
        p = root + "/" + path
        text = open(p).read()
        if old not in text:
            sys.exit("variant " + name + ": text not found in " + path + " (the source changed; update variants.py)")
        open(p, "w").write(text.replace(old, new, 1))
