#!/usr/bin/env bash
# corridor serve through real HTTP clients on 127.0.0.1: the SPARQL 1.1 Protocol (GET, both POST
# encodings), content negotiation, errors with their status, read-only, new data seen without a
# restart, rdflib's SPARQLStore giving the CLI's answers, and a clean stop on SIGTERM.
# Usage: serve.sh path/to/corridor SOURCE_DIR
set -euo pipefail
corridor=$1
src=$2
dir=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
cd "$dir"
c() { "$corridor" --store "$dir/db" "$@"; }
c -q load --graph https://w3id.org/corridor/ns "$src/examples/tcriz/vocabulary.ttl"
c -q load "$src/examples/tcriz/tcriz.trig"

timeout 120 "$corridor" --store "$dir/db" serve --port 0 --timeout 10 --max-request-bytes 65536 2> "$dir/serve.log" &
server=$!
for _ in $(seq 50); do grep -q "sparql" "$dir/serve.log" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$dir/serve.log" | head -1 | cut -d: -f2)
[ -n "$port" ] || { echo "FAIL: the server did not start"; cat "$dir/serve.log"; exit 1; }

# The CLI's answer, to compare with.
q='SELECT ?zone WHERE { ?zone a pmz:Zone } ORDER BY ?zone'
c query --format csv "$q" | tr -d '\r' > cli.csv

pyrdf=python3
python3 -c 'import rdflib' 2>/dev/null || pyrdf=/usr/bin/python3
"$pyrdf" - "$port" "$dir" "$corridor" "$q" <<'PY'
import json, subprocess, sys, time, urllib.error, urllib.parse, urllib.request
port, d, corridor, q = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
url = f"http://127.0.0.1:{port}/sparql"

