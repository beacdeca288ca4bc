#!/usr/bin/env bash
# A load killed (SIGKILL) at any moment loses nothing committed and leaves no
# half-written state: the store opens, holds exactly what it held before (or
# everything, if the load had finished), and the next writer cleans up.
# Usage: kill_load.sh path/to/corridor
set -euo pipefail
corridor=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
store="$dir/db"

printf '<http://e/a> <http://e/p> "committed" .\n' > "$dir/base.nt"
seq 1 300000 | awk '{print "<http://e/s" $1 "> <http://e/p> \"value " $1 "\" <http://e/g" ($1 % 7) "> ."}' > "$dir/big.nq"

"$corridor" --store "$store" -q load "$dir/base.nt"
"$corridor" --store "$store" export --format nquads | sort > "$dir/before.nq"

for delay in 0.05 0.2 0.4 0.8; do
  "$corridor" --store "$store" -q load "$dir/big.nq" &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  # Still readable and consistent: either untouched, or the whole load landed.
  quads=$("$corridor" --store "$store" stats | awk '/^quads/ {print $2}')
  if [ "$quads" = 1 ]; then
    "$corridor" --store "$store" export --format nquads | sort > "$dir/after.nq"
    cmp -s "$dir/before.nq" "$dir/after.nq" || { echo "FAIL: store changed after a kill at ${delay}s"; exit 1; }
  elif [ "$quads" != 300001 ]; then
    echo "FAIL: $quads quads after a kill at ${delay}s (expected 1 or 300001)"; exit 1
  fi
  echo "killed after ${delay}s: $quads quads, consistent"
done

# The next writer removes what killed loads left behind, and a full load works.
"$corridor" --store "$store" -q load "$dir/big.nq"
leftovers=$(find "$store" -maxdepth 1 -name 'tmp-*' | wc -l)
[ "$leftovers" = 0 ] || { echo "FAIL: $leftovers abandoned load folders"; exit 1; }
quads=$("$corridor" --store "$store" stats | awk '/^quads/ {print $2}')
[ "$quads" = 300001 ] || { echo "FAIL: $quads quads after the full load"; exit 1; }
echo "ok"
