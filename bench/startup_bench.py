#!/usr/bin/env python3
"""Start-up benchmark: where a short `corridor query` spends its time.

Times whole processes (median of --runs after one warm-up): `corridor --version` (loading the
program and its libraries, static initialisation), `query 'ASK {}'` on a store (adds opening the
store) and the peers' lookup L1; then L1 with `--timings`, the median of each phase the command
reports (start-up before main, opening the store, parsing, planning/running/writing, closing).

Usage: bench/startup_bench.py [--dataset lubm10] [--runs 21]
Env:   WORK (default /tmp/corridor-bench), CORRIDOR (the binary to time)
"""
import argparse
import os
import re
import statistics
import subprocess
import time

from bench_common import CORRIDOR, PEERS, corridor_store, data_file, whole_process_ms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="lubm10")
    ap.add_argument("--runs", type=int, default=21)
    args = ap.parse_args()
    store = corridor_store(args.dataset, data_file(args.dataset))
    l1 = os.path.join(PEERS, "queries", "lubm" if args.dataset.startswith("lubm") else "pm",
                      "L1.rq" if args.dataset.startswith("lubm") else "P1.rq")
    base = [CORRIDOR, "--store", store]
    print(f"Start-up benchmark, {time.strftime('%Y-%m-%d')}, {args.dataset}: medians of {args.runs} "
          f"whole processes (ms).\n")
    print("| command | ms |\n|---|---:|")
    print(f"| `corridor --version` | {whole_process_ms([CORRIDOR, '--version'], args.runs):.1f} |")
    print(f"| `query 'ASK {{}}'` | {whole_process_ms(base + ['query', 'ASK {}'], args.runs):.1f} |")
    print(f"| `query -f {os.path.basename(l1)}` | {whole_process_ms(base + ['query', '-f', l1], args.runs):.1f} |")
    phases = {}
    for _ in range(args.runs):
        err = subprocess.run(base + ["query", "--timings", "-f", l1], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, check=True).stderr
        for line in err.splitlines():
            m = re.match(r"\s+(.*?)\s+([0-9.]+)$", line)
            if m:
                phases.setdefault(m.group(1), []).append(float(m.group(2)))
    print(f"\n`query --timings -f {os.path.basename(l1)}`, median of each phase:\n")
    print("| phase | ms |\n|---|---:|")
    for name, values in phases.items():
        print(f"| {name} | {statistics.median(values):.2f} |")


if __name__ == "__main__":
    main()
