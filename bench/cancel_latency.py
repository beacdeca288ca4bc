#!/usr/bin/env python3
"""How long after its --timeout a query really stops, per kind of work.

  bench/cancel_latency.py [--runs N] [--timeout SECONDS]

Each query below runs far longer than the timeout on LUBM(10). The latency is
the time from the start of the process to the moment it reports "query
stopped" on standard error, minus the timeout (process start, opening the
store, parsing and planning count against it; freeing memory afterwards does
not). Prints percentiles per kind and overall.
"""
import argparse
import os
import statistics
import subprocess
import time

from bench_common import CORRIDOR, WORK, data_file

UB = "PREFIX ub: <http://swat.cse.lehigh.edu/onto/univ-bench.owl#> "
QUERIES = {
    "scan and output": "SELECT * WHERE { ?s ?p ?o }",
    "hash join (cross product)": UB + "SELECT * WHERE { ?a ub:name ?x OPTIONAL { ?b ub:name ?y OPTIONAL { ?c ub:name ?z } } }",
    "dependent join": UB + "SELECT * WHERE { ?s ub:takesCourse ?c . ?t ub:teacherOf ?c . ?t ub:name ?n . ?s ub:name ?m . ?x ub:name ?m }",
    "ORDER BY": "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o ?s",
    "GROUP BY": "SELECT ?o (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?x ?q ?o } GROUP BY ?o",
    "REGEX filter": "SELECT ?s WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), \"^(a|aa|aaa)+$\")) FILTER(REGEX(STR(?s), \"(x+x+)+y\")) }",
    "property path closure": UB + "SELECT (COUNT(*) AS ?n) WHERE { ?a (ub:takesCourse|^ub:takesCourse)+ ?b }",
    "TRACE": UB + "SELECT ?p WHERE { TRACE ?p FROM ?a TO ?b VIA ub:takesCourse|^ub:takesCourse ALL MAX LENGTH 6 MAX PATHS 100000000 MAX STATES 1000000000 }",
}


def percentile(values, q):
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=1.0)
    a = ap.parse_args()
    nt = data_file("lubm10")
    store = os.path.join(WORK, "stores", "lubm10-base")
    if not os.path.exists(store):
        subprocess.run([CORRIDOR, "--store", store, "-q", "load", nt], check=True)
    all_latencies = []
    print(f"| kind of work | stopped (of {a.runs}) | median ms past the timeout | p90 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for name, query in QUERIES.items():
        latencies, stopped = [], 0
        for _ in range(a.runs):
            t = time.perf_counter()
            p = subprocess.Popen([CORRIDOR, "--store", store, "query", "--format", "tsv", "--timeout", str(a.timeout),
                                  "--memory-limit", "20000", query], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True)
            reported = None
            for line in p.stderr:
                if "query stopped" in line and reported is None:
                    reported = time.perf_counter() - t
            p.wait()
            if p.returncode == 5 and reported is not None:
                stopped += 1
                latencies.append((reported - a.timeout) * 1000)
        all_latencies += latencies
        if latencies:
            print(f"| {name} | {stopped} | {statistics.median(latencies):.0f} | {percentile(latencies, 0.9):.0f} | "
                  f"{max(latencies):.0f} |")
        else:
            print(f"| {name} | 0 | - | - | - |")
    if all_latencies:
        print(f"\nAll kinds: median {statistics.median(all_latencies):.0f} ms, p90 {percentile(all_latencies, 0.9):.0f} ms, "
              f"p99 {percentile(all_latencies, 0.99):.0f} ms, max {max(all_latencies):.0f} ms past the timeout.")


if __name__ == "__main__":
    main()