def call(method="GET", params=None, body=None, headers=None):
    data = None
    target = url
    if method == "GET":
        target += "?" + urllib.parse.urlencode(params or {})
    elif body is not None:
        data = body.encode()
    else:
        data = urllib.parse.urlencode(params or {}).encode()
    req = urllib.request.Request(target, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers.get("Content-Type"), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read().decode()

# GET, POST form, POST body: the same JSON results.
s1, t1, b1 = call("GET", {"query": q})
s2, _, b2 = call("POST", {"query": q}, headers={"Content-Type": "application/x-www-form-urlencoded"})
s3, _, b3 = call("POST", body=q, headers={"Content-Type": "application/sparql-query"})
assert s1 == s2 == s3 == 200 and t1.startswith("application/sparql-results+json"), (s1, s2, s3, t1)
zones = [b["zone"]["value"] for b in json.loads(b1)["results"]["bindings"]]
assert zones and json.loads(b2) == json.loads(b1) == json.loads(b3)
# Content negotiation: CSV equals the CLI's; XML; Turtle for CONSTRUCT; 406 for what does not fit.
s, t, csv_text = call("GET", {"query": q}, headers={"Accept": "text/csv"})
assert s == 200 and t.startswith("text/csv")
assert csv_text.replace("\r", "") == open(f"{d}/cli.csv").read(), (csv_text, open(f"{d}/cli.csv").read())
s, t, _ = call("GET", {"query": q}, headers={"Accept": "application/sparql-results+xml;q=0.9, text/plain;q=0.1"})
assert s == 200 and t.startswith("application/sparql-results+xml"), t
s, t, ttl = call("GET", {"query": "CONSTRUCT { ex:TCRIZ ?p ?o } WHERE { ex:TCRIZ ?p ?o }"}, headers={"Accept": "text/turtle"})
assert s == 200 and t.startswith("text/turtle") and "ex:TCRIZ" in ttl, (s, t)
import rdflib
construct = {"query": "CONSTRUCT { ex:TCRIZ ?p ?o } WHERE { ex:TCRIZ ?p ?o }"}
triples = len(rdflib.Graph().parse(data=ttl, format="turtle"))
for mime, syntax in (("application/n-quads", "nquads"), ("application/trig", "trig")):
    s, t, body = call("GET", construct, headers={"Accept": mime})
    ds = rdflib.Dataset()
    ds.parse(data=body, format=syntax)
    assert s == 200 and t.startswith(mime) and len(ds) == triples, (mime, s, t, len(ds), triples)
assert call("GET", {"query": "ASK {}"}, headers={"Accept": "image/png"})[0] == 406
# The protocol's dataset replaces the query's: default-graph-uri and named-graph-uri.
vocab = "https://w3id.org/corridor/ns"
count = lambda body: int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
n_param = count(call("GET", [("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), ("default-graph-uri", vocab)])[2])
n_from = count(call("GET", {"query": f"SELECT (COUNT(*) AS ?n) FROM <{vocab}> WHERE {{ ?s ?p ?o }}"})[2])
n_all = count(call("GET", {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})[2])
assert n_param == n_from and 0 < n_param < n_all, (n_param, n_from, n_all)
s, _, body = call("GET", [("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"), ("named-graph-uri", vocab)])
assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [vocab], body
assert call("GET", [("query", "ASK {}"), ("default-graph-uri", "not an iri")])[0] == 400
# Errors: a syntax error is 400 with its position; updates are refused (read-only); nothing changed.
s, _, msg = call("GET", {"query": "SELECT oops"})
assert s == 400 and "line 1, column 8" in msg, (s, msg)
assert call("POST", {"update": "DROP ALL"}, headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
assert call("POST", body="DROP ALL", headers={"Content-Type": "application/sparql-update"})[0] == 403
assert call("POST", body="x", headers={"Content-Type": "text/plain"})[0] == 415
assert call("GET", {})[0] == 400
# A request over --max-request-bytes is refused (413) before it is read into a query.
assert call("POST", body="SELECT * { ?s ?p ?o } #" + "x" * 70000, headers={"Content-Type": "application/sparql-query"})[0] == 413
# CORS is off unless asked for.
req = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}), headers={"Origin": "http://page.example"})
with urllib.request.urlopen(req, timeout=10) as r:
    assert r.headers.get("Access-Control-Allow-Origin") is None
# A write from another process shows without a restart.
before = len(zones)
subprocess.run([corridor, "--store", f"{d}/db", "-q", "update",
                "INSERT DATA { ex:NewZone a pmz:Zone }"], check=True)
time.sleep(0.7)
after = json.loads(call("GET", {"query": q})[2])["results"]["bindings"]
assert len(after) == before + 1, (before, len(after))
# Many clients while another process writes: every answer is 200 (or 503 when all query slots are
# busy), and every count is a whole number of the writer's requests (snapshots, never half a write).
import threading
countq = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://kill.example/w> { ?s ?p ?o } }"
seen, statuses = [], []
def client():
    for _ in range(10):
        s, _, body = call("GET", {"query": countq})
        statuses.append(s)
        if s == 200:
            seen.append(int(json.loads(body)["results"]["bindings"][0]["n"]["value"]))
threads = [threading.Thread(target=client) for _ in range(8)]
for t in threads: t.start()
for k in range(5):
    batch = " ".join(f"<https://kill.example/s{k}-{i}> <https://kill.example/p> {i} ." for i in range(100))
    subprocess.run([corridor, "--store", f"{d}/db", "-q", "--wait", "10", "update",
                    f"INSERT DATA {{ GRAPH <https://kill.example/w> {{ {batch} }} }}"], check=True)
for t in threads: t.join(timeout=60)
assert set(statuses) <= {200, 503} and statuses.count(200) >= 40, statuses
assert all(n % 100 == 0 and 0 <= n <= 500 for n in seen), sorted(set(seen))
# rdflib's SPARQLStore, a real client, gets the same answers.
from rdflib.plugins.stores.sparqlstore import SPARQLStore
store = SPARQLStore(url)
rows = sorted(str(r[0]) for r in store.query("PREFIX pmz: <https://w3id.org/corridor/ns#> SELECT ?zone WHERE { ?zone a pmz:Zone }"))
assert rows == sorted(zones + ["https://w3id.org/corridor/id/NewZone"]), rows
print("serve ok:", len(rows), "zones")
PY

# SIGTERM stops it cleanly.
kill -TERM "$server"
for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$server" 2>/dev/null; then echo "FAIL: the server did not stop on SIGTERM"; exit 1; fi
wait "$server" || { echo "FAIL: the server exited with $?"; exit 1; }
server=
grep -q "corridor serve: stopped" "$dir/serve.log"
grep -q "GET /sparql 200" "$dir/serve.log" || { echo "FAIL: no access log"; exit 1; }

# With --allow-update and a token: updates from requests that carry it, atomically, seen at once.
set +e
"$corridor" --store "$dir/db" serve --allow-update --port 0 >/dev/null 2>&1
[ $? = 2 ] || { echo "FAIL: --allow-update without a token"; exit 1; }
set -e
token=0123456789abcdef-test-token
timeout 120 "$corridor" --store "$dir/db" serve --port 0 --allow-update --token "$token" --cors http://page.example 2> "$dir/serve2.log" &
server=$!
for _ in $(seq 50); do grep -q "sparql" "$dir/serve2.log" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$dir/serve2.log" | head -1 | cut -d: -f2)
"$pyrdf" - "$port" "$token" <<'PY'
import json, sys, urllib.error, urllib.parse, urllib.request
port, token = sys.argv[1], sys.argv[2]
url = f"http://127.0.0.1:{port}/sparql"
def post(body, ctype, auth=None):
    headers = {"Content-Type": ctype}
    if auth: headers["Authorization"] = auth
    req = urllib.request.Request(url, data=body.encode(), method="POST", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
upd = "PREFIX ex: <https://w3id.org/corridor/id/> INSERT DATA { ex:ViaHttp a <https://w3id.org/corridor/ns#Zone> }"
assert post(upd, "application/sparql-update")[0] == 401
assert post(upd, "application/sparql-update", "Bearer wrong-token-of-same-size")[0] == 401
s, msg = post(upd, "application/sparql-update", f"Bearer {token}")
assert s == 200 and msg.strip() == "inserted 1, deleted 0 quads", (s, msg)
s, msg = post("update=" + urllib.parse.quote("DELETE DATA { <https://w3id.org/corridor/id/ViaHttp> a <https://w3id.org/corridor/ns#Zone> }"),
              "application/x-www-form-urlencoded", f"Bearer {token}")
assert s == 200 and "deleted 1" in msg, (s, msg)
s, msg = post("INSERT DATA { <http://e/a> <http://e/b> }", "application/sparql-update", f"Bearer {token}")
assert s == 400 and "line 1" in msg, (s, msg)
q = urllib.parse.urlencode({"query": "ASK { <https://w3id.org/corridor/id/ViaHttp> ?p ?o }"})
with urllib.request.urlopen(f"{url}?{q}", timeout=10) as r:
    assert json.loads(r.read())["boolean"] is False
    assert r.headers.get("Access-Control-Allow-Origin") == "http://page.example"   # --cors
pre = urllib.request.Request(url, method="OPTIONS", headers={"Origin": "http://page.example",
                                                            "Access-Control-Request-Method": "POST"})
with urllib.request.urlopen(pre, timeout=10) as r:
    assert r.status == 204 and "Authorization" in r.headers.get("Access-Control-Allow-Headers")
print("serve updates ok")
PY
kill -TERM "$server"; wait "$server"; server=
"$corridor" --store "$dir/db" check >/dev/null

# The Graph Store Protocol at /store: GET reads a graph; PUT replaces, POST adds, DELETE drops, with the token.
timeout 120 "$corridor" --store "$dir/db" serve --port 0 --allow-update --token "$token" 2> "$dir/serve3.log" &
server=$!
for _ in $(seq 50); do grep -q "sparql" "$dir/serve3.log" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$dir/serve3.log" | head -1 | cut -d: -f2)
"$pyrdf" - "$port" "$token" <<'PY'
import sys, urllib.error, urllib.parse, urllib.request
from rdflib import Graph
port, token = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}/store"
def call(method, graph, body=None, ctype=None, accept=None, auth=True):
    url = base + ("?default" if graph is None else "?" + urllib.parse.urlencode({"graph": graph}))
    headers = {}
    if ctype: headers["Content-Type"] = ctype
    if accept: headers["Accept"] = accept
    if auth: headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=body.encode() if body is not None else None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers.get("Content-Type"), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read().decode()
g = "https://example.org/gsp"
assert call("GET", g)[0] == 404
assert call("PUT", g, "<http://e/a> <http://e/p> \"1\" .", "application/n-triples", auth=False)[0] == 401
s, _, msg = call("PUT", g, "<http://e/a> <http://e/p> \"1\" .", "application/n-triples")
assert s == 201, (s, msg)
s, _, msg = call("POST", g, "@prefix e: <http://e/> . e:b e:p 2 .", "text/turtle")
assert s == 200 and "inserted 1" in msg, (s, msg)
s, t, ttl = call("GET", g, accept="text/turtle")
assert s == 200 and t.startswith("text/turtle") and len(Graph().parse(data=ttl, format="turtle")) == 2
s, t, js = call("GET", g, accept="application/ld+json")
assert s == 200 and len(Graph().parse(data=js, format="json-ld")) == 2
s, _, msg = call("PUT", g, "<http://e/c> <http://e/p> \"3\" .", "application/n-triples")   # replaces
assert s == 200 and "deleted 2" in msg, (s, msg)
assert len(Graph().parse(data=call("GET", g, accept="text/turtle")[2], format="turtle")) == 1
assert call("PUT", g, "<http://e/c> <http://e/p> .", "application/n-triples")[0] == 400     # bad data: nothing changes
assert len(Graph().parse(data=call("GET", g, accept="text/turtle")[2], format="turtle")) == 1
assert call("PUT", g, "x", "application/json")[0] == 415
s, _, msg = call("DELETE", g)
assert s == 200 and "deleted 1" in msg, (s, msg)
assert call("GET", g)[0] == 404 and call("DELETE", g)[0] == 404
assert call("GET", None, accept="application/n-triples")[0] == 200
print("graph store ok")
PY
kill -TERM "$server"; wait "$server"; server=
"$corridor" --store "$dir/db" check >/dev/null
echo "serve ok"
