"""Pools the rounds of several bare-cell bench runs (their rounds.json files): for each pair of
cells, the round's ratio is the median of the ratios of the k-th iterations of the two cells (as
BenchReport.Pair forms it), and the pooled figure is the median of the rounds' ratios with its
quartiles; each cell's time is the median of its rounds' medians, with quartiles.

    python3 pool.py RUN/rounds.json...
"""
import json
import statistics
import sys

PAIRS = [('ownedPairBatch{scheme=brc}', 'ownedPairBatch{scheme=unsafe}'),
         ('ownedPairBatch{scheme=gil}', 'ownedPairBatch{scheme=unsafe}'),
         ('physical{kind=owner-check}', 'physical{kind=plain}'),
         ('ownedPairBatch{scheme=brc}', 'physical{kind=owner-check}'),
         ('ownedPairBatch{scheme=unsafe}', 'physical{kind=plain}')]


def cell(measurement):
    params = ','.join(f'{k}={v}' for k, v in sorted(measurement['params'].items()))
    return f"{measurement['method']}{{{params}}}"


def quartiles(values):
    values = sorted(values)
    return statistics.median(values), values[len(values) // 4], values[(3 * len(values)) // 4]


rounds = {}
for path in sys.argv[1:]:
    for fork in json.load(open(path))['forks']:
        if fork.get('turnScores'):
            rounds.setdefault((path, fork['round']), {})[cell(fork['measurement'])] = fork['turnScores']
print(f'{len(rounds)} rounds from {len(sys.argv) - 1} runs')
for a, b in PAIRS:
    ratios = [statistics.median(x / y for x, y in zip(r[a], r[b])) for r in rounds.values() if a in r and b in r]
    if ratios:
        m, lo, hi = quartiles(ratios)
        print(f'{a} / {b}: {m:.3f} [{lo:.3f}, {hi:.3f}] over {len(ratios)} rounds')
for name in sorted({c for r in rounds.values() for c in r}):
    m, lo, hi = quartiles([statistics.median(r[name]) for r in rounds.values() if name in r])
    print(f'  {name}: {m:.3f} ns [{lo:.3f}, {hi:.3f}]')
