#!/usr/bin/env python3
"""T3 against its floor: how close any engine over Corridor's store could come to SQLite on T3.

Runs, in turn for ROUNDS rounds, each for RUNS executions in one process (medians of the runs):
- Corridor's T3 through the query engine (`corridor_query_bench`, bench/queries/trace/T3.rq);
- the floor (`corridor_trace_floor`): the same 23 paths found with the storage API alone, the scans
  re-aimed and their answers remembered as the engine's probe memo does, no query text, plan,
  operators or rendering;
- SQLite's T3 (the recursive CTE of the trace bench, Python's sqlite3 keeping the compiled statement).
Needs what `trace_bench.py --datasets pm10000 --peers sqlite` leaves in WORK (the store, the
instantiated queries and SQLite's database).

Usage: bench/trace_floor.py [--rounds 3] [--runs 3000] [--dataset pm10000]
"""
import argparse
import json
import os
import sqlite3
import subprocess
import time

from bench_common import QBENCH, ROOT, WORK

FLOOR = os.environ.get("FLOOR", os.path.join(ROOT, "build", "bench", "corridor_trace_floor"))


def sqlite_t3(db, sql, runs):
    con = sqlite3.connect(db)
    times = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        rows = con.execute(sql).fetchall()
        if i > 0:
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[len(times) // 2], len(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3000)
    ap.add_argument("--dataset", default="pm10000")
    a = ap.parse_args()
    base = os.path.join(WORK, "trace", a.dataset)
    store = os.path.join(WORK, "stores", a.dataset)
    query = os.path.join(base, "corridor", "T3.rq")
    db = os.path.join(base, "sqlite-db", a.dataset + ".db")
    sql = open(os.path.join(base, "peer-tree", "queries", "trace", "T3.sql")).read()
    for path in (store, query, db):
        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing: run bench/trace_bench.py --datasets {a.dataset} --peers sqlite first")
    print("| round | Corridor T3 | floor (storage only) | SQLite T3 | Corridor/SQLite | floor/SQLite |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in range(1, a.rounds + 1):
        out = subprocess.run([QBENCH, store, query, "--runs", str(a.runs)], capture_output=True, text=True,
                             check=True).stdout
        engine = json.loads(out.strip().splitlines()[-1])
        out = subprocess.run([FLOOR, store, "--runs", str(a.runs)], capture_output=True, text=True,
                             check=True).stdout
        floor = json.loads(out)
        lite, rows = sqlite_t3(db, sql, a.runs)
        if not (engine["rows"] == floor["paths"] == rows):
            raise SystemExit(f"row counts differ: engine {engine['rows']}, floor {floor['paths']}, SQLite {rows}")
        print(f"| {r} | {engine['median_ms']:.3f} | {floor['median_ms']:.3f} | {lite:.3f} | "
              f"{engine['median_ms'] / lite:.2f} | {floor['median_ms'] / lite:.2f} |")


if __name__ == "__main__":
    main()
