#!/usr/bin/env python3
"""A long stress run of `corridor serve`: readers and writers at once, bounded in time.

  tests/stress/serve_stress.py path/to/corridor [--seconds 60] [--clients 8] [--store DIR]

A server on a free loopback port serves the founding case, with --allow-update. For --seconds:
  - --clients threads send a mix of lookups, COUNTs, a TRACE and a CONSTRUCT (keep-alive
    connections, SPARQL JSON results);
  - one thread writes through the server (INSERT DATA of one batch of 10 marker triples, then
    DELETE DATA of half of them, over and over);
  - one thread writes through another process (`corridor update` of its own batches of 10), so
    the server must catch up with commits it did not make.
Checked: every answer is 200, or 503 with Retry-After (busy, or the store's writer lock held by the
other process); never a 500, a reset connection or a malformed body. Every count of marker triples
is a whole number of batches (a snapshot never shows half a write). The server's memory after the
run is reported beside its memory after warm-up. At the end the writers' successes are all in the
store and `corridor check` passes. Prints figures for docs/reliability.md; exits 1 on any violation.
"""
import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

TOKEN = "stress-run-token-0123456789abcdef"
EX = "http://stress.example/"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = None

    def post(self, path, body, headers):
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.conn.request("POST", path, body=body, headers=headers)
                r = self.conn.getresponse()
                return r.status, r.getheader("Retry-After"), r.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server closed (its keep-alive limit) is reopened once;
                # a second failure is a real one.
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise

    def query(self, text):
        return self.post("/sparql", urllib.parse.urlencode({"query": text}),
                         {"Content-Type": "application/x-www-form-urlencoded",
                          "Accept": "application/sparql-results+json, text/turtle;q=0.5"})

    def update(self, text):
        return self.post("/sparql", text, {"Content-Type": "application/sparql-update",
                                            "Authorization": "Bearer " + TOKEN})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corridor")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--store")
    args = ap.parse_args()
    src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    tmp = tempfile.mkdtemp(prefix="corridor-serve-stress-")
    store = args.store or os.path.join(tmp, "db")
    c = lambda *a, **k: subprocess.run([args.corridor, "-q", "--store", store, *a], **k)
    c("load", "--graph", "https://w3id.org/corridor/ns", os.path.join(src, "examples/tcriz/vocabulary.ttl"), check=True)
    c("load", os.path.join(src, "examples/tcriz/tcriz.trig"), check=True)
    log = open(os.path.join(tmp, "serve.log"), "w+")
    server = subprocess.Popen([args.corridor, "--store", store, "serve", "--port", "0", "--allow-update", "--token",
                               TOKEN, "--max-concurrent", str(max(4, args.clients // 2))], stderr=log)
    port = None
    for _ in range(100):
        log.seek(0)
        m = re.search(r"127\.0\.0\.1:(\d+)/sparql", log.read())
        if m:
            port = int(m.group(1))
            break
        time.sleep(0.1)
    if port is None:
        sys.exit("FAIL: the server did not start")

    trace = open(os.path.join(src, "examples/queries/trace-gradual-descent.rq")).read()
    queries = [
        "SELECT ?z ?l WHERE { ?z a pmz:Zone ; rdfs:label ?l }",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}p> ?o }}",
        trace,
        "CONSTRUCT { ex:TCRIZ ?p ?o } WHERE { ex:TCRIZ ?p ?o }",
        "SELECT ?t (COUNT(*) AS ?n) WHERE { ?s a ?t } GROUP BY ?t ORDER BY DESC(?n)",
    ]
    stop = time.time() + args.seconds
    lock = threading.Lock()
    stats = {"answers": 0, "busy": 0, "violations": [], "latencies": [], "writes_http": 0, "writes_cli": 0,
             "cli_busy": 0}
    markers = {"http": set(), "cli": set()}  # batch numbers that committed

    def violation(what):
        with lock:
            stats["violations"].append(what)

    def reader(i):
        client = Client(port)
        n = 0
        while time.time() < stop:
            q = queries[(i + n) % len(queries)]
            n += 1
            t0 = time.perf_counter()
            try:
                status, retry, body = client.query(q)
            except Exception as e:
                violation(f"reader {i}: {type(e).__name__}: {e}")
                return
            ms = (time.perf_counter() - t0) * 1000
            if status == 503 and retry:
                with lock:
                    stats["busy"] += 1
                time.sleep(0.05)
                continue
            if status != 200:
                violation(f"reader {i}: status {status}: {body[:200]!r}")
                continue
            with lock:
                stats["answers"] += 1
                stats["latencies"].append(ms)
            if q.startswith("SELECT (COUNT"):
                count = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
                # Batches insert 10 triples and delete 5 of them: 5 or 10 per batch, never a part.
                if count % 5:
                    violation(f"a count of {count} marker triples: part of a write")

    def http_writer():
        client = Client(port)

        def send(text):  # an update, again while the store is busy (503), for at most 30 s
            deadline = time.time() + 30
            status, _, body = client.update(text)
            while status == 503 and time.time() < deadline:
                time.sleep(0.05)
                status, _, body = client.update(text)
            return status, body

        b = 0
        while time.time() < stop:
            b += 1
            for operation, n in (("INSERT DATA", 10), ("DELETE DATA", 5)):  # 10 in, then 5 of them out
                triples = " ".join(f"<{EX}h{b}_{k}> <{EX}p> {k} ." for k in range(n))
                status, body = send(f"{operation} {{ {triples} }}")
                if status != 200:
                    violation(f"http writer: {status}: {body[:200]!r}")
                    return
            with lock:
                stats["writes_http"] += 1
                markers["http"].add(b)

    def cli_writer():
        b = 0
        while time.time() < stop:
            b += 1
            triples = " ".join(f"<{EX}c{b}_{k}> <{EX}p> {k} ." for k in range(10))
            r = subprocess.run([args.corridor, "-q", "--store", store, "update", f"INSERT DATA {{ {triples} }}"],
                               capture_output=True, text=True)
            if r.returncode == 4:  # the server's writer holds the lock: exit 4 at once, as documented
                with lock:
                    stats["cli_busy"] += 1
                time.sleep(0.05)
                continue
            if r.returncode != 0:
                violation(f"cli writer: exit {r.returncode}: {r.stderr[:200]}")
                return
            with lock:
                stats["writes_cli"] += 1
                markers["cli"].add(b)
            time.sleep(0.1)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(args.clients)]
    threads += [threading.Thread(target=http_writer), threading.Thread(target=cli_writer)]
    warm = None
    for t in threads:
        t.start()
    time.sleep(min(5, args.seconds / 4))
    warm = rss_kib(server.pid)
    samples = []
    while time.time() < stop:  # the server's memory over the run, every tenth of it
        time.sleep(min(max(0.0, stop - time.time()), args.seconds / 10))
        samples.append(rss_kib(server.pid) // 1024)
    for t in threads:
        t.join(args.seconds + 120)
    end_rss = rss_kib(server.pid)
    server.terminate()
    server.wait(30)

    # Every write that reported success is in the store; the indexes agree.
    def present(prefix, batch, k):
        out = c("query", "--format", "tsv", f"ASK {{ <{EX}{prefix}{batch}_{k}> <{EX}p> {k} }}",
                capture_output=True, text=True).stdout
        return "true" in out
    for b in sorted(markers["http"])[-20:]:
        if present("h", b, 4) or not present("h", b, 9):
            violation(f"http batch {b} is not as committed")
    for b in sorted(markers["cli"])[-20:]:
        if not present("c", b, 0):
            violation(f"cli batch {b} is missing")
    check = c("check", capture_output=True, text=True)
    if check.returncode != 0:
        violation("corridor check: " + check.stdout[-300:] + check.stderr[-300:])

    lat = sorted(stats["latencies"])
    pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else float("nan")
    print(f"serve stress: {args.seconds:.0f} s, {args.clients} readers, one writer over HTTP, one `corridor update` "
          f"process")
    print(f"  answers {stats['answers']} ({stats['answers'] / args.seconds:.0f}/s), busy (503) {stats['busy']}, "
          f"latency p50 {pct(50):.1f} ms, p99 {pct(99):.1f} ms, max {lat[-1] if lat else 0:.0f} ms")
    print(f"  writes: {stats['writes_http']} batches over HTTP, {stats['writes_cli']} by the other process "
          f"({stats['cli_busy']} told the store was busy)")
    print(f"  server RSS: {warm / 1024:.0f} MiB after warm-up, {end_rss / 1024:.0f} MiB at the end; "
          f"over the run (MiB): {' '.join(map(str, samples))}")
    print(f"  violations: {len(stats['violations'])}")
    for v in stats["violations"][:20]:
        print("   ", v)
    subprocess.run(["rm", "-rf", tmp])
    return 1 if stats["violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
