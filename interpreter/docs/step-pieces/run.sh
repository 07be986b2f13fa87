#!/usr/bin/env bash
# Prices pieces of the interpreted countdown step in one JVM with runtime-core's StepCost harness
# (see ../../README.md, "Where the step's ~13 ns over the Java loop go"). Build the project first
# (mvn -B -q package -DskipTests from the repository root).
#   [STEP_PIECES_BASE=REV] interpreter/docs/step-pieces/run.sh [ROUNDS] [STEPS] [SCHEMES] [VARIANTS]
# The first cell is the base: the working tree's interpreter, or the one committed at git revision
# STEP_PIECES_BASE; the last is a second copy of it (the A/A line). VARIANTS: names from variants.py
# (edits of the base's Eval.java), git:REV (the interpreter and runtime-core committed at REV, for
# before/after; the scheme jars stay the working tree's), core:NAME (the base interpreter on the
# working tree's runtime-core edited by runtime-core/docs/step-cost/variants.py NAME, e.g. core:nomark),
# elsewhere (the base with its program loaded by another thread than the one that counts;
# NAME+elsewhere: any other cell so, e.g. git:REV+elsewhere)
# and java (runtime-core's StepLoop: the countdown written in Java on the same runtime, as the
# benchmark's countdown cell; plain scheme names only).
# SCHEMES: one scheme per JVM is what the benchmark's cells see (several share the loader's profiles);
# NAME-2t (gil-2t) has two threads count down together first (see StepLoop.java).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
ROUNDS="${1:-60}"; STEPS="${2:-300000}"; SCHEMES="${3:-gil}"
VARIANTS="${4:-nockpt,notestpair,noloadpair}"
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/runtime-core/pom.xml" | head -1)"
CORE="$ROOT/runtime-core/target/runtime-core-$VERSION.jar"
[[ -f "$CORE" ]] || { echo "run.sh: $CORE missing: build the project first" >&2; exit 2; }
OUT="$ROOT/interpreter/target/step-pieces"
rm -rf "$OUT"; mkdir -p "$OUT/loop"
SCHEME_JARS=""
for m in lock-gil lock-biased-refcount lock-fine-grained; do
  SCHEME_JARS="$SCHEME_JARS:$ROOT/$m/target/$m-$VERSION.jar"
done
JCTOOLS="$(find "$HOME/.m2/repository/org/jctools/jctools-core" -name 'jctools-core-*.jar' | sort | tail -1)"
SCHEME_JARS="$SCHEME_JARS:$JCTOOLS"
DEPS="$CORE$SCHEME_JARS"
build() { # NAME SOURCE-ROOT [CORE]: compiles an interpreter source tree into $OUT/NAME against CORE
  mkdir -p "$OUT/$1"
  javac -nowarn -d "$OUT/$1" -cp "${3:-$CORE}" $(find "$2/java" -name '*.java') 2>&1 | grep -v '^Note:' || true
}
build_core() { # NAME SOURCE-ROOT: compiles a runtime-core source tree (java/, resources/) into $OUT/core-NAME
  mkdir -p "$OUT/core-$1"
  javac -nowarn -d "$OUT/core-$1" $(find "$2/java" -name '*.java') 2>&1 | grep -v '^Note:' || true
  cp -r "$2/resources/." "$OUT/core-$1/"
}
source_of() { # REV DIR: the interpreter's sources committed at REV, into DIR
  mkdir -p "$2"
  git -C "$ROOT" archive "$1" interpreter/src/main | tar -x -C "$2" --strip-components=3
}
if [[ -n "${STEP_PIECES_BASE:-}" ]]; then
  source_of "$STEP_PIECES_BASE" "$OUT/src-base"
else
  mkdir -p "$OUT/src-base"; cp -r "$ROOT/interpreter/src/main/." "$OUT/src-base"
fi
build base "$OUT/src-base"
javac -d "$OUT/loop" -cp "$OUT/base:$CORE" "$HERE/StepLoop.java"
CELLS=("base=$OUT/base:$DEPS:$OUT/loop")
mkdir -p "$OUT/elsewhere"; touch "$OUT/elsewhere/load-elsewhere"
for v in ${VARIANTS//,/ }; do
  # NAME+elsewhere: that cell with its program loaded by another thread, as the elsewhere cell.
  away=""
  if [[ "$v" == *+elsewhere ]]; then v="${v%+elsewhere}"; away=":$OUT/elsewhere"; fi
  name="${v//[:\/]/-}"
  cell="$name${away:+-elsewhere}"
  if [[ "$v" == java ]]; then
    # The same countdown written in Java on the runtime (runtime-core's StepLoop): what interpreting costs.
    mkdir -p "$OUT/java"
    javac -d "$OUT/java" -cp "$CORE" "$ROOT/runtime-core/docs/step-cost/StepLoop.java"
    CELLS+=("$cell=$DEPS:$OUT/java$away")
    continue
  elif [[ "$v" == elsewhere ]]; then
    # The base, its program loaded by another thread than the counting one (see StepLoop.java).
    CELLS+=("elsewhere=$OUT/base:$DEPS:$OUT/loop:$OUT/elsewhere")
    continue
  elif [[ "$v" == git:* ]]; then
    # A committed build: the interpreter and the runtime-core it was committed with.
    source_of "${v#git:}" "$OUT/src-$name"
    mkdir -p "$OUT/core-src-$name"
    git -C "$ROOT" archive "${v#git:}" runtime-core/src/main | tar -x -C "$OUT/core-src-$name" --strip-components=3
    build_core "$name" "$OUT/core-src-$name"
    build "$name" "$OUT/src-$name" "$OUT/core-$name"
    CELLS+=("$cell=$OUT/$name:$OUT/core-$name$SCHEME_JARS:$OUT/loop$away")
    continue
  elif [[ "$v" == core:* ]]; then
    # The base interpreter on an edited runtime-core: prices a piece of the runtime in the interpreted step.
    mkdir -p "$OUT/core-src-$name"; cp -r "$ROOT/runtime-core/src/main/." "$OUT/core-src-$name"
    python3 "$ROOT/runtime-core/docs/step-cost/variants.py" "${v#core:}" "$OUT/core-src-$name/java/org/rclab"
    build_core "$name" "$OUT/core-src-$name"
    CELLS+=("$cell=$OUT/base:$OUT/core-$name$SCHEME_JARS:$OUT/loop$away")
    continue
  else
    mkdir -p "$OUT/src-$name"; cp -r "$OUT/src-base/." "$OUT/src-$name"
    python3 "$HERE/variants.py" "$v" "$OUT/src-$name/java/org/rclab/interp/eval/Eval.java"
  fi
  build "$name" "$OUT/src-$name"
  CELLS+=("$cell=$OUT/$name:$DEPS:$OUT/loop$away")
done
CELLS+=("base-again=$OUT/base:$DEPS:$OUT/loop")
echo "load before: $(cat /proc/loadavg)"
java -XX:+UseG1GC -Xms2g -Xmx2g -Dprogram="$ROOT/examples/countdown_pool.py" ${STEP_PIECES_JVM_ARGS:-} \
  "$ROOT/runtime-core/docs/step-cost/StepCost.java" "$ROUNDS" "$STEPS" "$SCHEMES" "${CELLS[@]}"
echo "load after: $(cat /proc/loadavg)"
