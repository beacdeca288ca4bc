#!/usr/bin/env bash
# Golden plans: each tests/plans/NAME.rq runs with `corridor query --explain` on the founding case
# (its vocabulary and tcriz.trig) and must print NAME.plan exactly: the operators, their order and
# the estimated and actual rows. A change of plan shows as a diff; if it is meant, rewrite the
# expected files with --update and review the diff in git.
# Usage: run.sh path/to/corridor SOURCE_DIR [--update]
set -euo pipefail
corridor=$1
src=$2
update=${3:-}
source "$src/tests/e2e/scratch.sh"
c -q load --graph https://w3id.org/corridor/ns "$src/examples/tcriz/vocabulary.ttl"
c -q load "$src/examples/tcriz/tcriz.trig"
failed=0
count=0
for rq in "$src"/tests/plans/*.rq; do
  name=$(basename "$rq" .rq)
  count=$((count + 1))
  c query --explain -f "$rq" > "$name.plan" 2>&1 || { echo "FAIL: $name: the query failed"; cat "$name.plan"; failed=1; continue; }
  if [ "$update" = --update ]; then
    cp "$name.plan" "$src/tests/plans/$name.plan"
  elif ! diff -u "$src/tests/plans/$name.plan" "$name.plan"; then
    echo "FAIL: $name: the plan differs (above: - expected, + actual)"
    failed=1
  fi
done
[ "$count" -gt 0 ] || fail "no plans in $src/tests/plans"
[ $failed = 0 ] || exit 1
echo "plans ok: $count"
