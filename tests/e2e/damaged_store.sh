#!/usr/bin/env bash
# A damaged store is refused with a message that says what to do, never answered
# from: a data file missing, cut short or with a flipped byte; a lost CURRENT file.
# A backup opens as a store of its own and restores what was lost.
# Usage: damaged_store.sh path/to/corridor
set -euo pipefail
corridor=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
fail() { echo "FAIL: $*"; exit 1; }
for i in $(seq 1 3000); do echo "<http://d/s$((i % 300))> <http://d/p$((i % 7))> \"v $i\" <http://d/g$((i % 3))> ."; done > data.nq

fresh() { rm -rf db; "$corridor" --store db -q load data.nq; }
refused() { # what: the store must be refused by readers and writers with exit 3 and advice
  for cmd in "query SELECT(COUNT(*)AS?n){?s?p?o}" "stats" "export" "load data.nq"; do
    set +e
    out=$("$corridor" --store db $cmd 2>&1); rc=$?
    set -e
    [ $rc = 3 ] || fail "$1: '$cmd' exited $rc: $out"
    grep -q "damaged" <<<"$out" || fail "$1: '$cmd' says: $out"
    grep -q "restore a backup" <<<"$out" || fail "$1: no advice in: $out"
  done
}

fresh; rm "$(ls db/*.sst | sed -n 4p)"; refused "a missing data file"
fresh; f=$(ls db/*.sst | sed -n 5p); truncate -s $(( $(stat -c %s "$f") / 2 )) "$f"; refused "a data file cut short"
fresh; rm db/CURRENT; refused "a lost CURRENT file"

# A flipped byte inside an index file: found by a checksum when read, or by check.
fresh; f=$(ls -S db/*.sst | head -1)
printf '\x5a\x5a\x5a\x5a' | dd of="$f" bs=1 seek=$(( $(stat -c %s "$f") / 3 )) conv=notrunc 2>/dev/null
set +e
out=$("$corridor" --store db check 2>&1); rc=$?
set -e
[ $rc = 3 ] || fail "check of a flipped byte exited $rc: $out"
grep -q "checksum" <<<"$out" || fail "check of a flipped byte says: $out"

# A backup taken before the damage restores it.
fresh; "$corridor" --store db -q backup backup
rm "$(ls db/*.sst | sed -n 4p)"; refused "a missing data file (before the restore)"
rm -rf db && mv backup db
[ "$("$corridor" --store db query --format csv 'SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }' | tail -1 | tr -d '\r')" = 3000 ] \
  || fail "the restored backup does not hold the data"
"$corridor" --store db -q check || fail "the restored backup is not consistent"
echo ok
