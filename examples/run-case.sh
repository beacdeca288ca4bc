#!/usr/bin/env bash
# Loads the founding case (vocabulary + TCRIZ facts) into the default store,
# shows what is in it and runs the example queries. Uses ./corridor.db of the checkout
# unless CORRIDOR_STORE says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
corridor=build/cli/corridor
export CORRIDOR_STORE="${CORRIDOR_STORE:-corridor.db}"

echo "== corridor load: the vocabulary and the TCRIZ case ($CORRIDOR_STORE)"
$corridor load --graph https://w3id.org/corridor/ns examples/tcriz/vocabulary.ttl
$corridor load examples/tcriz/tcriz.trig
echo
echo "== corridor stats"
$corridor stats

for q in examples/queries/*.rq; do
  echo
  echo "== $(sed -n '1s/^# //p' "$q")"
  echo "   corridor query -f $q"
  $corridor query --format table -f "$q"
done
