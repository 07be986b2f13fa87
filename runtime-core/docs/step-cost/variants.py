"""The runtime-core variants StepCost compares, each removing one piece of the countdown step.

Each entry edits a copy of runtime-core/src/main (paths relative to java/org/rclab); run.sh
compiles every copy into a class directory of its own. None of these is a correct runtime: they
exist only to price a piece by its absence.
"""
import sys

EDITS = {
    # No accounting at all: the heap's per-thread counts are never touched.
    "noacct": [("heap/Heap.java", "final int allocations = o.type().ordinal();",
                "if (o != null) {\n            return;\n        }\n        final int allocations = 0;"),
               ("heap/Heap.java", "final int frees = TYPES.length + o.type().ordinal();",
                "if (o != null) {\n            return;\n        }\n        final int frees = 0;")],
    # Accounting without the per-thread table lookup: one plain array of the heap (wrong under threads).
    "acctplain": [("heap/Heap.java", "            counts.increment(allocations);", "            plainCounts[allocations]++;"),
                  ("heap/Heap.java", "            counts.increment(frees);", "            plainCounts[frees]++;"),
                  ("heap/Heap.java", "    private final Tracking tracking;",
                   "    private final long[] plainCounts = new long[2 * TYPES.length];\n    private final Tracking tracking;")],
    # No freed mark for thread-safe schemes without strict checks (neither fence nor store).
    "nomark": [("runtime/RcRuntime.java", "            VarHandle.acquireFence();\n            Header.setFreedRelease(o);\n", "")],
    # The freed mark as a plain store, without the acquire fence.
    "plainfree": [("runtime/RcRuntime.java", "            VarHandle.acquireFence();\n", ""),
                  ("object/Header.java", "STATE_ID.setRelease(o, (long) STATE_ID.get(o) | RcObject.STATE_FREED);",
                   "STATE_ID.set(o, (long) STATE_ID.get(o) | RcObject.STATE_FREED);")],
    # The int grown back to 64 bytes (JOL), nothing else changed: an unused int after the value.
    # Prices the 56-byte int's size alone, apart from the hot path's changed checks.
    "int64": [("object/RcInt.java", "    private final long value;\n",
               "    private final long value;\n    private final int pad = 0;\n")],
    # The constructor's store of the state word made for every object again (of zero for a mortal), as
    # the 64-byte int's constructor stored the runtime's tag: prices that store.
    "statestore": [("object/RcObject.java", """        if (immortal) {
            // A live mortal object's word is the zero the allocation wrote: no store for it.
            Header.STATE_ID.set(this, STATE_IMMORTAL);
        }
""", """        Header.STATE_ID.set(this, immortal ? STATE_IMMORTAL : 0L);
""")],
    # brc's owner without its store (issue 13 §3, twelfth session): the constructor stores no owner,
    # and an unset owner reads as the calling thread, so a one-thread step still takes the owner's
    # plain path (the load and compare stay). Wrong under threads and after a merge. Until the
    # twelfth session brc's init stored the owner, paying G1's barriers (this variant then edited
    # setOwnerPlain and gave 0.943-0.951); the constructor's store has none.
    "noownerstore": [("object/RcObject.java", "        Header.OWNER.set(this, Thread.currentThread());\n", ""),
                     ("object/Header.java", "        return (Thread) OWNER.get(o);\n",
                      "        final Thread owner = (Thread) OWNER.get(o);\n"
                      "        return owner == null ? Thread.currentThread() : owner;\n")],
    # As noownerstore, and no owner load either: every caller is the owner (the owner check folds
    # away). Bounds the whole owner check and store of a one-thread brc step.
    "noowner": [("object/RcObject.java", "        Header.OWNER.set(this, Thread.currentThread());\n", ""),
                ("object/Header.java", "        return (Thread) OWNER.get(o);\n", "        return Thread.currentThread();\n")],
    # A checkpoint that does nothing (neither the handle's guard nor the scheme's gate).
    "ckptempty": [("runtime/RuntimeThread.java",
                   "        if (usableBy != Thread.currentThread()) {\n"
                   "            throw refused(\"pass a checkpoint\", \"checkpoints are for threads that may touch objects\");\n"
                   "        }\n        gate.checkpoint(this);\n", "")],
    # The handle's newInt and decref without their fast path: the runtime's own operations, with
    # the per-thread table lookups and brc's registration check (the step before issue 13 §3's handle).
    "tablepath": [("runtime/RuntimeThread.java", "        return runtime.newInt(value, this);\n",
                   "        return runtime.newInt(value);\n"),
                  ("runtime/RuntimeThread.java", "        runtime.decref(o, this);\n", "        runtime.decref(o);\n")],
    # The hot path's foreign-object test gone: incref and decref test only the state (an object of
    # another runtime is counted as this one's). Prices `o.runtime() != this` (thirteenth session).
    "noforeign": [("runtime/RcRuntime.java",
                   "        final int state = Header.statePlain(o);\n        if (state != Header.LIVE || o.runtime() != this) {\n"
                   "            // This runtime's",
                   "        final int state = Header.statePlain(o);\n        if (state != Header.LIVE) {\n"
                   "            // This runtime's"),
                  ("runtime/RcRuntime.java",
                   "        final int state = Header.statePlain(o);\n        if (state != Header.LIVE || o.runtime() != this) {\n"
                   "            if (state != Header.IMMORTAL || o.runtime() != this) {\n                decrefSpecial(o);",
                   "        final int state = Header.statePlain(o);\n        if (state != Header.LIVE) {\n"
                   "            if (state != Header.IMMORTAL || o.runtime() != this) {\n                decrefSpecial(o);")],
    # The counts changed in the header directly, as PlainRefCounter does, without the call through the
    # runtime's RefCounter field (whose class C2 tests at every count change). Right for gil and unsafe
    # only: prices the class test (thirteenth session).
    "plaincounts": [("runtime/RcRuntime.java", "        counter.incref(o);\n    }",
                     "        Header.setLocalPlain(o, Header.localPlain(o) + 1);\n    }"),
                    ("runtime/RcRuntime.java", "        if (counter.decref(o)) {\n            free(o, by);",
                     "        final int count = Header.localPlain(o) - 1;\n        Header.setLocalPlain(o, count);\n"
                     "        if (count == 0) {\n            free(o, by);"),
                    ("runtime/RcRuntime.java", "        counter.init(o);\n        heap.recordAllocation(o);",
                     "        Header.setLocalPlain(o, 1);\n        heap.recordAllocation(o);")],
    # The heap's tracking test gone from the accounting (no `tracked != null` load and branch).
    "notracked": [("heap/Heap.java", "        if (tracked != null) {\n            tracked.put(", "        if (false) {\n            tracked.put("),
                  ("heap/Heap.java", "        if (tracked != null) {\n            tracked.remove(", "        if (false) {\n            tracked.remove(")],
    # The per-thread table lookup without its owner test (a slot shared by two threads would lose counts).
    "acctnoowner": [("heap/ThreadCounters.java", "        if (slot != null && OWNER.get(slot) == self) {",
                     "        if (slot != null) {")],
    # The table indexed by the thread id masked with the table's own length (C2 can drop the range check).
    "acctmasklen": [("heap/ThreadCounters.java", "        final Slot slot = slots[(int) self.getId() & (SLOTS - 1)];",
                     "        final Slot[] table = slots;\n        final Slot slot = table[(int) self.getId() & (table.length - 1)];")],
    # The accounting without the first claimer's slot (thirteenth session): every count through the
    # table, as before it. Prices that change; a correct runtime.
    "nofirst": [("heap/ThreadCounters.java", "        if (firstSlot != null && OWNER.get(firstSlot) == self) {\n",
                 "        if (false) {\n")],
}

if __name__ == "__main__":
    name, root = sys.argv[1], sys.argv[2]
    for path, old, new in EDITS[name]:
        p = root + "/" + path
        text = open(p).read()
        if old not in text:
            sys.exit("variant " + name + ": text not found in " + path + " (the source changed; update variants.py)")
        open(p, "w").write(text.replace(old, new, 1))
