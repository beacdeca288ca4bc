# Sourced by the end-to-end scripts after they set `corridor`: a scratch folder that is removed
# on exit (and made the working folder), `c` to run corridor on a store in it, and `fail` /
# `expect` for checks.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
c() { "$corridor" --store "$dir/db" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
expect() { [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"; }
