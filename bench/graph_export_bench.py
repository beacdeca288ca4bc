#!/usr/bin/env python3
"""Graph export benchmark: `corridor export` of pm1000 (about 1M triples) as GraphML and GEXF,
beside N-Quads of the same store in the same run (the RDF writer as the yardstick).

  bench/graph_export_bench.py [--dataset pm1000] [--runs 3]

Whole processes into files in $WORK; wall time (median of --runs) and peak RSS from /usr/bin/time.
Prints a Markdown table for docs/benchmarks.md.
"""
import argparse
import os
import statistics
import subprocess
import time

from bench_common import CORRIDOR, WORK, corridor_store, data_file


def timed(cmd):
    t = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - t, int(out.stderr.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="pm1000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    nt = data_file(args.dataset)
    store = corridor_store(args.dataset, nt)
    out_dir = os.path.join(WORK, "graph-export")
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    for fmt, ext in (("nquads", "nq"), ("graphml", "graphml"), ("gexf", "gexf")):
        target = os.path.join(out_dir, f"{args.dataset}.{ext}")
        runs = [timed([CORRIDOR, "--store", store, "-q", "export", "--format", fmt, "-o", target])
                for _ in range(args.runs)]
        rows.append((fmt, statistics.median(t for t, _ in runs), max(r for _, r in runs) / 1024,
                     os.path.getsize(target) / 2**20))
    base = rows[0][1]
    triples = sum(1 for _ in open(nt))
    print(f"{args.dataset}: {triples:,} triples. Medians of {args.runs} runs.\n")
    print("| format | median s | peak RSS MiB | file MiB | vs N-Quads |")
    print("|---|---:|---:|---:|---:|")
    for fmt, t, rss, size in rows:
        print(f"| {fmt} | {t:.2f} | {rss:.0f} | {size:.0f} | {t / base:.2f}x |")


if __name__ == "__main__":
    main()
