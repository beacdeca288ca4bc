#!/usr/bin/env bash
# SERVICE over real HTTP on 127.0.0.1: a local store (the EIZ case) asks a second `corridor serve`
# (the TCRIZ case) and gets the answer one store holding both would give; bindings go along as
# VALUES (one request for many rows); an endpoint from a variable; SILENT; and clear errors for a
# dead endpoint, an endpoint that answers 500 or HTML, and one that never answers (--timeout).
# Usage: federation.sh path/to/corridor SOURCE_DIR
set -euo pipefail
corridor=$1
src=$2
dir=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT
cd "$dir"
lq() { "$corridor" --store "$dir/local" "$@"; }

"$corridor" -q --store "$dir/remote" load --graph https://w3id.org/corridor/ns "$src/examples/tcriz/vocabulary.ttl"
"$corridor" -q --store "$dir/remote" load "$src/examples/tcriz/tcriz.trig"
lq -q import --graph https://w3id.org/corridor/id/EIZ_case "$src/examples/eiz/nodes.csv" "$src/examples/eiz/edges.csv"
# One store with both, for the expected answers.
"$corridor" -q --store "$dir/both" load --graph https://w3id.org/corridor/ns "$src/examples/tcriz/vocabulary.ttl"
"$corridor" -q --store "$dir/both" load "$src/examples/tcriz/tcriz.trig"
"$corridor" -q --store "$dir/both" import --graph https://w3id.org/corridor/id/EIZ_case \
  "$src/examples/eiz/nodes.csv" "$src/examples/eiz/edges.csv"

timeout 120 "$corridor" --store "$dir/remote" serve --port 0 2> "$dir/serve.log" &
pids+=($!)
for _ in $(seq 50); do grep -q "sparql" "$dir/serve.log" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$dir/serve.log" | head -1 | cut -d: -f2)
[ -n "$port" ] || { echo "FAIL: the server did not start"; cat "$dir/serve.log"; exit 1; }
remote="http://127.0.0.1:$port/sparql"

# Actors of the EIZ case that the TCRIZ case also describes (shared ids), with their TCRIZ labels.
lq query --format csv "SELECT DISTINCT ?a ?label WHERE {
  GRAPH <https://w3id.org/corridor/id/EIZ_case> { ?a a ?type }
  SERVICE <$remote> { ?a rdfs:label ?label FILTER(lang(?label) = 'en') } } ORDER BY ?a ?label" > federated.csv
