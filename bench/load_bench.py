#!/usr/bin/env python3
"""Load benchmark: corridor load vs serdi (parse only, the floor) vs Virtuoso's bulk loader,
on the same N-Triples files, in the same run. Medians of several runs; the ratios are what
hold on a noisy machine.

Usage: bench/load_bench.py [--runs N] [--datasets lubm1,lubm10,pm1000] [--no-virtuoso]
Env:   WORK (scratch folder, default /tmp/corridor-bench), CORRIDOR (binary, default build/cli/corridor)

Virtuoso is installed and driven by ../shared/bench-peers (setup_peers.sh installs it with apt).
Figures go to stdout as a Markdown table; copy them into docs/benchmarks.md with the date.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

from bench_common import CORRIDOR, SHARED, WORK, data_file


def timed(cmd, **kw):
    """Runs cmd under /usr/bin/time; returns (wall_s, peak_rss_mib, stderr)."""
    tf = os.path.join(WORK, "time.out")
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", tf] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kw)
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {p.stderr[-500:]}")
    wall, rss = open(tf).read().split()[-2:]
    return float(wall), int(rss) / 1024, p.stderr


def du(path):
    total = sst = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            size = os.path.getsize(os.path.join(dirpath, f))
            total += size
            if f.endswith(".sst"):
                sst += size
    return total, sst


def bench_corridor(nt, runs):
    store = os.path.join(WORK, "store")
    walls, rss, inproc = [], [], []
    for _ in range(runs):
        shutil.rmtree(store, ignore_errors=True)
        wall, peak, err = timed([CORRIDOR, "--store", store, "load", nt])
        m = re.search(r"(\d+) statements read, (\d+) new quads.* in ([\d.]+) s", err)
        quads = int(m.group(2))
        inproc.append(float(m.group(3)))
        walls.append(wall)
        rss.append(peak)
    total, sst = du(store)
    return {"quads": quads, "wall": statistics.median(walls), "inproc": statistics.median(inproc),
            "rss": statistics.median(rss), "bytes_total": total / quads, "bytes_sst": sst / quads}


def bench_serdi(nt, runs):
    walls = [timed(["serdi", "-i", "ntriples", "-o", "ntriples", nt])[0] for _ in range(runs)]
    return statistics.median(walls)


def bench_virtuoso(nt, name, runs):
    peer = os.path.join(SHARED, "bench-peers", "peers", "virtuoso_peer.py")
    if not shutil.which("virtuoso-t"):
        return None
    loads = []
    for _ in range(runs):
        p = subprocess.run(["/usr/bin/python3", peer, "load", nt, "lubm", name,
                            os.path.join(WORK, "virtuoso")], capture_output=True, text=True)
        m = re.search(r"(\d+) triples in ([\d.]+)s", p.stdout + p.stderr)
        if not m:
            print(f"virtuoso failed on {name}: {(p.stdout + p.stderr)[-400:]}", file=sys.stderr)
            return None
        loads.append(float(m.group(2)))
    return statistics.median(loads)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--virtuoso-runs", type=int, default=3)
    ap.add_argument("--datasets", default="lubm1,lubm10,pm1000")
    ap.add_argument("--no-virtuoso", action="store_true")
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    rows = []
    for name in args.datasets.split(","):
        nt = data_file(name)
        c = bench_corridor(nt, args.runs)
        s = bench_serdi(nt, args.runs)
        v = None if args.no_virtuoso else bench_virtuoso(nt, name, args.virtuoso_runs)
        rows.append((name, c, s, v))
        print(f"{name}: done", file=sys.stderr)
    print(f"Load benchmark, {time.strftime('%Y-%m-%d')}, {args.runs} runs (Virtuoso {args.virtuoso_runs}), medians.\n")
    print("| dataset | quads | corridor load s (whole process) | in-process s | triples/s (in-process) "
          "| peak RSS MiB | bytes/quad (SST) | bytes/quad (folder) | serdi parse s | Virtuoso load s | "
          "Virtuoso / corridor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, c, s, v in rows:
        vs = f"{v:.2f}" if v else "-"
        ratio = f"{v / c['inproc']:.2f}" if v else "-"
        print(f"| {name} | {c['quads']:,} | {c['wall']:.2f} | {c['inproc']:.2f} | "
              f"{c['quads'] / c['inproc']:,.0f} | {c['rss']:.0f} | {c['bytes_sst']:.1f} | "
              f"{c['bytes_total']:.1f} | {s:.2f} | {vs} | {ratio} |")


if __name__ == "__main__":
    main()
