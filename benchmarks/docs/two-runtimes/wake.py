#!/usr/bin/env python3
# Reads `perf script` of a sched_wakeup/sched_migrate_task/sched_switch recording of TwoRuntimes (stdin).
import re, sys, collections, statistics
# perf script of sched_wakeup/sched_switch: per wake-up of a 2-way worker (NAME-2-i), the delay until it
# runs, the CPU it was woken onto, whether its sibling was woken onto the same CPU, and who ran there.
pat = re.compile(r'^\s*(.+?)\s+(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+sched:(\w+):\s+(.*)$')
wake = {}; running = {}; delays = collections.defaultdict(list); same = 0; pairs = 0
last_target = {}; foreign = collections.Counter(); pend = {}; other_idle_same = 0; other_idle = 0
for line in sys.stdin:
    m = pat.match(line)
    if not m: continue
    comm, pid, cpu, ts, ev, rest = m.group(1), int(m.group(2)), int(m.group(3)), float(m.group(4)), m.group(5), m.group(6)
    if ev == 'sched_switch':
        n = re.search(r'next_comm=(.*) next_pid=(\d+)', rest)
        running[cpu] = n.group(1)
        npid = int(n.group(2))
        if npid in wake:
            name, t0, tcpu, who = wake.pop(npid)
            delays[name].append((ts - t0) * 1e3)
            if (ts - t0) * 1e3 > 0.5: foreign[who] += 1
    elif ev == 'sched_wakeup':
        w = re.search(r'comm=(.*) pid=(\d+) prio=\d+ target_cpu=(\d+)', rest)
        name, wpid, tcpu = w.group(1), int(w.group(2)), int(w.group(3))
        if re.search(r'-2-[01]$', name):
            wake[wpid] = (name, ts, tcpu, running.get(tcpu, '?'))
            base = name[:-2]
            sib = base + ('-1' if name.endswith('-0') else '-0')
            if sib in pend and ts - pend[sib][0] < 0.005:
                pairs += 1
                if pend[sib][1] == tcpu: same += 1
                # Was the other CPU idle (swapper) when the second of the pair was woken? (A 2-CPU machine.)
                if running.get(1 - tcpu, '?').startswith('swapper'):
                    other_idle += 1
                    if pend[sib][1] == tcpu: other_idle_same += 1
                del pend[sib]
            else:
                pend[name] = (ts, tcpu)
for name, d in sorted(delays.items()):
    d.sort()
    print(f"{name}: {len(d)} wake-ups, run delay ms median {statistics.median(d):.3f}, mean {statistics.mean(d):.3f}, over 0.5 ms: {sum(x > 0.5 for x in d)}")
print(f"pairs woken together: {pairs}, both onto one CPU: {same}; with the other CPU idle at the second wake-up: {other_idle}, of which both onto one CPU: {other_idle_same}")
print("running on the target CPU when a wake-up waited over 0.5 ms:", dict(foreign.most_common(8)))
