#!/usr/bin/env bash
# corridor import from the command line, as the README walks through it: the
# bundled EIZ sheets beside TCRIZ, a dry run, a re-import, a revised sheet with
# --replace, bad sheets (nothing written, exit 1), keep-going, usage errors.
# Usage: import_case.sh path/to/corridor SOURCE_DIR
set -euo pipefail
corridor=$1
src=$2
source "$(dirname "$(readlink -f "$0")")/scratch.sh"
count() { c query --format tsv "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }" | sed -n '2s/"\([0-9]*\)".*/\1/p'; }
graph=https://w3id.org/corridor/id/EIZ_case

c -q load --graph https://w3id.org/corridor/ns "$src/examples/tcriz/vocabulary.ttl"
c -q load "$src/examples/tcriz/tcriz.trig"
base=$(count)

# A dry run validates and writes nothing.
out=$(c import --dry-run --graph $graph "$src/examples/eiz/nodes.csv" "$src/examples/eiz/edges.csv" 2>&1)
case "$out" in "dry run, nothing written: 20 node row(s) and 33 edge row(s):"*"would insert 154 new quads"*) ;;
  *) fail "dry run said: $out" ;; esac
expect "$(count)" "$base" "dry run writes nothing"

# The import, then the same again (nothing new), files in either order.
c import --graph $graph "$src/examples/eiz/nodes.csv" "$src/examples/eiz/edges.csv" 2>/dev/null
expect "$(count)" "$((base + 154))" "import"
out=$(c import --graph $graph "$src/examples/eiz/edges.csv" "$src/examples/eiz/nodes.csv" 2>&1)
case "$out" in *"inserted 0 new quads"*) ;; *) fail "re-import said: $out" ;; esac

# The shared ids meet the founding case: MOFCOM transfers to both zones.
zones=$(c query --format tsv 'PREFIX pmz: <https://w3id.org/corridor/ns#> PREFIX ex: <https://w3id.org/corridor/id/>
  SELECT DISTINCT ?zone WHERE { ?t pmz:transferFrom ex:MOFCOM ; pmz:transferTo ?zone } ORDER BY ?zone' | tail -n +2 | tr '\n' ' ')
expect "$zones" "<https://w3id.org/corridor/id/EIZ> <https://w3id.org/corridor/id/TCRIZ> " "MOFCOM's zones"

# Store -> sheets -> store: the exported sheets import back to the same quads, and export unchanged.
c -q export --format csv-case --graph $graph -o sheets
"$corridor" --store "$dir/copy" -q import --graph $graph sheets/nodes.csv sheets/edges.csv
c export --graph $graph | sort > a.nq
"$corridor" --store "$dir/copy" export --graph $graph | sort > b.nq
cmp -s a.nq b.nq || fail "csv-case round trip changed the graph: $(diff a.nq b.nq | head -5)"
"$corridor" --store "$dir/copy" -q export --format csv-case --graph $graph -o sheets2
diff -r sheets sheets2 >/dev/null || fail "csv-case export is not a fixed point"
set +e
c export --format csv-case -o x >/dev/null 2>&1; expect "$?" "2" "csv-case without --graph"
c export --format csv-case --graph $graph >/dev/null 2>&1; expect "$?" "2" "csv-case without -o"
set -e

# A revised sheet, re-imported with --replace: the dropped fact is gone, the rest stays.
grep -v '^T_land_EIZ' "$src/examples/eiz/edges.csv" > edges.csv
grep -v '^T_land_EIZ\|^LandAdmin_ETH' "$src/examples/eiz/nodes.csv" > nodes.csv
out=$(c import --replace --graph $graph nodes.csv edges.csv 2>&1)
case "$out" in *"quads removed"*) ;; *) fail "replace said: $out" ;; esac
land=$(c query --format tsv 'ASK { <https://w3id.org/corridor/id/T_land_EIZ> ?p ?o }' | tail -1)
expect "$land" "false" "replaced fact gone"
tender=$(c query --format tsv 'ASK { <https://w3id.org/corridor/id/T_MOFCOM_tender_EIZ> ?p ?o }' | tail -1)
expect "$tender" "true" "other facts stay"
after_replace=$(count)

# A bad sheet: every problem listed, exit 1, the store as it was.
printf 'source,relation,target,year\nT_MOFCOM_status_EIZ,transfer_to,Nowhere,2015\nEIZ,fundz,Qiyuan,\n' > bad.csv
set +e
out=$(c import --graph $graph nodes.csv bad.csv 2>&1); rc=$?
set -e
expect "$rc" "1" "bad sheet exit status"
case "$out" in *"bad.csv:2:3: unknown node id 'Nowhere'"*"bad.csv:3:2: unknown relation 'fundz'"*"nothing was imported: 2 problem(s)"*) ;;
  *) fail "bad sheet said: $out" ;; esac
expect "$(count)" "$after_replace" "a bad sheet writes nothing"

# --keep-going: the valid rows land, the skipped ones are listed, exit 1.
printf 'source,relation,target\nEIZ,fundz,Qiyuan\nEIZ,operated_by,Qiyuan\n' > mixed.csv
set +e
out=$(c import --keep-going --graph $graph nodes.csv mixed.csv 2>&1); rc=$?
set -e
expect "$rc" "1" "keep-going exit status"
case "$out" in *"skipped: mixed.csv:2:2: unknown relation 'fundz'"*"1 row(s) skipped"*) ;; *) fail "keep-going said: $out" ;; esac
op=$(c query --format tsv 'ASK { <https://w3id.org/corridor/id/EIZ> <https://w3id.org/corridor/ns#operatedBy> ?x }' | tail -1)
expect "$op" "true" "keep-going imports the valid row"

# Usage errors.
set +e
c import --replace nodes.csv edges.csv >/dev/null 2>&1; expect "$?" "2" "--replace without --graph"
c import nodes.csv >/dev/null 2>&1; expect "$?" "2" "one file only"
c import nodes.csv missing.csv >/dev/null 2>&1; expect "$?" "2" "missing file"
set -e
c check >/dev/null
echo "import ok"
