#!/usr/bin/env bash
# A full disk and a read-only file system: a clear error (exit 3), no damage,
# and the store usable again once there is room. Needs to mount a small tmpfs
# (root); skipped otherwise.
# Usage: disk_full.sh path/to/corridor
set -uo pipefail
corridor=$1
dir=$(mktemp -d)
mnt="$dir/fs"
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=10m tmpfs "$mnt" 2>/dev/null; then
  echo "skipped: cannot mount a tmpfs here (needs root and mount permission)"
  rm -rf "$dir"
  exit 77
fi
trap 'umount "$mnt" 2>/dev/null; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
store="$mnt/db"
c() { "$corridor" --store "$store" "$@"; }

printf '<http://e/a> <http://e/p> "before" .\n' > "$dir/small.nt"
c -q load "$dir/small.nt" || fail "first load"
before=$(c export --format nquads | sort)
# 600,000 triples with long literals: far more than 10 MB once staged and indexed.
awk 'BEGIN { for (i = 0; i < 600000; i++) printf "<http://e/s%d> <http://e/p> \"a long enough value number %d to fill the disk quickly\" .\n", i, i }' > "$dir/big.nt"

out=$(c load "$dir/big.nt" 2>&1); rc=$?
[ $rc = 3 ] || fail "a load that fills the disk exited $rc: $out"
grep -qi "disk is full\|no space" <<<"$out" || fail "the message does not say the disk is full: $out"
c -q check || fail "the store is not consistent after the failed load"
[ "$(c export --format nquads | sort)" = "$before" ] || fail "the store changed"
ls "$store" | grep -q '^tmp-' && fail "the failed load left its scratch folder"

# A dummy file takes the rest of the room: an update fails cleanly, then works once it is gone.
dd if=/dev/zero of="$mnt/filler" bs=1M count=64 2>/dev/null
out=$(c update 'INSERT DATA { <http://e/b> <http://e/p> "after" }' 2>&1); rc=$?
[ $rc = 3 ] || [ $rc = 0 ] || fail "an update on a full disk exited $rc: $out"
rm -f "$mnt/filler"
c -q update 'INSERT DATA { <http://e/c> <http://e/p> "room again" }' || fail "no update once there is room"
c -q check || fail "the store is not consistent after the disk was full"
[ "$(c query --format csv 'ASK { <http://e/c> <http://e/p> "room again" }' | tr -d '\r')" = true ] || fail "the update is missing"

# Read-only file system: readers work, writers get a clear error.
mount -o remount,ro "$mnt" || fail "cannot remount read-only"
[ "$(c query --format csv 'ASK { <http://e/a> <http://e/p> "before" }' | tr -d '\r')" = true ] || fail "a reader failed on a read-only file system"
out=$(c load "$dir/small.nt" 2>&1); rc=$?
[ $rc = 3 ] || fail "a write on a read-only file system exited $rc: $out"
grep -qi "read-only\|permission" <<<"$out" || fail "the message does not say why: $out"
mount -o remount,rw "$mnt"
c -q check || fail "the store is not consistent after the read-only spell"
echo ok
