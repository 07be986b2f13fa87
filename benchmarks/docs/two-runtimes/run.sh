#!/usr/bin/env bash
# Splits the countdown's 2runtimes/1thread ratio into hand-off, start skew, loop and collections,
# inside one JVM (see README.md). Build first: mvn -B -q -pl benchmarks -am package -DskipTests
#   benchmarks/docs/two-runtimes/run.sh [WARM] [ROUNDS] [STEPS,...] [SCHEME] [KINDS]
# e.g. run.sh 6 30 2000000,10000000 gil step,bare,spin
# TWO_RUNTIMES_JVM_ARGS: -Dbatch=N (countdowns in a row per team, as in one JMH iteration; default 1),
# -Dpin=true (each team's first counting thread on CPU 0, its second on CPU 1, with taskset),
# -Dhandoff=unpark (the main thread unparks each counting thread itself: no wake-up chain through the
# barrier's lock), -Dhandoff=spin (the same, and the threads spin, yielding, between the countdowns of a batch).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/runtime-core/pom.xml" | head -1)"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
[[ -f "$JAR" ]] || { echo "run.sh: $JAR missing: build first" >&2; exit 2; }
CP="$JAR"
for m in lock-gil lock-gil-ticks lock-biased-refcount lock-fine-grained; do
  [[ -f "$ROOT/$m/target/$m-$VERSION.jar" ]] && CP="$CP:$ROOT/$m/target/$m-$VERSION.jar"
done
# brc's merge queues come from JCTools: the module's own dependency, from the local repository.
CP="$CP:$(find "$HOME/.m2/repository/org/jctools/jctools-core" -name 'jctools-core-*.jar' | sort | tail -1)"
OUT="$ROOT/benchmarks/target/two-runtimes"
rm -rf "$OUT"; mkdir -p "$OUT"
javac -d "$OUT" -cp "$CP" "$HERE/TwoRuntimes.java"
echo "load before: $(cat /proc/loadavg)"
java -XX:+UseG1GC -Xms2g -Xmx2g ${TWO_RUNTIMES_JVM_ARGS:-} -cp "$CP:$OUT" org.rclab.bench.TwoRuntimes \
  "${1:-6}" "${2:-30}" "${3:-2000000,10000000}" "${4:-gil}" "${5:-step,bare,spin}"
echo "load after: $(cat /proc/loadavg)"
