#!/usr/bin/env python3
"""Update benchmark: SPARQL Update beside Oxigraph, and correcting a case by drop-and-reload.

  bench/update_bench.py [--runs N]

U1  INSERT DATA of 100,000 new triples into a store holding LUBM(10).
U2  DELETE/INSERT WHERE touching 10% of LUBM(10): every ub:publicationAuthor triple
    (136,871) is deleted and its inverse inserted.
Each run starts from the same state: after a timed request, the inverse request (not timed)
restores it. Corridor runs as a whole `corridor update` process (open, execute, commit, close);
Oxigraph (npm, in memory) times Store.update inside one Node process. Medians of --runs.

R1..R4  correcting a case kept in a graph, on a store holding LUBM(10): a fresh load of pm100
    (95,566 triples) into graph G is the yardstick; then drop G and load it again, `load
    --replace`, and one update request `DROP GRAPH G ; LOAD <pm100> INTO GRAPH G`.
D1  `corridor drop` of a 1.27M-quad graph: time, peak RSS, write-ahead log left behind.

Prints a Markdown table for docs/benchmarks.md.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from bench_common import CORRIDOR, HERE, PEERS_WORK, WORK, data_file

UB = "http://swat.cse.lehigh.edu/onto/univ-bench.owl#"
INSERT_N = 100_000


def insert_data_text():
    lines = [f'<http://bench.example/s{i // 4}> <http://bench.example/p{i % 4}> "value {i}" .' for i in range(INSERT_N)]
    return "INSERT DATA {\n" + "\n".join(lines) + "\n}\n"


def delete_data_text():
    return insert_data_text().replace("INSERT DATA", "DELETE DATA", 1)


U2 = f"PREFIX ub: <{UB}>\nDELETE {{ ?pub ub:publicationAuthor ?a }} INSERT {{ ?a ub:authorOf ?pub }} WHERE {{ ?pub ub:publicationAuthor ?a }}\n"
U2_UNDO = f"PREFIX ub: <{UB}>\nDELETE {{ ?a ub:authorOf ?pub }} INSERT {{ ?pub ub:publicationAuthor ?a }} WHERE {{ ?a ub:authorOf ?pub }}\n"


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def timed(cmd):
    """Wall time and peak RSS (KiB) of a whole process."""
    t = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    rss = int(out.stderr.strip().splitlines()[-1])
    return elapsed, rss, out.stderr


def corridor(store, *args):
    return [CORRIDOR, "--store", store, "-q"] + list(args)


def fresh_store(base, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(base, dest)


def bench_corridor_updates(base, files, runs):
    store = os.path.join(WORK, "stores", "update-run")
    fresh_store(base, store)
    results = {}
    for name, (do, undo) in files.items():
        samples = []
        for _ in range(runs):
            elapsed, rss, _ = timed(corridor(store, "update", "-f", do))
            samples.append((elapsed, rss))
            run(corridor(store, "update", "-f", undo))
        results[name] = {"median_s": statistics.median(s[0] for s in samples),
                         "peak_rss_mib": max(s[1] for s in samples) / 1024}
    run(corridor(store, "check"))
    return results


def bench_oxigraph_updates(nt, files, runs):
    script = os.path.join(HERE, "oxigraph_update.js")
    env = dict(os.environ, NODE_PATH=os.path.join(PEERS_WORK, "node", "node_modules"))
    args = ["node", "--max-old-space-size=16000", script, nt, str(runs)]
    for name, (do, undo) in files.items():
        args += [name, do, undo]
    out = subprocess.run(args, check=True, capture_output=True, text=True, env=env)
    sys.stderr.write(out.stderr)
    return json.loads(out.stdout)


def wal_bytes(store):
    return sum(os.path.getsize(os.path.join(store, f)) for f in os.listdir(store) if f.endswith(".log"))


def bench_corrections(lubm, pm, runs):
    base = os.path.join(WORK, "stores", "lubm10-base")
    if not os.path.exists(base):
        run([CORRIDOR, "--store", base, "-q", "load", lubm])
    store = os.path.join(WORK, "stores", "correction")
    g = "http://bench.example/case"
    rows = {"R1 fresh load of the case": [], "R2a drop the case's graph": [], "R2b load it again after the drop": [],
            "R3 load --replace": [], "R4 update: DROP GRAPH ; LOAD INTO GRAPH": []}
    for _ in range(runs):
        fresh_store(base, store)
        rows["R1 fresh load of the case"].append(timed(corridor(store, "load", "--graph", g, pm))[0])
        rows["R2a drop the case's graph"].append(timed(corridor(store, "drop", "--graph", g))[0])
        rows["R2b load it again after the drop"].append(timed(corridor(store, "load", "--graph", g, pm))[0])
        rows["R3 load --replace"].append(timed(corridor(store, "load", "--replace", "--graph", g, pm))[0])
        req = f"DROP GRAPH <{g}> ; LOAD <file://{pm}> INTO GRAPH <{g}>"
        rows["R4 update: DROP GRAPH ; LOAD INTO GRAPH"].append(timed(corridor(store, "update", req))[0])
        run(corridor(store, "check"))
    medians = {k: statistics.median(v) for k, v in rows.items()}

    # D1: drop a graph of all of LUBM(10).
    big = os.path.join(WORK, "stores", "bigdrop")
    drops = []
    for _ in range(runs):
        if os.path.exists(big):
            shutil.rmtree(big)
        run([CORRIDOR, "--store", big, "-q", "load", "--graph", "http://bench.example/lubm", lubm])
        elapsed, rss, _ = timed(corridor(big, "drop", "--graph", "http://bench.example/lubm"))
        drops.append((elapsed, rss, wal_bytes(big)))
        run(corridor(big, "check"))
        t_reload = timed(corridor(big, "load", "--graph", "http://bench.example/lubm", lubm))[0]
        drops[-1] = drops[-1] + (t_reload,)
    return medians, drops


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-oxigraph", action="store_true")
    a = ap.parse_args()
    lubm = data_file("lubm10")
    pm = data_file("pm100")
    base = os.path.join(WORK, "stores", "lubm10-base")
    if not os.path.exists(base):
        run([CORRIDOR, "--store", base, "-q", "load", lubm])
    tmp = tempfile.mkdtemp(prefix="update-bench-")
    files = {}
    for name, do, undo in (("U1", insert_data_text(), delete_data_text()), ("U2", U2, U2_UNDO)):
        paths = []
        for suffix, text in (("do", do), ("undo", undo)):
            p = os.path.join(tmp, f"{name}-{suffix}.ru")
            with open(p, "w") as f:
                f.write(text)
            paths.append(p)
        files[name] = tuple(paths)

    ours = bench_corridor_updates(base, files, a.runs)
    peer = {} if a.skip_oxigraph else bench_oxigraph_updates(lubm, files, a.runs)
    print(f"\nUpdates on LUBM(10), median of {a.runs} (Corridor: whole process; Oxigraph: Store.update in process)\n")
    print("| request | Corridor (s) | peak RSS (MiB) | Oxigraph (s) | ratio |")
    print("|---|---:|---:|---:|---:|")
    for name, label in (("U1", f"U1 INSERT DATA, {INSERT_N:,} triples"),
                        ("U2", "U2 DELETE/INSERT WHERE, 136,871 matches")):
        o = peer.get(name, {}).get("median_s")
        ratio = f"{ours[name]['median_s'] / o:.2f}" if o else "-"
        print(f"| {label} | {ours[name]['median_s']:.2f} | {ours[name]['peak_rss_mib']:.0f} | "
              f"{o if o is None else f'{o:.2f}'} | {ratio} |")

    medians, drops = bench_corrections(lubm, pm, max(3, a.runs // 2))
    yard = medians["R1 fresh load of the case"]
    print(f"\nCorrecting a case (pm100, 95,566 triples, in a store holding LUBM(10)), median of {max(3, a.runs // 2)}\n")
    print("| how | seconds | against a fresh load |")
    print("|---|---:|---:|")
    for k, v in medians.items():
        print(f"| {k} | {v:.2f} | {v / yard:.2f} |")
    d = statistics.median(x[0] for x in drops)
    rss = statistics.median(x[1] for x in drops) / 1024
    wal = statistics.median(x[2] for x in drops) / 1048576
    reload = statistics.median(x[3] for x in drops)
    print(f"\nD1 drop of a 1,272,953-quad graph: {d:.2f} s, peak RSS {rss:.0f} MiB, write-ahead log left "
          f"{wal:.1f} MiB; loading it again after the drop: {reload:.2f} s")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
