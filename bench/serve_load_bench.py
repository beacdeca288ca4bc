#!/usr/bin/env python3
"""Load test of the SPARQL endpoint: `corridor serve` beside Virtuoso's own SPARQL endpoint, in the
same run, on loopback, with the same HTTP load generator (wrk, Debian's package) and the same data.

Queries (pm100 by default): P1, a selective lookup (bench-peers/queries/pm/P1.rq), and T1, the
shortest partnership path between two firms (bench/queries/trace/T1: TRACE for Corridor,
Virtuoso's TRANSITIVE option for Virtuoso). Each runs for --seconds with 1 and with --clients
connections (keep-alive); both servers get the form-encoded POST of the SPARQL 1.1 Protocol and
answer SPARQL JSON results. Reported: requests per second, latency percentiles (wrk --latency),
and any non-2xx answers. Before the load, each query's answer is fetched once from both servers and
its row count compared.

Usage: bench/serve_load_bench.py [--dataset pm100] [--seconds 10] [--clients 8] [--no-virtuoso]
Env:   WORK (default /tmp/corridor-bench). Needs wrk and virtuoso-opensource (apt install wrk
       virtuoso-opensource). Prints a Markdown table for docs/benchmarks.md.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from bench_common import CORRIDOR, HERE, PEERS, WORK, data_file

sys.path.insert(0, os.path.join(PEERS, "peers"))


def encode(query, extra=None):
    return urllib.parse.urlencode({"query": query, **(extra or {})})


def fetch_rows(url, body):
    req = urllib.request.Request(url, data=body.encode(), method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded",
                                          "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return len(json.load(r)["results"]["bindings"])


def to_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    value, unit = float(m.group(1)), m.group(2)
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, body, clients, seconds):
    script = os.path.join(WORK, "serve-load", "post.lua")
    with open(script, "w") as f:
        f.write('wrk.method = "POST"\n'
                'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
                'wrk.headers["Accept"] = "application/sparql-results+json"\n'
                f"wrk.body = {json.dumps(body)}\n")
    out = subprocess.run(["wrk", "-t", str(min(2, clients)), "-c", str(clients), "-d", f"{seconds}s", "--latency",
                          "--timeout", "30s", "-s", script, url], capture_output=True, text=True, check=True).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for p in ("50", "90", "99"):
        result[p] = to_ms(re.search(rf"^\s+{p}%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    result["bad"] = int(bad.group(1)) if bad else 0
    errors = re.search(r"Socket errors: (.*)", out)
    result["socket"] = errors.group(1) if errors else ""
    return result


def start_corridor(dataset, port):
    store = os.path.join(WORK, "serve-load", dataset, "db")
    if not os.path.exists(store):
        subprocess.run([CORRIDOR, "-q", "--store", store, "load", data_file(dataset)], check=True)
    log = open(os.path.join(WORK, "serve-load", "corridor-serve.log"), "w")
    proc = subprocess.Popen([CORRIDOR, "--store", store, "serve", "--port", str(port), "--max-concurrent", "8",
                             "--timeout", "60"], stderr=log)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/prefixes", timeout=1)
            return proc
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("corridor serve did not start")


def start_virtuoso(dataset):
    """Virtuoso with its HTTP listener, loaded as bench-peers' driver loads it."""
    import virtuoso_peer as vp
    d = os.path.join(WORK, "serve-load", "virtuoso", dataset)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "www"))
    nt = os.path.abspath(data_file(dataset))
    datadir, fname = os.path.dirname(nt), os.path.basename(nt)
    with open(os.path.join(d, "virtuoso.ini"), "w") as f:
        f.write(vp.INI.format(d=d, port=vp.PORT, http=vp.HTTP, datadir=datadir, buffers=vp.BUFFERS,
                              dirty=vp.BUFFERS * 3 // 4, qtimeout=120))
    proc = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", os.path.join(d, "virtuoso.ini")], cwd=d,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    vp.wait_port(proc)
    graph = f"http://bench/{dataset}"
    vp.isql(f"ld_dir('{datadir}', '{fname}', '{graph}');\nrdf_loader_run();\ncheckpoint;\n")
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{vp.HTTP}/sparql?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    return proc, graph, vp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="pm100")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--no-virtuoso", action="store_true")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt install wrk")
    os.makedirs(os.path.join(WORK, "serve-load"), exist_ok=True)
    scale = int(re.sub(r"\D", "", args.dataset))
    target = str(50 * scale)
    peers_q = os.path.join(PEERS, "queries", "pm")
    trace_q = os.path.join(HERE, "queries", "trace")
    queries = {
        "P1 lookup": (open(os.path.join(peers_q, "P1.rq")).read(), open(os.path.join(peers_q, "P1.rq")).read()),
        "T1 path": (open(os.path.join(trace_q, "T1.trace.rq")).read().replace("{TARGET}", target),
                    open(os.path.join(trace_q, "T1.virtuoso.rq")).read().replace("{TARGET}", target)),
    }
    engines = []
    port = 18878
    corridor = start_corridor(args.dataset, port)
    engines.append(("corridor", f"http://127.0.0.1:{port}/sparql", {}, corridor, 0))
    virtuoso = None
    if not args.no_virtuoso:
        if not shutil.which("virtuoso-t"):
            sys.exit("virtuoso-t is missing: apt install virtuoso-opensource (or --no-virtuoso)")
        virtuoso, graph, vp = start_virtuoso(args.dataset)
        engines.append(("virtuoso", f"http://127.0.0.1:{vp.HTTP}/sparql", {"default-graph-uri": graph}, virtuoso, 1))
    rows = []
    try:
        for qname, texts in queries.items():
            counts = {}
            for name, url, extra, _, which in engines:
                counts[name] = fetch_rows(url, encode(texts[which], extra))
            for clients in (1, args.clients):
                for name, url, extra, _, which in engines:
                    r = wrk(url, encode(texts[which], extra), clients, args.seconds)
                    rows.append((qname, clients, name, counts[name], r))
                    print(f"{qname} {clients} {name}: {r}", file=sys.stderr)
    finally:
        corridor.send_signal(signal.SIGTERM)
        corridor.wait(30)
        if virtuoso:
            try:
                vp.isql("shutdown;\n", 120)
            except Exception:
                virtuoso.terminate()
            virtuoso.wait(60)
    print(f"\nSPARQL endpoints under load ({args.dataset}, {args.seconds} s per cell, wrk on loopback; "
          "latency in ms; rows = rows of one answer)\n")
    print("| query | clients | engine | rows | requests/s | p50 | p90 | p99 | non-2xx |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for qname, clients, name, count, r in rows:
        print(f"| {qname} | {clients} | {name} | {count} | {r['rps']:.0f} | {r['50']:.2f} | {r['90']:.2f} | "
              f"{r['99']:.2f} | {r['bad']} |")
    by = {(q, c, n): r for q, c, n, _, r in rows}
    print()
    for qname in queries:
        for clients in (1, args.clients):
            if (qname, clients, "virtuoso") in by:
                ratio = by[(qname, clients, "corridor")]["rps"] / by[(qname, clients, "virtuoso")]["rps"]
                print(f"- {qname}, {clients} client(s): Corridor serves {ratio:.2f}x Virtuoso's requests per second")


if __name__ == "__main__":
    main()
