#!/usr/bin/env bash
# Runs frame_age.py under gil in JVMS rounds of three fresh JVMs each (the benchmark forks' 2 GB heap):
#   t1   G1 with -XX:MaxTenuringThreshold=1 (the long-lived frame is old after two young collections)
#   def  G1 as the benchmark forks run it (threshold 15: the frame stays young for the whole run)
#   par  ParallelGC with UseCondCardMark, as `./rclab run` runs programs
# and prints, per JVM, the young and old frames' median CPU ns per step and the median per-round ratio.
# Usage (from the repository root, after `mvn -B -q package -DskipTests`):
#   interpreter/docs/frame-age/run.sh [JVMS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
jvms="${1:-3}"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
cp="$root/interpreter/target/interpreter-$version.jar:$root/runtime-core/target/runtime-core-$version.jar"
cp="$cp:$root/lock-gil/target/lock-gil-$version.jar"
out="$root/target/frame-age"
mkdir -p "$out"
for i in $(seq 1 "$jvms"); do
  for cfg in "t1:-XX:+UseG1GC -XX:MaxTenuringThreshold=1" "def:-XX:+UseG1GC" \
             "par:-XX:+UseParallelGC -XX:+UseCondCardMark"; do
    name="${cfg%%:*}"
    echo "$name-$i: load $(cut -d' ' -f1 /proc/loadavg)"
    # shellcheck disable=SC2086 # the configuration's flags are separate words
    java -Xms2g -Xmx2g ${cfg#*:} -Xlog:gc:file="$out/$name-$i.gc.log" -cp "$cp" org.rclab.interp.RunCommand \
      "$here/frame_age.py" --scheme gil > "$out/$name-$i.txt"
  done
done
python3 "$here/ratio.py" "$out"/*.txt
