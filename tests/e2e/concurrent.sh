#!/usr/bin/env bash
# One writer and several readers at once, as processes: every reader sees a
# whole number of the writer's requests (a consistent snapshot), never part of one.
# Usage: concurrent.sh path/to/corridor
set -euo pipefail
corridor=$1
dir=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$dir"' EXIT
store="$dir/db"
fail() { echo "FAIL: $*"; exit 1; }
printf '<http://e/seed> <http://e/p> "0" .\n' > "$dir/seed.nt"
"$corridor" --store "$store" -q load "$dir/seed.nt"

# The writer: 15 requests of 500 new triples each, one after the other.
(for r in $(seq 1 15); do
   { echo "INSERT DATA {"; for i in $(seq 1 500); do echo "<http://e/r${r}s$i> <http://e/p> $i ."; done; echo "}"; } > "$dir/req$r.ru"
   "$corridor" --wait 30 --store "$store" -q update -f "$dir/req$r.ru" || exit 1
 done; touch "$dir/done") &
writer=$!

# Three readers count until the writer is done; each count must be 1 + 500k.
reader() {
  local n=0
  while [ ! -e "$dir/done" ] && [ $n -lt 400 ]; do
    c=$("$corridor" --store "$store" query --format csv 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' | tail -1 | tr -d '\r')
    [ $(( (c - 1) % 500 )) = 0 ] || { echo "reader saw $c quads: part of a request"; return 1; }
    n=$((n + 1))
  done
  echo "$n"
}
reader > "$dir/r1" & r1=$!
reader > "$dir/r2" & r2=$!
reader > "$dir/r3" & r3=$!
wait $writer || fail "the writer failed"
for r in $r1 $r2 $r3; do wait $r || fail "a reader saw an inconsistent state: $(cat "$dir"/r?)"; done
final=$("$corridor" --store "$store" query --format csv 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' | tail -1 | tr -d '\r')
[ "$final" = 7501 ] || fail "after the writer: $final quads, not 7501"
"$corridor" --store "$store" -q check || fail "inconsistent store"
echo "ok: readers counted $(cat "$dir/r1") + $(cat "$dir/r2") + $(cat "$dir/r3") times while the writer wrote"
