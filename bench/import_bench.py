#!/usr/bin/env python3
"""Import benchmark: `corridor import` of a generated case sheet pair beside `corridor load` of
the same content as N-Triples, in the same run.

  bench/import_bench.py [--rows N] [--runs N]

The sheets (deterministic): 20,000 entities (zones, government bodies, firms, with scale and
country) and N/4 policy transfers, each with four edge rows (transfer_from, transfer_to, element,
continues_from or transfers_policy), every row with a year and a source URL. The N-Triples are
what the import wrote (exported once from the imported store). Each run times a whole process into
a fresh store; peak RSS from /usr/bin/time. Prints a Markdown table for docs/benchmarks.md.
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import time

from bench_common import CORRIDOR, WORK

GRAPH = "https://example.org/bench-case"
ELEMENTS = ["tax", "land", "finance", "customs", "talent", "infrastructure"]
SCALES = ["national", "provincial", "municipal", "zone", "enterprise"]


def generate(rows, folder):
    os.makedirs(folder, exist_ok=True)
    nodes_path, edges_path = os.path.join(folder, "nodes.csv"), os.path.join(folder, "edges.csv")
    if os.path.exists(nodes_path) and os.path.exists(edges_path):
        return nodes_path, edges_path
    rng = random.Random(42)
    entities = 20_000
    transfers = rows // 4
    with open(nodes_path, "w") as n:
        n.write("id,type,label,scale,country\n")
        for i in range(entities):
            kind = ["Zone", "GovernmentBody", "Enterprise"][i % 3]
            n.write(f"E{i},{kind},\"Entity {i}, {kind}\",{SCALES[i % len(SCALES)]},{['CHN', 'THA', 'ETH'][i % 3]}\n")
        for t in range(transfers):
            n.write(f"T{t},PolicyTransfer,step {t},,\n")
    with open(edges_path, "w") as e:
        e.write("source,relation,target,year,source_doc\n")
        for t in range(transfers):
            year = 1990 + t % 35
            doc = f"https://example.org/doc/{t % 50_000}"
            e.write(f"T{t},transfer_from,E{rng.randrange(entities)},{year},{doc}\n")
            e.write(f"T{t},transfer_to,E{rng.randrange(entities)},{year},{doc}\n")
            e.write(f"T{t},element,{ELEMENTS[t % len(ELEMENTS)]},{year},{doc}\n")
            if t > 0:
                e.write(f"T{t},continues_from,T{rng.randrange(t)},{year},{doc}\n")
            else:
                e.write(f"T{t},located_in,E0,{year},{doc}\n")
    return nodes_path, edges_path


def timed(cmd):
    t = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - t, int(out.stderr.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    folder = os.path.join(WORK, "import", str(args.rows))
    nodes, edges = generate(args.rows, folder)
    node_rows = sum(1 for _ in open(nodes)) - 1
    edge_rows = sum(1 for _ in open(edges)) - 1
    store = os.path.join(folder, "store")
    nt = os.path.join(folder, "case.nt")
    if not os.path.exists(nt):
        shutil.rmtree(store, ignore_errors=True)
        subprocess.run([CORRIDOR, "--store", store, "-q", "import", "--graph", GRAPH, nodes, edges], check=True)
        subprocess.run([CORRIDOR, "--store", store, "-q", "export", "--format", "ntriples", "--graph", GRAPH,
                        "-o", nt], check=True)
    triples = sum(1 for _ in open(nt))
    results = {"import": [], "load": []}
    for _ in range(args.runs):
        for name, cmd in (("import", ["import", "--graph", GRAPH, nodes, edges]),
                          ("load", ["load", "--graph", GRAPH, nt])):
            shutil.rmtree(store, ignore_errors=True)
            results[name].append(timed([CORRIDOR, "--store", store, "-q"] + cmd))
    shutil.rmtree(store, ignore_errors=True)
    med = {k: statistics.median(t for t, _ in v) for k, v in results.items()}
    rss = {k: max(r for _, r in v) / 1024 for k, v in results.items()}
    rows = node_rows + edge_rows
    print(f"Sheets: {node_rows:,} node rows + {edge_rows:,} edge rows = {rows:,} rows; "
          f"{triples:,} triples as N-Triples ({os.path.getsize(nt) / 2**20:.0f} MiB). Medians of {args.runs} runs.\n")
    print("| task | median s | rows/s | triples/s | peak RSS MiB | vs load |")
    print("|---|---|---|---|---|---|")
    print(f"| `corridor import` (two sheets) | {med['import']:.2f} | {rows / med['import']:,.0f} | "
          f"{triples / med['import']:,.0f} | {rss['import']:.0f} | {med['import'] / med['load']:.2f}x |")
    print(f"| `corridor load` (same content, N-Triples) | {med['load']:.2f} | – | {triples / med['load']:,.0f} | "
          f"{rss['load']:.0f} | 1.00x |")


if __name__ == "__main__":
    main()
