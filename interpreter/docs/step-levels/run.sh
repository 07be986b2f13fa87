#!/usr/bin/env bash
# Runs StepLevels in JVMS fresh JVMs (G1, the benchmark forks' 2 GB heap) and prints each JVM's summary.
# Usage (from the repository root, after `mvn -B -q package -DskipTests`):
#   interpreter/docs/step-levels/run.sh [SCHEME] [JVMS] [ROUNDS] [extra JVM flags...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
scheme="${1:-gil}"; jvms="${2:-8}"; rounds="${3:-120}"; shift $(( $# < 3 ? $# : 3 ))
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
cp=""
for m in interpreter runtime-core lock-gil lock-biased-refcount lock-fine-grained; do
  cp="$cp:$root/$m/target/$m-$version.jar"
  [[ -f "$root/$m/target/classpath.txt" ]] && cp="$cp:$(cat "$root/$m/target/classpath.txt")"
done
out="$root/target/step-levels"
mkdir -p "$out/classes"
javac -d "$out/classes" -cp "${cp#:}" "$here/StepLevels.java"
for i in $(seq 1 "$jvms"); do
  java -Xms2g -Xmx2g "$@" -cp "$out/classes$cp" StepLevels "$scheme" "$rounds" 1000000 \
    "$root/examples/countdown_pool.py" > "$out/$scheme-$i.txt"
  echo "$scheme JVM $i (load $(cut -d' ' -f1 /proc/loadavg)): $(python3 "$here/levels.py" rounds "$out/$scheme-$i.txt")"
done