"$corridor" --store "$dir/both" query --format csv "SELECT DISTINCT ?a ?label WHERE {
  GRAPH <https://w3id.org/corridor/id/EIZ_case> { ?a a ?type }
  GRAPH ?g { ?a rdfs:label ?label FILTER(lang(?label) = 'en') }
  FILTER(?g != <https://w3id.org/corridor/id/EIZ_case>) } ORDER BY ?a ?label" > expected.csv
[ "$(wc -l < federated.csv)" -gt 2 ] || { echo "FAIL: too few shared actors"; cat federated.csv; exit 1; }
diff expected.csv federated.csv || { echo "FAIL: SERVICE differs from one store holding both"; exit 1; }
grep -q "Ministry of Commerce" federated.csv || { echo "FAIL: MOFCOM is not shared"; exit 1; }

# A bind join sends the left side's values in one request, not one per row.
before=$(grep -c "POST /sparql" serve.log || true)
rows=$(lq query --format tsv "SELECT ?a ?t WHERE { ?a a ?t . SERVICE <$remote> { ?a a ?t } }" | tail -n +2 | wc -l)
# (the server logs a request after answering it: give the line a moment to appear)
for _ in $(seq 20); do
  after=$(grep -c "POST /sparql" serve.log || true)
  [ "$after" -gt "$before" ] && break
  sleep 0.1
done
sleep 0.2
after=$(grep -c "POST /sparql" serve.log || true)
[ "$rows" -gt 0 ] && [ $((after - before)) = 1 ] || { echo "FAIL: $rows rows in $((after - before)) requests"; exit 1; }
lq query --explain "SELECT ?a ?t WHERE { ?a a ?t . SERVICE <$remote> { ?a a ?t } }" | grep -q "service bind join" ||
  { echo "FAIL: no bind join"; exit 1; }

# The endpoint from a variable.
n=$(lq query --format tsv "SELECT ?z WHERE { VALUES ?e { <$remote> } SERVICE ?e { ?z a pmz:Zone } }" | tail -n +2 | wc -l)
[ "$n" = 2 ] || { echo "FAIL: SERVICE ?e gave $n zones"; exit 1; }

# Failures. A dead port: an error naming the endpoint and the SERVICE's position; SILENT: one
# empty solution and a warning.
dead="http://127.0.0.1:9/sparql"
set +e
lq query "SELECT * WHERE { SERVICE <$dead> { ?s ?p ?o } }" > out.txt 2> err.txt
rc=$?
set -e
[ $rc != 0 ] && grep -q "service error at line 1, column 18: <$dead>: no answer: cannot connect" err.txt ||
  { echo "FAIL: dead endpoint (exit $rc)"; cat err.txt; exit 1; }
lq query --format csv "SELECT ?x ?s WHERE { BIND(1 AS ?x) SERVICE SILENT <$dead> { ?s ?p ?o } }" > silent.csv 2> err.txt
[ "$(tr -d '\r' < silent.csv)" = "$(printf 'x,s\n1,')" ] || { echo "FAIL: SILENT"; cat silent.csv; exit 1; }
grep -q "SERVICE SILENT <$dead> failed" err.txt || { echo "FAIL: SILENT without a warning"; exit 1; }

# Endpoints that answer badly, and one that never answers: a small Python server.
pyport=$(python3 - <<'PY'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
)
python3 - "$pyport" <<'PY' &
import http.server, sys, time
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_POST(self):
        if self.path == "/hang":
            time.sleep(30)
            return
        if self.path == "/html":
            self.send_response(200); self.send_header("Content-Type", "text/html"); self.end_headers()
            self.wfile.write(b"<html>login</html>")
            return
        self.send_response(500); self.send_header("Content-Type", "text/plain"); self.end_headers()
        self.wfile.write(b"out of memory\n")
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
pids+=($!)
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $pyport), 1)" 2>/dev/null && break; sleep 0.1; done
set +e
lq query "SELECT * WHERE { SERVICE <http://127.0.0.1:$pyport/fail> { ?s ?p ?o } }" > /dev/null 2> err.txt
grep -q "the endpoint answered 500: out of memory" err.txt || { echo "FAIL: 500"; cat err.txt; exit 1; }
lq query "SELECT * WHERE { SERVICE <http://127.0.0.1:$pyport/html> { ?s ?p ?o } }" > /dev/null 2> err.txt
grep -q "text/html instead of SPARQL JSON results" err.txt || { echo "FAIL: html"; cat err.txt; exit 1; }
start=$(date +%s%N)
lq query --timeout 1 "SELECT * WHERE { SERVICE <http://127.0.0.1:$pyport/hang> { ?s ?p ?o } }" > /dev/null 2> err.txt
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
set -e
[ $rc = 5 ] && [ $ms -lt 5000 ] || { echo "FAIL: a hanging endpoint: exit $rc after $ms ms"; cat err.txt; exit 1; }
# https: a server whose certificate nobody signed is refused, not trusted silently.
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 -subj "/CN=127.0.0.1" 2>/dev/null
  tlsport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 - "$tlsport" <<'PY' &
import http.server, ssl, sys
s = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), http.server.BaseHTTPRequestHandler)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain("cert.pem", "key.pem")
s.socket = ctx.wrap_socket(s.socket, server_side=True)
s.serve_forever()
PY
  pids+=($!)
  for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $tlsport), 1)" 2>/dev/null && break; sleep 0.1; done
  set +e
  lq query "SELECT * WHERE { SERVICE <https://127.0.0.1:$tlsport/sparql> { ?s ?p ?o } }" > /dev/null 2> err.txt
  set -e
  grep -q "TLS certificate is not trusted" err.txt || { echo "FAIL: https"; cat err.txt; exit 1; }
fi
echo "federation ok: $(($(wc -l < federated.csv) - 1)) shared actors, hanging endpoint stopped after $ms ms"
