import json, math, sys, statistics as st
def load(d):
    return json.load(open(d + '/rounds.json'))['forks']
def pick(forks, r, method, scheme, shape='1thread'):
    return [(f['position'], f['measurement']['score'], f) for f in forks if f['round'] == r
            and f['measurement']['method'] == method and f['measurement']['params'].get('scheme') == scheme
            and f['measurement']['params'].get('shape') == shape]
def unit_ns(f):
    u = f['measurement']['unit']; s = f['measurement']['score']
    return s * {'ns/op': 1, 'ms/op': 1e6}[u]
def show(d, label):
    forks = load(d)
    rounds = sorted({f['round'] for f in forks})
    out = {}
    for top in ('countdown', 'interpreted'):
        same, seeds = [], []
        for r in rounds:
            t = pick(forks, r, top, 'gil'); c = pick(forks, r, 'interpreted', 'cpython')
            if not t or not c: continue
            tp, _, tf = t[0]
            seedc = [x for x in c if x[2]['measurement']['benchmark'] == 'cpython.interpreted' and not any(
                g['round'] == r and g['position'] == x[0] and g['measurement']['params'].get('scheme') != 'cpython' for g in forks)]
            samec = [x for x in c if x[0] == tp]
            if samec: same.append((unit_ns(tf) / unit_ns(samec[0][2]), 0))
            if seedc: seeds.append((unit_ns(tf) / unit_ns(seedc[0][2]), abs(seedc[0][0] - tp)))
        for name, xs in (('same fork', same), ('seeds run', seeds)):
            if not xs: continue
            logs = [math.log(x) for x, _ in xs]
            print(f"{label:6} gil {top:11}/ CPython via {name:9}: n={len(xs)} geo={math.exp(st.mean(logs)):.3f} "
                  f"sd(log)={st.stdev(logs):.3f} per round: {' '.join(f'{x:.2f}' for x, _ in xs)}"
                  + (f"  (positions apart: {' '.join(str(p) for _, p in xs)})" if name == 'seeds run' else ''))
for d in sys.argv[1:]:
    show(d, d.rstrip('/').split('/')[-1])
