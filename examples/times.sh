#!/usr/bin/env bash
# The three programs' times, as README "Run a program" gives them: each program in CPython and
# under each scheme, copies with a smaller COUNT, in rounds that alternate the runners so that a
# slow minute of the host falls on all of them; the median of the rounds per cell.
#
#   examples/times.sh [ROUNDS] [COUNT] [SCHEME...]     (default: 3 rounds, 20000000, gil brc fine-grained unsafe)
#
# Prints a Markdown table: seconds as each program prints them, and in brackets ns per step
# (seconds / COUNT; for the two-thread and pool programs the wall time of the whole count).
# Each run includes its JIT warm-up (CPython has none): a one-run figure, not a measurement; the
# paired benchmark (`./rclab bench`, `interpreted`) is the measurement.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rounds=${1:-3}
count=${2:-20000000}
shift $(( $# < 2 ? $# : 2 ))
schemes=("$@")
[ ${#schemes[@]} -gt 0 ] || schemes=(gil brc fine-grained unsafe)
case "$rounds$count" in
  *[!0-9]*) echo "times.sh: ROUNDS and COUNT are whole numbers, not '$rounds' '$count'" >&2; exit 2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
programs=(countdown.py countdown_threads.py countdown_pool.py)
for p in "${programs[@]}"; do
  sed "s/^COUNT = .*/COUNT = $count/" "$here/$p" > "$work/$p"
done
runners=()
command -v python3 >/dev/null && runners+=(cpython)
runners+=("${schemes[@]}")
"$here/../rclab" run "$work/countdown.py" --scheme "${schemes[0]}" >/dev/null   # builds what it needs

# One run: prints the seconds the program printed; "refused" when the scheme refused to start a
# thread (unsafe), "failed" when it printed no time for another reason (its output then goes to stderr).
one() {
  local runner=$1 program=$2 out time
  if [ "$runner" = cpython ]; then
    out=$(python3 "$work/$program" 2>&1) || true
  else
    out=$("$here/../rclab" run "$work/$program" --scheme "$runner" 2>&1) || true
  fi
  time=$(sed -n 's/^Time taken in seconds - //p' <<<"$out" | tail -1)
  if [ -n "$time" ]; then
    echo "$time"
  elif grep -q "is not thread-safe" <<<"$out"; then
    echo refused
  else
    printf 'times.sh: %s under %s printed no time:\n%s\n' "$program" "$runner" "$out" >&2
    echo failed
  fi
}

# The median of a cell's rounds, with ns per step; "refused" or "failed" if no run printed a time.
median() {
  local count=$1; shift
  local none=refused
  [[ " $* " == *" failed "* ]] && none=failed
  printf '%s\n' "$@" | { grep -v -e refused -e failed || true; } | sort -g | awk -v count="$count" -v none="$none" '
    { t[NR] = $1 }
    END {
      if (NR == 0) { print none; exit }
      m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%.2f s (%.1f)", m, m / count * 1e9
    }'
}

declare -A seen
for ((r = 1; r <= rounds; r++)); do
  # Rotate the runners' order each round.
  order=("${runners[@]:$(( (r - 1) % ${#runners[@]} ))}" "${runners[@]:0:$(( (r - 1) % ${#runners[@]} ))}")
  for p in "${programs[@]}"; do
    for runner in "${order[@]}"; do
      seen[$p,$runner]+="$(one "$runner" "$p") "
    done
  done
  echo "round $r of $rounds done ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg))" >&2
done

header="| program |"; rule="|---|"
for runner in "${runners[@]}"; do
  [ "$runner" = cpython ] && header+=" $(python3 --version | sed 's/Python/CPython/') |" || header+=" $runner |"
  rule+="---|"
done
echo "$header"; echo "$rule"
for p in "${programs[@]}"; do
  row="| $p |"
  for runner in "${runners[@]}"; do
    row+=" $(median "$count" ${seen[$p,$runner]}) |"
  done
  echo "$row"
done
