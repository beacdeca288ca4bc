#!/usr/bin/env bash
# corridor update, load --replace and shell updates from the command line:
# what they print, what they change, exit statuses, and a consistent store after.
# Usage: update_cli.sh path/to/corridor
set -euo pipefail
corridor=$1
source "$(dirname "$(readlink -f "$0")")/scratch.sh"

cat > case.trig <<'TRIG'
@prefix ex: <http://e/> .
ex:src1 { ex:f1 ex:confidence "medium" ; ex:year 2009 . }
ex:src2 { ex:f2 ex:confidence "high" . }
TRIG
c -q load case.trig

# An update from the command line, from a file and from standard input.
out=$(c update 'PREFIX ex: <http://e/> INSERT DATA { GRAPH ex:src1 { ex:f3 ex:confidence "low" } }' 2>&1)
expect "$out" "inserted 1, deleted 0 quads" "update text"
printf 'PREFIX ex: <http://e/>\nDELETE WHERE { ex:f3 ?p ?o }\n' > fix.ru
expect "$(c update -f fix.ru 2>&1)" "inserted 0, deleted 1 quads" "update -f"
expect "$(printf 'DELETE DATA { <http://e/nothing> <http://e/p> 1 }' | c update -f - 2>&1)" \
  "inserted 0, deleted 0 quads" "update from stdin"

# --dry-run reports and writes nothing.
before=$(c export --format nquads | sort)
out=$(c update --dry-run 'PREFIX ex: <http://e/> DELETE { ?f ex:confidence ?c } WHERE { ?f ex:confidence ?c }' 2>&1)
expect "$out" "inserted 0, deleted 2 quads (dry run: nothing written)" "dry run"
expect "$(c export --format nquads | sort)" "$before" "store after a dry run"

# LOAD reads a local file: a path relative to the working folder, or a file: IRI.
printf '<http://e/l1> <http://e/p> "loaded" .\n' > extra.nt
expect "$(c update 'LOAD <extra.nt> INTO GRAPH <http://e/extra>' 2>&1)" "inserted 1, deleted 0 quads" "LOAD path"
expect "$(c update "LOAD <file://$dir/extra.nt>" 2>&1)" "inserted 1, deleted 0 quads" "LOAD file IRI"
set +e
out=$(c update 'LOAD <missing.ttl>' 2>&1); rc=$?
set -e
expect "$rc" 1 "LOAD of a missing file exits 1"
grep -q "cannot read missing.ttl: no such file" <<<"$out" || fail "LOAD message: $out"

# A failing request changes nothing.
before=$(c export --format nquads | sort)
set +e
c update 'PREFIX ex: <http://e/> DROP GRAPH ex:src1 ; CREATE GRAPH ex:src2 ; INSERT DATA { ex:a ex:b ex:c }' 2>/dev/null; rc=$?
set -e
expect "$rc" 1 "a failing request exits 1"
expect "$(c export --format nquads | sort)" "$before" "store after a failed request"

# load --replace: the graphs of the file hold exactly what the revised file says.
sed -e 's/"medium"/"low"/' -e 's/ex:year 2009 //' -e 's/ ;  *\./ ./' case.trig > revised.trig
out=$(c load --replace revised.trig 2>&1)
grep -q "1 new quads, 2 quads removed from 2 graph(s)" <<<"$out" || fail "load --replace: $out"
expect "$(c query --format csv 'SELECT ?c WHERE { <http://e/f1> <http://e/confidence> ?c }' | tail -n +2 | tr -d '\r')" "low" "replaced fact"
expect "$(c query --format csv 'ASK { <http://e/f1> <http://e/year> ?y }' | tr -d '\r')" "false" "removed fact"
set +e
out=$(c load --replace extra.nt 2>&1); rc=$?
set -e
expect "$rc" 2 "--replace into the default graph is refused"

# The shell runs updates; from a pipe, a failing request makes the exit status non-zero,
# and the last request needs no terminator.
out=$(printf 'INSERT DATA { <http://e/s> <http://e/p> 1 };\nSELECT ?o WHERE { <http://e/s> <http://e/p> ?o }' | c shell 2>&1)
grep -q 'inserted 1, deleted 0 quads' <<<"$out" || fail "shell update: $out"
grep -q '"1"^^<http://www.w3.org/2001/XMLSchema#integer>' <<<"$out" || fail "shell last request: $out"
set +e
printf 'SELECT ?x WHERE { ?x };\nASK {}\n' | c shell >/dev/null 2>&1; rc=$?
set -e
expect "$rc" 1 "shell exit status after an error"

c check >/dev/null || fail "store inconsistent"
echo ok
