#!/usr/bin/env bash
# Prices the pieces of the countdown step in one JVM (see README.md). Build the project first
# (mvn -B -q package -DskipTests from the repository root).
#   runtime-core/docs/step-cost/run.sh [ROUNDS] [STEPS] [SCHEMES] [VARIANTS]
# e.g. run.sh 100 300000 gil,brc,fine-grained,unsafe,bare,bare48,bare32 noacct,acctplain,nomark,plainfree,ckptempty
# A variant git:REV is runtime-core's main sources at commit REV (the scheme jars stay the working tree's).
# A variant jars:DIR is a whole other build: DIR holds its runtime-core and scheme jars (copied from the
# modules' target/ before a change that spans runtime-core and a scheme, which git:REV cannot price).
# STEP_COST_COPIES=3: three copies of each variant (a copy's JIT draw moves a cell by up to ~10%);
# STEP_COST_JVM_ARGS="-Dcheckpoint=both": cells without the checkpoint call too; "-Dclock=wall": wall time.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
ROUNDS="${1:-100}"; STEPS="${2:-300000}"; SCHEMES="${3:-gil,brc,fine-grained,unsafe,bare}"
VARIANTS="${4:-noacct,acctplain,nomark,plainfree,ckptempty}"
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/runtime-core/pom.xml" | head -1)"
CORE="$ROOT/runtime-core/target/runtime-core-$VERSION.jar"
[[ -f "$CORE" ]] || { echo "run.sh: $CORE missing: build the project first" >&2; exit 2; }
OUT="$ROOT/runtime-core/target/step-cost"
rm -rf "$OUT"; mkdir -p "$OUT/loop"
SCHEME_JARS=""
for m in lock-gil lock-biased-refcount lock-fine-grained; do
  SCHEME_JARS="$SCHEME_JARS:$ROOT/$m/target/$m-$VERSION.jar"
done
# brc's merge queues come from JCTools: the module's own dependency, from the local repository.
JCTOOLS="$(find "$HOME/.m2/repository/org/jctools/jctools-core" -name 'jctools-core-*.jar' | sort | tail -1)"
javac -d "$OUT/loop" -cp "$CORE" "$HERE/StepLoop.java"
COPIES="${STEP_COST_COPIES:-1}"
CELLS=()
add_copies() { # NAME CLASSPATH: COPIES cells of one variant, each in a class loader (and JIT draw) of its own
  for ((c = 1; c <= COPIES; c++)); do CELLS+=("$1#$c=$2"); done
}
add_copies base "$CORE$SCHEME_JARS:$JCTOOLS:$OUT/loop"
for v in ${VARIANTS//,/ }; do
  if [[ "$v" == jars:* ]]; then # a whole build, e.g. jars:/tmp/before: before against after
    DIR="${v#jars:}"
    JARS="$DIR/runtime-core-$VERSION.jar"
    for m in lock-gil lock-biased-refcount lock-fine-grained; do JARS="$JARS:$DIR/$m-$VERSION.jar"; done
    add_copies "jars-$(basename "$DIR")" "$JARS:$JCTOOLS:$OUT/loop"
    continue
  fi
  if [[ "$v" == git:* ]]; then # a committed runtime-core, e.g. git:HEAD~1: before against after
    mkdir -p "$OUT/git"
    git -C "$ROOT" archive "${v#git:}" runtime-core/src/main | tar -x -C "$OUT/git"
    v="git-${v#git:}"; v="${v//[^A-Za-z0-9_.-]/_}"
    mv "$OUT/git/runtime-core/src/main" "$OUT/src-$v"; rm -rf "$OUT/git"
  else
    cp -r "$ROOT/runtime-core/src/main" "$OUT/src-$v"
    python3 "$HERE/variants.py" "$v" "$OUT/src-$v/java/org/rclab"
  fi
  mkdir -p "$OUT/$v"
  javac -nowarn -d "$OUT/$v" $(find "$OUT/src-$v/java" -name '*.java') 2>&1 | grep -v '^Note:' || true
  cp -r "$OUT/src-$v/resources/." "$OUT/$v/"
  add_copies "$v" "$OUT/$v$SCHEME_JARS:$JCTOOLS:$OUT/loop"
done
# A last copy of the base: the A/A line, the spread a copy's own JIT draw gives.
CELLS+=("base-again=$CORE$SCHEME_JARS:$JCTOOLS:$OUT/loop")
echo "load before: $(cat /proc/loadavg)"
java ${STEP_COST_GC:--XX:+UseG1GC} -Xms2g -Xmx2g ${STEP_COST_JVM_ARGS:-} "$HERE/StepCost.java" "$ROUNDS" "$STEPS" "$SCHEMES" "${CELLS[@]}"
echo "load after: $(cat /proc/loadavg)"
