#!/usr/bin/env python3
"""TRACE benchmark: path queries on the synthetic policy graph, Corridor beside Kuzu, Virtuoso and
SQLite in the same run.

Queries (bench/queries/trace/): T1 shortest path between two given firms; T2 every walk of up to 4
steps from a national government to the industrial zones; T3 a time-respecting diffusion trace
(years never decrease). Each engine has its own version: TRACE for Corridor, Cypher with recursive
relationships returning paths for Kuzu, recursive CTEs building path strings for SQLite, and for
Virtuoso the TRANSITIVE option (T1) or unions of fixed-length chains (T2, T3, which TRANSITIVE
cannot express). {TARGET} is replaced by the firm 50 x scale (a firm in the middle of the graph).

Timing as the peers do it: one warm-up, median of five, every row materialised (Corridor renders
each path's ends and text, as the peers' path strings; its nodes, steps, facts and sources are built
only when a reader asks for them, which the bench's sink does not). Memory: peak RSS of a whole `corridor query` process per query
(store already loaded), and of each peer's whole run (load and all queries, the Virtuoso server
included: wait4 reports the largest of the driver and the children it reaped).

Usage: bench/trace_bench.py [--datasets pm100,pm1000,pm10000] [--peers kuzu,virtuoso,sqlite]
Env:   WORK (default /tmp/corridor-bench), PEERS_WORK (default /tmp/peers: setup_peers.sh output)
Prints Markdown tables for docs/benchmarks.md.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

from bench_common import (CORRIDOR, HERE, PEERS, WORK, corridor_inprocess, corridor_store, data_file,
                          fmt_ms, peer_env)

QUERIES = os.path.join(HERE, "queries", "trace")
NAMES = ["T1", "T2", "T3"]


def scale_of(dataset):
    return int(re.sub(r"\D", "", dataset))


def instantiate(dataset):
    """Per-dataset query files: ours in WORK/trace/<ds>/corridor, the peers' in a copy of the
    bench-peers tree (their drivers read queries/<set>/ next to themselves)."""
    target = str(50 * scale_of(dataset))
    base = os.path.join(WORK, "trace", dataset)
    tree = os.path.join(base, "peer-tree")
    if os.path.exists(tree):
        shutil.rmtree(tree)
    shutil.copytree(os.path.join(PEERS, "peers"), os.path.join(tree, "peers"))
    qdir = os.path.join(tree, "queries", "trace")
    ours = os.path.join(base, "corridor")
    os.makedirs(qdir, exist_ok=True)
    os.makedirs(ours, exist_ok=True)
    for name in NAMES:
        for suffix, out in ((".trace.rq", os.path.join(ours, name + ".rq")),
                            (".cypher", os.path.join(qdir, name + ".cypher")),
                            (".sql", os.path.join(qdir, name + ".sql")),
                            (".virtuoso.rq", os.path.join(qdir, name + ".rq"))):
            text = open(os.path.join(QUERIES, name + suffix)).read().replace("{TARGET}", target)
            open(out, "w").write(text)
    return tree, [os.path.join(ours, n + ".rq") for n in NAMES]


def run_with_rss(cmd, env=None):
    """Runs a command to the end; returns (exit code, stdout, stderr, peak RSS in MiB) via wait4."""
    import tempfile
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, text=True)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return p.returncode, out.read(), err.read(), usage.ru_maxrss / 1024


def corridor(dataset, nt, files):
    store = corridor_store(dataset, nt)
    results = corridor_inprocess(store, files)
    for f in files:
        name = os.path.basename(f)[:-3]
        runs = [run_with_rss([CORRIDOR, "--store", store, "query", "--format", "tsv", "-f", f]) for _ in range(3)]
        if any(r[0] != 0 for r in runs):
            raise RuntimeError(f"corridor query -f {f} failed: {runs[0][2][-300:]}")
        results[name]["rss_mib"] = statistics.median(r[3] for r in runs)
    return results


def peer(name, tree, nt, dataset):
    results = os.path.join(WORK, "trace", dataset, "results")
    env = peer_env(results)
    peers = os.path.join(tree, "peers")
    if name == "kuzu":
        csv = os.path.join(WORK, "trace", dataset, "kuzu-csv")
        if not os.path.exists(os.path.join(csv, "info.json")):
            subprocess.run([sys.executable, os.path.join(peers, "nt2kuzu.py"), nt, csv], check=True,
                           capture_output=True)
        cmd = ["node", os.path.join(peers, "kuzu_peer.js"), "full", csv, "trace", dataset,
               os.path.join(WORK, "trace", dataset, "kuzu-db")]
    elif name == "sqlite":
        cmd = [sys.executable, os.path.join(peers, "sqlite_peer.py"), "full", nt, "trace", dataset,
               os.path.join(WORK, "trace", dataset, "sqlite-db")]
    elif name == "virtuoso":
        if not shutil.which("virtuoso-t"):
            return None, None
        cmd = [sys.executable, os.path.join(peers, "virtuoso_peer.py"), "full", nt, "trace", dataset,
               os.path.join(WORK, "trace", dataset, "virtuoso-db")]
    else:
        return None, None
    path = os.path.join(results, f"{name}__{dataset}.json")
    if os.path.exists(path):
        os.remove(path)
    code, out, err, rss = run_with_rss(cmd, env)
    if code != 0 or not os.path.exists(path):
        print(f"{name} failed on {dataset}: {(out + err)[-600:]}", file=sys.stderr)
        return None, None
    return json.load(open(path))["queries"], rss



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--datasets", default="pm100,pm1000,pm10000")
    ap.add_argument("--peers", default="kuzu,virtuoso,sqlite")
    args = ap.parse_args()
    print(f"TRACE benchmark, {time.strftime('%Y-%m-%d')}: median ms [rows]; ratio = Corridor / peer "
          f"(below 1: Corridor faster).\n")
    for dataset in args.datasets.split(","):
        nt = data_file(dataset)
        tree, files = instantiate(dataset)
        ours = corridor(dataset, nt, files)
        peers, peer_rss = {}, {}
        for p in args.peers.split(","):
            peers[p], peer_rss[p] = peer(p, tree, nt, dataset)
        header = "| query | Corridor | Corridor peak RSS |"
        sep = "|---|---:|---:|"
        for p in peers:
            header += f" {p} | Corridor/{p} |"
            sep += "---:|---:|"
        print(f"### {dataset} ({sum(1 for _ in open(nt))} triples)\n\n{header}\n{sep}")
        for q in NAMES:
            o = ours.get(q)
            row = f"| {q} | {fmt_ms(o['median_ms'])} [{o['rows']}] | {o['rss_mib']:.0f} MiB |"
            for p, res in peers.items():
                r = (res or {}).get(q)
                if not r or "median_ms" not in r:
                    err = (r or {}).get("error", "failed")
                    row += f" {'timeout' if 'timeout' in err or 'interrupt' in err else 'error'} | - |"
                    continue
                ratio = o["median_ms"] / max(r["median_ms"], 1e-3)
                row += f" {fmt_ms(r['median_ms'])} [{r.get('rows')}] | {ratio:.2f} |"
            print(row)
        rss = ", ".join(f"{p} {v:.0f} MiB" for p, v in peer_rss.items() if v is not None)
        print(f"\nPeak RSS of each peer's whole run (load and the three queries; for Virtuoso its server): "
              f"{rss or '-'}.\n")


if __name__ == "__main__":
    main()
