#!/usr/bin/env bash
# The benchmark's interpreted cell itself (InterpretedCountdown, one JMH fork each) for two builds
# of the benchmarks jar, forks alternating A B B A ... so that a load drift falls on both; each fork
# warms up as the default run's interpreted cells (8 x 250 ms) and scores the median of 8 x 75 ms.
# Prints each fork's median and, per pair, B / A. Build the project first (the scheme jars).
#   interpreter/docs/step-pieces/cell-pairs.sh A.jar B.jar [PAIRS] [SCHEME] [SHAPE]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
A="$1"; B="$2"; PAIRS="${3:-6}"; SCHEME="${4:-gil}"; SHAPE="${5:-1thread}"
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/runtime-core/pom.xml" | head -1)"
CP=""
for m in lock-gil lock-biased-refcount lock-fine-grained; do
  CP="$CP:$ROOT/$m/target/$m-$VERSION.jar"
  [[ -f "$ROOT/$m/target/classpath.txt" ]] && CP="$CP:$(cat "$ROOT/$m/target/classpath.txt")"
done
fork() { # JAR: one fork, prints the median of its measured iterations
  java -cp "$1$CP" org.openjdk.jmh.Main 'InterpretedCountdown.interpreted' -p scheme="$SCHEME" -p shape="$SHAPE" \
    -f 1 -wi 8 -w 250ms -i 8 -r 75ms 2>&1 | sed -n 's/^Iteration *[0-9]*: *\([0-9.]*\) ns\/op/\1/p' | sort -g | awk '{v[NR]=$1} END {print (v[4]+v[5])/2}'
}
echo "load before: $(cat /proc/loadavg)"
for ((i = 1; i <= PAIRS; i++)); do
  if ((i % 2)); then a="$(fork "$A")"; b="$(fork "$B")"; else b="$(fork "$B")"; a="$(fork "$A")"; fi
  echo "pair $i: A $a  B $b  B/A $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", b / a}')"
done
echo "load after: $(cat /proc/loadavg)"
