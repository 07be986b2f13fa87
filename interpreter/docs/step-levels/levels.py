"""Summaries for issue 19's two levels.

  levels.py rounds FILE       one StepLevels output: medians after the first 20 rounds, and the rounds
                              where the interpreted step ran >1.3x its best, with and without the Java step
  levels.py forks JMH.json    the interpreted in-turn forks of a bench run: per fork each cell's median,
                              and how the 1thread cell's per-fork level goes with the fork's other cells
"""
import json
import math
import statistics as st
import sys


def rounds(path):
    rows = [line.split() for line in open(path) if line[:1].isdigit()]
    rows = [(float(r[3]), float(r[4]), int(r[5])) for r in rows if int(r[0]) >= 20]
    interp = [r[0] for r in rows]
    java = [r[1] for r in rows]
    best_i, best_j = min(interp), min(java)
    slow = [r for r in rows if r[0] > 1.3 * best_i]
    shared = [r for r in slow if r[1] > 1.2 * best_j]
    return (f"interpreted {st.median(interp):.1f} ns (best {best_i:.1f}), Java {st.median(java):.1f} "
            f"(best {best_j:.1f}); slow rounds {len(slow)}/{len(rows)}, of which the Java step slow too "
            f"{len(shared)}; page faults after round 20: {sum(r[2] for r in rows)}")


def ranks(values):
    order = sorted(values)
    return [order.index(v) for v in values]


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    ma, mb = st.mean(ra), st.mean(rb)
    num = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    den = math.sqrt(sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb))
    return num / den if den else float("nan")


def forks(path):
    per_scheme = {}
    for bench in json.load(open(path)):
        if not bench["benchmark"].endswith(".interpreteds"):
            continue
        parts = bench["params"]["turns"].split(";")
        n = len(parts)
        for fork in bench["primaryMetric"]["rawData"]:
            cells = {p: [] for p in parts}
            for i, x in enumerate(fork):  # the palindrome of turns: 0..n-1, n-1..0, ...
                k = i % (2 * n)
                cells[parts[k if k < n else 2 * n - 1 - k]].append(x)
            med = {p.split("shape=")[1].rstrip("}") if "cpython" not in p else "cpython": st.median(v)
                   for p, v in cells.items()}
            scheme = next(p for p in parts if "cpython" not in p).split("scheme=")[1].split(",")[0]
            per_scheme.setdefault(scheme, []).append(med)
    for scheme, rows in sorted(per_scheme.items()):
        one = [r["1thread"] for r in rows]
        print(f"{scheme}: 1thread per fork {' '.join(f'{x:.1f}' for x in sorted(one))} ns; rank correlation "
              f"with the fork's 2threads {spearman(one, [r['2threads'] for r in rows]):.2f}, 2runtimes "
              f"{spearman(one, [r['2runtimes'] for r in rows]):.2f}, CPython {spearman(one, [r['cpython'] for r in rows]):.2f}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("rounds", "forks"):
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    if sys.argv[1] == "rounds":
        print(rounds(sys.argv[2]))
    else:
        forks(sys.argv[2])
