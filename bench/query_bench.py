#!/usr/bin/env python3
"""Query benchmark: Corridor beside Oxigraph and Virtuoso on the peers' LUBM and policy-graph
queries (../shared/bench-peers/queries), in the same run.

Corridor is timed two ways: in-process (bench/corridor_query_bench: one warm-up, median of five,
every row materialised, like the peers), and as a whole `corridor query` process (median of five
after one warm-up, rows written as TSV to /dev/null).

Usage: bench/query_bench.py [--datasets lubm10,pm1000] [--peers oxigraph,virtuoso]
Env:   WORK (default /tmp/corridor-bench), PEERS_WORK (default /tmp/peers: setup_peers.sh output)
Prints Markdown tables; copy them into docs/benchmarks.md with the date.
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time

from bench_common import (CORRIDOR, PEERS, WORK, corridor_inprocess, corridor_store, data_file, fmt_ms,
                          peer_env, whole_process_ms)


def queries(qset):
    qdir = os.path.join(PEERS, "queries", qset)
    files = [f for f in os.listdir(qdir) if f.endswith(".rq")]
    files.sort(key=lambda f: int(re.sub(r"\D", "", f) or 0))
    return [os.path.join(qdir, f) for f in files]


def corridor_wholeprocess(store, qfile, runs=5):
    return whole_process_ms([CORRIDOR, "--store", store, "query", "--format", "tsv", "-f", qfile], runs)


def peer(name, nt, qset, dataset):
    results = os.path.join(WORK, "peer-results")
    env = peer_env(results)
    if name == "oxigraph":
        cmd = ["node", "--expose-gc", "--max-old-space-size=8192", os.path.join(PEERS, "peers", "oxigraph_peer.js"),
               "full", nt, qset, dataset]
    elif name == "virtuoso":
        if not shutil.which("virtuoso-t"):
            return None
        cmd = ["/usr/bin/python3", os.path.join(PEERS, "peers", "virtuoso_peer.py"), "full", nt, qset, dataset,
               os.path.join(WORK, "virtuoso")]
    else:
        return None
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    path = os.path.join(results, f"{name}__{dataset}.json")
    if p.returncode != 0 or not os.path.exists(path):
        print(f"{name} failed on {dataset}: {(p.stdout + p.stderr)[-500:]}", file=sys.stderr)
        return None
    return json.load(open(path))["queries"]



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", default="lubm10,pm1000")
    ap.add_argument("--peers", default="oxigraph,virtuoso")
    args = ap.parse_args()
    print(f"Query benchmark, {time.strftime('%Y-%m-%d')}: median ms [rows]; ratio = Corridor in-process / peer.\n")
    for dataset in args.datasets.split(","):
        qset = "lubm" if dataset.startswith("lubm") else "pm"
        nt = data_file(dataset)
        store = corridor_store(dataset, nt)
        files = queries(qset)
        ours = corridor_inprocess(store, files)
        whole = {os.path.basename(f)[:-3]: corridor_wholeprocess(store, f) for f in files}
        peers = {p: peer(p, nt, qset, dataset) for p in args.peers.split(",")}
        names = [os.path.basename(f)[:-3] for f in files]
        header = "| query | Corridor in-process | Corridor whole process |"
        sep = "|---|---:|---:|"
        for p in peers:
            header += f" {p} | Corridor/{p} |"
            sep += "---:|---:|"
        print(f"### {dataset}\n\n{header}\n{sep}")
        ratios = {p: [] for p in peers}
        for q in names:
            o = ours.get(q)
            row = f"| {q} | {fmt_ms(o['median_ms'])} [{o['rows']}] | {fmt_ms(whole[q])} |"
            for p, res in peers.items():
                r = (res or {}).get(q)
                if not r or "median_ms" not in r:
                    row += " - | - |"
                    continue
                ratio = o["median_ms"] / max(r["median_ms"], 1e-3)
                ratios[p].append(ratio)
                row += f" {fmt_ms(r['median_ms'])} [{r.get('rows')}] | {ratio:.2f} |"
            print(row)
        summary = "| geometric mean | | |"
        for p in peers:
            rs = ratios[p]
            summary += f" | {math.exp(sum(map(math.log, rs)) / len(rs)):.2f} |" if rs else " | - |"
        print(summary + "\n")


if __name__ == "__main__":
    main()
