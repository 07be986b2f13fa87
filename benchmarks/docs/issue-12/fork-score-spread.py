#!/usr/bin/env python3
"""How much a fork's score moves across rounds, and with it a ratio of two forks of one round, when the
fork is scored by the mean of its measured iterations (JMH's score) or by their median (the report's,
ForkScore.java); the lower quartile and the minimum for comparison.

Usage: fork-score-spread.py results/bench/jmh.json
Forks of one cell appear in jmh.json in run order, one per round, so the k-th fork of a cell is round k;
a fork run with its shapes in turn (shape=alternating) is split into its shapes by the palindromic order.
Prints, per cell, the standard deviation of log(fork score) across rounds, and for the cross-scheme
ratios of ownedPairBatch and sectionPair the geometric mean and the standard deviation of the per-round
log ratio (what Estimate.java's interval width is proportional to).
"""
import json
import math
import statistics as st
import sys
from collections import defaultdict


def lower_quartile(xs):
    return st.quantiles(sorted(xs), n=4, method='inclusive')[0]


SCORES = {'mean': st.mean, 'median': st.median, 'lower quartile': lower_quartile, 'min': min}

SHAPES = ['1thread', '2threads', '2runtimes']

RATIOS = [
    ('gil countdown 2threads / 1thread', ('countdown', ('scheme', 'gil'), ('shape', '2threads')),
     ('countdown', ('scheme', 'gil'), ('shape', '1thread'))),
    ('gil countdown 2runtimes / 1thread', ('countdown', ('scheme', 'gil'), ('shape', '2runtimes')),
     ('countdown', ('scheme', 'gil'), ('shape', '1thread'))),
    ('brc countdown 2threads / 1thread', ('countdown', ('scheme', 'brc'), ('shape', '2threads')),
     ('countdown', ('scheme', 'brc'), ('shape', '1thread'))),
    ('brc countdown 2threads / 2runtimes', ('countdown', ('scheme', 'brc'), ('shape', '2threads')),
     ('countdown', ('scheme', 'brc'), ('shape', '2runtimes'))),
    ('brc / gil countdown 1thread', ('countdown', ('scheme', 'brc'), ('shape', '1thread')),
     ('countdown', ('scheme', 'gil'), ('shape', '1thread'))),
    ('brc ownedPairBatch / unsafe', ('ownedPairBatch', ('scheme', 'brc')), ('ownedPairBatch', ('scheme', 'unsafe'))),
    ('gil ownedPairBatch / unsafe', ('ownedPairBatch', ('scheme', 'gil')), ('ownedPairBatch', ('scheme', 'unsafe'))),
    ('fine-grained ownedPairBatch / unsafe', ('ownedPairBatch', ('scheme', 'fine-grained')),
     ('ownedPairBatch', ('scheme', 'unsafe'))),
    ('fine-grained sectionPair / cas-lock', ('sectionPair', ('scheme', 'fine-grained')), ('physical', ('kind', 'cas-lock'))),
    ('brc sectionPair / cas-lock', ('sectionPair', ('scheme', 'brc')), ('physical', ('kind', 'cas-lock'))),
    ('unsafe ownedPairBatch / plain', ('ownedPairBatch', ('scheme', 'unsafe')), ('physical', ('kind', 'plain'))),
    ('brc ownedPairBatch / owner-check', ('ownedPairBatch', ('scheme', 'brc')), ('physical', ('kind', 'owner-check'))),
    ('fine-grained ownedPairBatch / atomic', ('ownedPairBatch', ('scheme', 'fine-grained')), ('physical', ('kind', 'atomic'))),
]


def forks_by_cell(path):
    cells = defaultdict(list)
    for entry in json.load(open(path)):
        params = entry.get('params') or {}
        method = entry['benchmark'].rsplit('.', 1)[1]
        if params.get('shape') != 'alternating':
            cells[(method,) + tuple(sorted(params.items()))].extend(entry['primaryMetric']['rawData'])
            continue
        # Shapes in turn (InTurn.java): iteration i ran the shape at i's place in the palindrome.
        for fork in entry['primaryMetric']['rawData']:
            by_shape = defaultdict(list)
            for i, score in enumerate(fork):
                place = i % (2 * len(SHAPES))
                by_shape[SHAPES[place if place < len(SHAPES) else 2 * len(SHAPES) - 1 - place]].append(score)
            for shape, scores in by_shape.items():
                cells[(method,) + tuple(sorted(dict(params, shape=shape).items()))].append(scores)
    return cells


def main(path):
    cells = forks_by_cell(path)
    print('%-40s %-15s %3s %8s %8s' % ('ratio (per round)', 'fork score', 'n', 'geomean', 'sd(log)'))
    for label, top, bottom in RATIOS:
        if top not in cells or bottom not in cells:
            continue
        n = min(len(cells[top]), len(cells[bottom]))
        for name, score in SCORES.items():
            logs = [math.log(score(cells[top][i]) / score(cells[bottom][i])) for i in range(n)]
            if n > 1:
                print('%-40s %-15s %3d %8.3f %8.3f' % (label, name, n, math.exp(st.mean(logs)), st.stdev(logs)))
    print('\nspread of one cell\'s fork scores across rounds, sd(log):')
    for cell, forks in sorted(cells.items()):
        if len(forks) > 1:
            label = cell[0] + ' ' + ','.join('%s=%s' % p for p in cell[1:])
            print('  %-40s n=%d  ' % (label, len(forks)) + '  '.join(
                '%s %.3f' % (name, st.stdev([math.log(score(f)) for f in forks])) for name, score in SCORES.items()))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: fork-score-spread.py JMH_JSON')
    main(sys.argv[1])
