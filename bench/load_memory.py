#!/usr/bin/env python3
"""What `corridor load --memory-limit MIB` holds a load to: peak RSS and time per limit.

  bench/load_memory.py [--dataset lubm10] [--runs 3] [--limits 16,32,64,128,256,512]

Each run loads the dataset into a fresh store (whole process, /usr/bin/time's
maximum resident set size). Prints one row per limit: median seconds, median
and maximum peak RSS, and how far the peak is above the limit.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile

from bench_common import CORRIDOR, WORK, data_file


def run_once(nt, limit, scratch):
    store = os.path.join(scratch, "db")
    shutil.rmtree(store, ignore_errors=True)
    timing = os.path.join(scratch, "time")
    subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", timing, CORRIDOR, "--store", store, "-q", "load",
                    "--memory-limit", str(limit), nt], check=True)
    seconds, kib = open(timing).read().split()[-2:]
    return float(seconds), int(kib) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="lubm10")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limits", default="16,32,64,128,256,512")
    a = ap.parse_args()
    nt = data_file(a.dataset)
    os.makedirs(WORK, exist_ok=True)
    print(f"| --memory-limit MiB | median s | median peak RSS MiB | max peak RSS MiB | peak over the limit MiB |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(dir=WORK) as scratch:
        for limit in [int(x) for x in a.limits.split(",")]:
            runs = [run_once(nt, limit, scratch) for _ in range(a.runs)]
            secs = statistics.median(r[0] for r in runs)
            rss = [r[1] for r in runs]
            print(f"| {limit} | {secs:.2f} | {statistics.median(rss):.0f} | {max(rss):.0f} | {max(rss) - limit:+.0f} |",
                  flush=True)


if __name__ == "__main__":
    main()
