#!/usr/bin/env python3
# Summarises runs.log (the harness runs of 2026-12-01, 08:14-08:39, started in quiet spells; the 08:04 and the pinned runs are not in it): python3 summary.py [LIMIT] [LOG].
import re, sys, collections, statistics as st
# Aggregates quiet.log: per configuration and loop, the runs in which other processes took under
# LIMIT of the two CPUs (host busy jiffies minus this JVM's CPU time, over 2 x the JVM's uptime).
LIMIT = float(sys.argv[1]) if len(sys.argv) > 1 else 0.10
runs = []; cur = None
for line in open(sys.argv[2] if len(sys.argv) > 2 else 'runs.log'):
    m = re.match(r'=== (\d\d:\d\d:\d\d) idle (\d+)% before; (.*?); load', line)
    if m:
        cur = {'t': m.group(1), 'cfg': m.group(3).replace('perf sched, ', ''), 'perf': 'perf' in m.group(3), 'rows': {}, 'pairs': None}
        runs.append(cur); continue
    if cur is None: continue
    m = re.match(r"this JVM's CPU time ([\d.]+) s over ([\d.]+) s", line)
    if m: cur['cpu'] = float(m.group(1)); cur['up'] = float(m.group(2))
    m = re.match(r'=== end .*host busy (\d+) jiffies', line)
    if m: cur['busy'] = int(m.group(1)) / 100
    m = re.match(r'(\w+@\d+)\s+ratio of means ([\d.]+); 2rt over half of 1t: ([-\d.]+) ms = hand-off ([-\d.]+) \+ start skew ([-\d.]+) \+ loop ([-\d.]+) \+ rest ([-\d.]+); collections ([\d.]+) ms per 1t countdown, ([\d.]+) per 2rt; second thread started over 0.5 ms late in (\d+) of (\d+)', line)
    if m: cur['rows'][m.group(1)] = [float(x) for x in m.groups()[1:]]
    m = re.match(r'(\w+@\d+)\s+ratio 2rt/1t wall median ([\d.]+) .*loop time per thread ([\d.]+)', line)
    if m: cur['rows'].setdefault(m.group(1) + ':med', [float(m.group(2)), float(m.group(3))])
    m = re.match(r'pairs woken together: (\d+), both onto one CPU: (\d+); with the other CPU idle at the second wake-up: (\d+), of which both onto one CPU: (\d+)', line)
    if m: cur['pairs'] = [int(x) for x in m.groups()]
agg = collections.defaultdict(list); pairs = collections.defaultdict(lambda: [0, 0, 0, 0]); kept = 0
for r in runs:
    if 'busy' not in r or 'cpu' not in r: continue
    foreign = max(0.0, (r['busy'] - r['cpu'])) / (2 * r['up'])
    r['foreign'] = foreign
    if foreign > LIMIT: continue
    kept += 1
    for k, v in r['rows'].items():
        if not k.endswith(':med'): agg[(r['cfg'], k)].append((r['t'], foreign, v, r['rows'].get(k + ':med')))
    if r['pairs']:
        for i in range(4): pairs[r['cfg']][i] += r['pairs'][i]
print(f"runs with other processes under {LIMIT:.0%} of the 2 CPUs: {kept} of {len([r for r in runs if 'foreign' in r])}")
for r in runs:
    if 'foreign' in r: print(f"  {r['t']} {r['cfg']}{' (perf)' if r['perf'] else ''}: others {r['foreign']:.1%}")
for k, v in sorted(agg.items()):
    print(f"{k[0]:16s} {k[1]:13s} runs {len(v)}: ratio of means {' '.join(f'{x[2][0]:.3f}' for x in v)} (median {st.median(x[2][0] for x in v):.3f}); "
          f"per-round median ratio {st.median(x[3][0] for x in v):.3f}, loop per thread {st.median(x[3][1] for x in v):.3f}; "
          f"excess {st.mean(x[2][1] for x in v):.2f} ms = start skew {st.mean(x[2][3] for x in v):.2f} + loop {st.mean(x[2][4] for x in v):.2f} + hand-off {st.mean(x[2][2] for x in v):.2f} + rest {st.mean(x[2][5] for x in v):.2f}; "
          f"collections 1t {st.mean(x[2][6] for x in v):.2f} 2rt {st.mean(x[2][7] for x in v):.2f} ms; second thread late {sum(x[2][8] for x in v):.0f} of {sum(x[2][9] for x in v):.0f}")
for k, p in pairs.items():
    print(f"{k}: wake-up pairs {p[0]}, both onto one CPU {p[1]}; with the other CPU idle {p[2]}, of which both onto one CPU {p[3]}")
