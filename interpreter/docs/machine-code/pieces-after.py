[
 ('loop head: pc < c.length', 0x0117, 0x011a),
 ('dispatch: op = c[pc], arg = c[pc+1] (one range check), this.rt, the switch (op == 42 first: the profile)', 0x0120, 0x0158),
 ('case spill: slot range check; 9 values stored (pc twice, rt, op, currentThread, c twice, c.length, f)', 0x015e, 0x0194),
 ('guard: a = f[slot], RcInt exact class, d = c[pc+1] >> 16, r = v + d, overflow', 0x0199, 0x01ec),
 ('newInt: small-int range (-5..256), TLAB allocation, header and fields, count 1, the heap counter (per-thread slot, owner == currentThread)', 0x01f2, 0x030c),
 ('incref(a), decref(a): merged by C2 (no store): state, owner runtime, counter class, count + 1 == 1?', 0x0312, 0x037a),
 ('f[slot] = result: class of f (the store check), G1 marking-active test, cross-region filter', 0x0410, 0x0467),
 ('decref(old a) and its free: state, runtime, counter class, count - 1 stored; was 1: tracking flag, heap free counter, freed mark; this.rt null check', 0x046d, 0x055e),
 ('test: incref(result), intTestJumps(c[pc+3], r), decref(result)', 0x0590, 0x0650),
 ('checkpoint: the jump taken; self.owner == currentThread, GilInstance, GilThreadState, drop-request flag; pc = c[pc+5]', 0x0070, 0x0101),
 ('poll: the back-edge safepoint poll', 0x0106, 0x010d),
 ('back-edge: two moves (the pc, f)', 0x010f, 0x0114),
]
