"""Sums up frame_age.py's output files: per file, after 20 warm-up rounds, the median CPU ns per step
of the young frame and of the old one, the median per-round old/young ratio and difference."""
import statistics
import sys

WARM_UP = 20

for name in sys.argv[1:]:
    with open(name) as f:
        rows = [tuple(map(float, line.split())) for line in f if line.strip()][WARM_UP:]
    if not rows:
        sys.exit(f"{name}: no rounds after the {WARM_UP} warm-up rounds")
    print(f"{name}: young {statistics.median(r[0] for r in rows):.1f} ns, "
          f"old {statistics.median(r[1] for r in rows):.1f} ns, "
          f"old/young {statistics.median(r[1] / r[0] for r in rows):.3f}, "
          f"old - young {statistics.median(r[1] - r[0] for r in rows):+.2f} ns ({len(rows)} rounds)")
