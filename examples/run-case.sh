#!/usr/bin/env bash
# Loads the founding case (vocabulary + TCRIZ facts) into the default store,
# imports the second case (EIZ, Ethiopia; it shares ids with TCRIZ) and the third
# (KITIC, Indonesia; a curator's own ids) from their sheets, links KITIC to
# TCRIZ, shows what is in the store and runs the example queries. Uses ./corridor.db of the checkout
# unless CORRIDOR_STORE says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
corridor=build/cli/corridor
export CORRIDOR_STORE="${CORRIDOR_STORE:-corridor.db}"

echo "== corridor load: the vocabulary and the TCRIZ case ($CORRIDOR_STORE)"
$corridor load --graph https://w3id.org/corridor/ns examples/tcriz/vocabulary.ttl
$corridor load examples/tcriz/tcriz.trig
echo
echo "== corridor export -o docs/img/tcriz.svg: a picture of the founding case (rows by scale, colours by country)"
# Drawn from a store of its own, so that a re-run (the default store then also holds EIZ and
# KITIC) draws the same picture.
mkdir -p docs/img
picture_store=$(mktemp -d)
$corridor -q --store "$picture_store/db" load --graph https://w3id.org/corridor/ns examples/tcriz/vocabulary.ttl
$corridor -q --store "$picture_store/db" load examples/tcriz/tcriz.trig
$corridor --store "$picture_store/db" export \
  --title "Thai-Chinese Rayong Industrial Zone (TCRIZ): actors, policy transfers and partnerships" \
  -o docs/img/tcriz.svg
rm -rf "$picture_store"
echo
echo "== corridor import: the EIZ case, kept as a nodes sheet and an edges sheet"
$corridor import --graph https://w3id.org/corridor/id/EIZ_case examples/eiz/nodes.csv examples/eiz/edges.csv
echo
echo "== corridor import: the KITIC case, tab-separated, with its curator's own ids"
$corridor import --graph https://w3id.org/corridor/id/KITIC_case examples/kitic/nodes.tsv examples/kitic/edges.tsv
echo
echo "== corridor link: candidate links between the cases (none left once accepted)"
$corridor link
echo
echo "== corridor link --accept all --min-score 0.9"
$corridor link --accept all --min-score 0.9 --by "corridor main job"
echo
echo "== corridor stats"
$corridor stats

for q in examples/queries/*.rq; do
  echo
  echo "== $(sed -n '1s/^# //p' "$q")"
  echo "   corridor query -f $q"
  $corridor query --format table -f "$q"
done
