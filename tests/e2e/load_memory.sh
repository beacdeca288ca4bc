#!/usr/bin/env bash
# `corridor load --memory-limit MIB`: a limit too small to be meant is refused; a statement longer
# than a quarter of the limit stops the load with its position (serd would hold all of it), the
# store unchanged; a load far larger than the limit spills and lands whole and consistent.
# Usage: load_memory.sh path/to/corridor
set -euo pipefail
corridor=$1
source "$(dirname "$0")/scratch.sh"

c -q load --memory-limit 8 /dev/null 2> err && fail "a limit of 8 MiB was accepted"
grep -q -- "--memory-limit 8: a load needs at least 16 MiB" err || fail "message: $(cat err)"

# Line 3 holds a literal of 5 MiB: past a quarter of 16 MiB.
python3 - <<'PY'
with open("long.nt", "w") as f:
    f.write('<http://e/a> <http://e/p> "short" .\n<http://e/a> <http://e/p> "also short" .\n')
    f.write('<http://e/b> <http://e/p> "' + "x" * (5 << 20) + '" .\n')
PY
c -q load --memory-limit 16 long.nt 2> err && fail "a 5 MiB statement loaded under a 16 MiB limit"
grep -q "^long.nt:3:[0-9]*: no statement ends within 4 MiB of text: a load holds at most a quarter of its memory limit (16 MiB) in one statement; raise it with --memory-limit MIB" err ||
  fail "message: $(head -c 300 err)"
: > empty.nt
c -q load empty.nt
n=$(c query --format tsv 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' | tail -1 | cut -d'"' -f2)
expect "$n" 0 "quads after the refused load"
c -q load long.nt # the default limit (512 MiB) holds it
n=$(c query --format tsv 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' | tail -1 | cut -d'"' -f2)
expect "$n" 3 "quads after the load under the default limit"

# 120,000 triples with 40,000 distinct subjects under 16 MiB: the term table and the staged quads
# spill, and every index is written as several files.
python3 - <<'PY'
with open("big.nt", "w") as f:
    for i in range(120000):
        f.write(f'<http://e/s{i // 3}> <http://e/p{i % 3}> "value number {i}" .\n')
PY
c -q load --memory-limit 16 big.nt
n=$(c query --format tsv 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }' | tail -1 | cut -d'"' -f2)
expect "$n" 120003 "quads after the spilling load"
v=$(c query --format tsv 'SELECT ?o { <http://e/s37777> <http://e/p2> ?o }' | tail -1)
expect "$v" '"value number 113333"' "a value written through the spill"
c -q check > /dev/null || fail "check after the spilling load"
echo "load memory ok"
