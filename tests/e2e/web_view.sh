#!/usr/bin/env bash
# The web view through a real browser: Debian's Chromium, driven by playwright-core from the
# web view's pinned npm packages (in the build folder), against `corridor serve` on loopback.
# Usage: web_view.sh path/to/corridor SOURCE_DIR NODE_MODULES [SCREENSHOT]
set -euo pipefail
corridor=$1
src=$2
modules=$3
screenshot=${4:-}
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "FAIL: Chromium is missing (apt install chromium)"; exit 1; }
[ -d "$modules/playwright-core" ] || { echo "FAIL: playwright-core is missing (the web view was not built: $modules)"; exit 1; }
dir=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
c() { "$corridor" --store "$dir/db" "$@"; }
c -q load --graph https://w3id.org/corridor/ns "$src/examples/tcriz/vocabulary.ttl"
c -q load "$src/examples/tcriz/tcriz.trig"
expected=$(c query --format cytoscape -f "$src/examples/queries/trace-gradual-descent.rq" |
  python3 -c 'import json, sys; print(len(json.load(sys.stdin)["elements"]["nodes"]))')

timeout 120 "$corridor" --store "$dir/db" serve --port 0 2> "$dir/serve.log" &
server=$!
for _ in $(seq 50); do grep -q "sparql" "$dir/serve.log" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$dir/serve.log" | head -1 | cut -d: -f2)
[ -n "$port" ] || { echo "FAIL: the server did not start"; cat "$dir/serve.log"; exit 1; }
timeout 90 node "$src/tests/e2e/web_view.cjs" "http://127.0.0.1:$port/" "$modules" "$chromium" "$expected" $screenshot
