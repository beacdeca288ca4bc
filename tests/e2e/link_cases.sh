#!/usr/bin/env bash
# The README's linking walkthrough, through the CLI: a case curated with its own ids (KITIC) is
# imported beside TCRIZ; `corridor link` lists candidates; one is accepted from a reviewed CSV;
# TRACE SAMEAS then crosses from one case into the other; `--undo last` takes the links back.
# Usage: link_cases.sh path/to/corridor SOURCE_DIR
set -euo pipefail
corridor=$1
src=$2
source "$(dirname "$(readlink -f "$0")")/scratch.sh"

c -q load --graph https://w3id.org/corridor/ns "$src/examples/tcriz/vocabulary.ttl"
c -q load "$src/examples/tcriz/tcriz.trig"
c -q import --graph https://w3id.org/corridor/id/KITIC_case "$src/examples/kitic/nodes.tsv" "$src/examples/kitic/edges.tsv"
trace() { c query --format tsv -f "$src/examples/queries/trace-across-cases.rq" | tail -n +2 | cut -f2; }
expect "$(trace)" "" "no path across the cases before linking"

# Candidates, as a table and as a CSV to review.
table=$(c link)
case "$table" in *"ex:MOFCOM"*"ex:mofcom"*"2 candidate link(s)"*) ;; *) fail "link table: $table" ;; esac
c link --format csv > review.csv
expect "$(head -1 review.csv)" "id,score,suggest,a,a_label,b,b_label,reasons,accept" "review header"
# The reviewer accepts MOFCOM = mofcom only.
awk -F, 'NR == 1 || !/mofcom/ { print; next } { print $0 "yes" }' review.csv > reviewed.csv
out=$(c link --accept reviewed.csv 2>&1)
case "$out" in "wrote 1 owl:sameAs and 0 skos:closeMatch link(s)"*"undo with"*) ;; *) fail "accept said: $out" ;; esac
expect "$(trace)" '"BOI —intergovernmental→ MOFCOM (= Ministry of Commerce (MOFCOM; 商务部)) —legal status→ KITIC"' \
  "the path across the cases"
# The link carries who accepted it, its score and its reason.
who=$(c query --format tsv 'SELECT ?who ?score WHERE { GRAPH <https://w3id.org/corridor/id/links> {
  ?s a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ; <http://purl.org/dc/terms/creator> ?who ;
     <https://w3id.org/corridor/ns#matchScore> ?score } }' | tail -n +2)
case "$who" in *'"1.00"^^'*) ;; *) fail "provenance: $who" ;; esac
# Only the other candidate is left.
case "$(c link)" in *"ex:prc"*"1 candidate link(s)"*) ;; *) fail "candidates after accepting" ;; esac

# Undo: the links go, and the path with them.
out=$(c link --undo last 2>&1)
case "$out" in "removed 1 link(s) of 1 run(s)"*) ;; *) fail "undo said: $out" ;; esac
expect "$(trace)" "" "no path after undo"
expect "$(c query --format tsv 'ASK { GRAPH <https://w3id.org/corridor/id/links> { ?s ?p ?o } }' | tail -1)" "false" \
  "the links graph is empty after undo"

# By id, as close matches: skos:closeMatch, which SAMEAS does not follow.
id=$(c link --format csv | awk -F, '/mofcom/ { print $1 }')
c -q link --accept "$id" --as close-match
expect "$(trace)" "" "a closeMatch is not smushed"
c -q link --undo all

# Mistakes: clear messages and exit statuses, nothing written.
printf 'id,a,b,accept\nx,https://w3id.org/corridor/id/MOFCOM,https://w3id.org/corridor/id/mofcom,perhaps\n' > bad.csv
set +e
out=$(c link --accept bad.csv 2>&1); rc=$?
expect "$rc" "1" "bad review exit status"
case "$out" in *"bad.csv:2:4: accept 'perhaps' is not one of yes, no, sameAs, closeMatch"*) ;; *) fail "bad review: $out" ;; esac
c link --accept deadbeef >/dev/null 2>&1; expect "$?" "1" "unknown candidate id"
c link --accept all --undo last >/dev/null 2>&1; expect "$?" "2" "--accept with --undo"
c link --undo last >/dev/null 2>&1; expect "$?" "1" "nothing to undo"
set -e
expect "$(c query --format tsv 'ASK { GRAPH <https://w3id.org/corridor/id/links> { ?s ?p ?o } }' | tail -1)" "false" \
  "mistakes write nothing"
c check >/dev/null
echo "link ok"
