#!/usr/bin/env bash
# Many small commits keep the store's file count bounded: each commit ingests a small file per
# column family, and without the compaction after a commit 300 one-triple updates left 1,811 SST
# files, every one kept open by each reader (docs/reliability.md). Here 80 updates (about 7 files
# each without it): at most 48 files in each of the 9 column families, every triple is there, and
# the empty write-ahead logs of earlier opens are gone.
# Usage: small_commits.sh path/to/corridor
set -euo pipefail
corridor=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
c() { "$corridor" -q --store "$dir/db" "$@"; }
for i in $(seq 80); do c update "INSERT DATA { <http://e/a$i> <http://e/p> $i }"; done
files=$(ls "$dir/db" | grep -c '\.sst$')
logs=$(ls "$dir/db" | grep -c '\.log$' || true)
n=$(c query --format tsv 'SELECT (COUNT(*) AS ?n) WHERE { ?s <http://e/p> ?o }' | tail -1 | cut -d'"' -f2)
c check > /dev/null
[ "$n" = 80 ] || { echo "FAIL: $n of 80 triples"; exit 1; }
[ "$files" -le 441 ] || { echo "FAIL: $files SST files after 80 small commits"; exit 1; }
# RocksDB 7.8 left one empty write-ahead log per writer's open (80 here); the open removes them.
[ "$logs" -le 2 ] || { echo "FAIL: $logs write-ahead logs after 80 small commits"; exit 1; }
echo "small commits ok: 80 updates, $files SST files, $logs write-ahead logs"
