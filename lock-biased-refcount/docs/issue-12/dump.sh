#!/usr/bin/env bash
# Prints the C2 code of OwnedPair::ownedPairBatch and Physical::physical as the bare-cells fork
# compiles them (every cell in a class loader of its own, so each scheme's and kind's copy is
# compiled and printed separately), by running the quick bare-cell bench with the two methods'
# compilations printed; the forks' output lands in results/bench/jmh.log, copied to OUT. Needs
# hsdis (interpreter/docs/machine-code/README.md). Which compilation is whose: the inlined
# callees it names (BiasedRefCounter, PlainRefCounter, Physical$OwnerCheck, ...).
#   lock-biased-refcount/docs/issue-12/dump.sh OUT [SCHEME]...   (default: brc unsafe)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
OUT="$(realpath "$1")"
shift
[[ $# -gt 0 ]] || set -- brc unsafe
SCHEMES=()
for s in "$@"; do SCHEMES+=(--scheme "$s"); done
cd "$ROOT"
./rclab bench --quick --only ownedPairBatch --only physical "${SCHEMES[@]}" \
  --jvm-arg -XX:+UnlockDiagnosticVMOptions \
  --jvm-arg "-XX:CompileCommand=print,*OwnedPair::ownedPairBatch" \
  --jvm-arg "-XX:CompileCommand=print,*Physical::physical" \
  --jvm-arg -XX:PrintAssemblyOptions=intel >/dev/null
cp results/bench/jmh.log "$OUT"
grep -c '^Compiled method (c2)' "$OUT" | sed 's/$/ C2 compilations printed/'
