"""What the benchmark scripts share: where things are, the data files, Corridor's stores and
in-process timer, and the peers' result files."""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared")
PEERS = os.path.join(SHARED, "bench-peers")
WORK = os.environ.get("WORK", "/tmp/corridor-bench")
PEERS_WORK = os.environ.get("PEERS_WORK", "/tmp/peers")
CORRIDOR = os.environ.get("CORRIDOR", os.path.join(ROOT, "build", "cli", "corridor"))
QBENCH = os.environ.get("QBENCH", os.path.join(ROOT, "build", "bench", "corridor_query_bench"))


def data_file(dataset):
    """WORK/data/<dataset>.nt: unpacked from ../shared/bench-data, or for a policy graph that is
    not shipped (pm10000) generated with its generator (deterministic, seed 42)."""
    os.makedirs(os.path.join(WORK, "data"), exist_ok=True)
    nt = os.path.join(WORK, "data", dataset + ".nt")
    if os.path.exists(nt):
        return nt
    packed = os.path.join(SHARED, "bench-data", dataset + ".nt.zst")
    if os.path.exists(packed):
        subprocess.run(["zstd", "-q", "-d", "-f", packed, "-o", nt], check=True)
    elif dataset.startswith("pm"):
        subprocess.run([sys.executable, os.path.join(SHARED, "bench-data", "gen_policy_graph.py"),
                        "--scale", re.sub(r"\D", "", dataset), "-o", nt], check=True)
    else:
        raise FileNotFoundError(packed)
    return nt


def corridor_store(dataset, nt):
    """A Corridor store of the dataset in WORK/stores, loaded once."""
    store = os.path.join(WORK, "stores", dataset)
    if not os.path.exists(store):
        os.makedirs(os.path.dirname(store), exist_ok=True)
        subprocess.run([CORRIDOR, "--store", store, "-q", "load", nt], check=True)
    return store


def corridor_inprocess(store, files):
    """corridor_query_bench: one warm-up, median of five, every row decoded; by query name."""
    out = subprocess.run([QBENCH, store] + files, capture_output=True, text=True, check=True).stdout
    return {r["query"]: r for r in (json.loads(l) for l in out.splitlines() if l.strip())}


def whole_process_ms(cmd, runs):
    """Median ms of `runs` whole runs of cmd after one warm-up, its output thrown away."""
    import statistics
    import time
    times = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        if i > 0:
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def peer_env(results):
    """The environment the bench-peers drivers expect: where to write, where the npm packages are."""
    os.makedirs(results, exist_ok=True)
    return dict(os.environ, RESULTS=results, NODE_PATH=os.path.join(PEERS_WORK, "node", "node_modules"))


def fmt_ms(v):
    return "-" if v is None else (f"{v:.3g}" if v < 100 else f"{v:.0f}")
