#!/usr/bin/env python3
"""Writer benchmark: what writing a large result costs on top of computing it.

For each query and each result format, a whole `corridor query --format F` process (rows to
/dev/null) is set beside the query computed in-process (corridor_query_bench: every row's terms
decoded, nothing written) plus start-up (a whole `corridor query 'ASK {}'` process on the same
store). The issue's target: whole process within 1.5x of in-process plus start-up. Writing speed
is rows / (whole - in-process - start-up). `corridor export` of the whole store is timed the same
way (quads per second of the whole command).

Usage: bench/writer_bench.py [--dataset lubm10] [--runs 5]
Env:   WORK (default /tmp/corridor-bench), CORRIDOR (the binary to time)
"""
import argparse
import os
import subprocess
import tempfile
import time

from bench_common import CORRIDOR, PEERS, corridor_inprocess, corridor_store, data_file, whole_process_ms

UB = "PREFIX ub: <http://swat.cse.lehigh.edu/onto/univ-bench.owl#>\n"
QUERIES = {
    # 75,547 rows of one IRI (LUBM Q14, the peers' L8).
    "L8": open(os.path.join(PEERS, "queries", "lubm", "L8.rq")).read(),
    # Every person's name, e-mail and telephone: an IRI and three literals a row.
    "people": UB + "SELECT ?x ?name ?email ?phone WHERE { ?x ub:name ?name ; ub:emailAddress ?email ; "
                   "ub:telephone ?phone }",
}
FORMATS = ["tsv", "csv", "json", "xml"]
EXPORTS = ["ntriples", "nquads", "turtle"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="lubm10")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    store = corridor_store(args.dataset, data_file(args.dataset))
    base = [CORRIDOR, "--store", store]
    startup = whole_process_ms(base + ["query", "ASK {}"], args.runs)
    print(f"Writer benchmark, {time.strftime('%Y-%m-%d')}, {args.dataset}: medians of {args.runs} "
          f"(ms); start-up (`query 'ASK {{}}'`) {startup:.1f} ms.\n")
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for name, text in QUERIES.items():
            files[name] = os.path.join(tmp, name + ".rq")
            with open(files[name], "w") as f:
                f.write(text)
        inproc = corridor_inprocess(store, list(files.values()))
        print("| query | rows | format | in-process | whole process | whole / (in-process + start-up) "
              "| rows/s written |")
        print("|---|---:|---|---:|---:|---:|---:|")
        for name, path in files.items():
            r = inproc[name]
            for fmt in FORMATS:
                w = whole_process_ms(base + ["query", "--format", fmt, "-f", path], args.runs)
                extra = w - r["median_ms"] - startup
                rate = f"{r['rows'] / extra * 1000:,.0f}" if extra > 0 else "-"
                print(f"| {name} | {r['rows']} | {fmt} | {r['median_ms']:.1f} | {w:.1f} | "
                      f"{w / (r['median_ms'] + startup):.2f} | {rate} |")
    stats = subprocess.run(base + ["stats"], capture_output=True, text=True, check=True).stdout
    quads = int(next(line.split()[1] for line in stats.splitlines() if line.startswith("quads")))
    print(f"\n| export | quads | whole process ms | quads/s |\n|---|---:|---:|---:|")
    for fmt in EXPORTS:
        w = whole_process_ms(base + ["export", "--format", fmt], args.runs)
        print(f"| {fmt} | {quads} | {w:.0f} | {quads / w * 1000:,.0f} |")


if __name__ == "__main__":
    main()
