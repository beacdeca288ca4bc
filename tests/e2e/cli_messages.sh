#!/usr/bin/env bash
# The command line says what is wrong, in words that hold, and overwrites nothing
# it should not: option values, empty queries, formats that do not fit, busy
# stores, export over devices and symlinks.
# Usage: cli_messages.sh path/to/corridor
set -euo pipefail
corridor=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
c() { "$corridor" --store "$dir/db" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
says() { # expected exit code, expected text, command...
  local code=$1 text=$2; shift 2
  set +e; out=$("$@" 2>&1); rc=$?; set -e
  [ "$rc" = "$code" ] || fail "'$*' exited $rc, not $code: $out"
  grep -qF -- "$text" <<<"$out" || fail "'$*' says: $out"
}
printf '<http://e/a> <http://e/p> "x" .\n' > a.nt
c -q load a.nt

# A query leaves nothing in the temporary folder (its reader's folder is removed even though the
# process leaves RocksDB to its exit), also when it fails.
mkdir tmp
TMPDIR="$dir/tmp" c query 'SELECT * { ?s ?p ?o }' > /dev/null
set +e; TMPDIR="$dir/tmp" c query 'SELECT * {' > /dev/null 2>&1; set -e
[ -z "$(ls -A tmp)" ] || fail "a query left files in TMPDIR: $(ls -A tmp)"
# A TMPDIR that is not a folder is named, with what to do (it was an "internal error").
TMPDIR="$dir/missing" says 3 "cannot use the temporary folder $dir/missing (TMPDIR): No such file or directory; a read-only open keeps a folder there, so set TMPDIR to a folder that exists" c query 'ASK {}'

for t in 0 -1 nan inf; do says 2 "give a number of seconds above 0" c query --timeout "$t" 'ASK {}'; done
says 2 "give a number of seconds, 0 or more" "$corridor" --wait -1 --store "$dir/db" stats
printf 'PREFIX e: <http://e/>\n# nothing else\n' > empty.rq
says 2 "the query is empty" c query -f empty.rq
says 2 "this is an update request: run it with \`corridor update\`" c query 'INSERT DATA { <http://e/a> <http://e/p> 1 }'
says 2 "this is a query, not an update request" c update 'SELECT * {}'
says 2 "--format turtle writes graphs; a SELECT result is a table of solutions" c query --format turtle 'SELECT * { ?s ?p ?o }'
says 2 "--format json does not fit a CONSTRUCT result" c query --format json 'CONSTRUCT WHERE { ?s ?p ?o }'
says 2 "cannot tell a format from the name x.xlsx" c export -o x.xlsx
[ ! -e x.xlsx ] && [ ! -e x.xlsx.partial ] || fail "a refused export left a file"
says 2 "RDF/XML is read, not written" c export -o x.rdf
[ ! -e x.rdf ] && [ ! -e x.rdf.partial ] || fail "a refused RDF/XML export left a file"

# Export to a device writes into it; to a symlink, where it points (the link stays).
c -q export --format nquads -o /dev/null
[ -c /dev/null ] || fail "/dev/null is no longer a device"
echo old > real.nq && ln -s real.nq link.nq
c -q export -o link.nq
[ -L link.nq ] || fail "the symlink was replaced"
grep -q '"x"' real.nq || fail "the symlink's target was not written"

# A second writer: exit 4 at once, or it waits with --wait.
seq 1 200000 | awk '{print "<http://e/s" $1 "> <http://e/p> \"" $1 "\" ."}' > big.nt
c -q load --graph http://e/g big.nt & writer=$!
sleep 0.15
says 4 "give --wait SECONDS" c load a.nt
wait $writer
c -q load --graph http://e/g2 big.nt & writer=$!
sleep 0.15
c --wait 60 -q load --graph http://e/g3 a.nt || fail "--wait did not wait for the other writer"
wait $writer
echo ok
