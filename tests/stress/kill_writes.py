#!/usr/bin/env python3
"""Kill -9 at random moments of every write command: nothing committed is lost,
the interrupted command is all there or not at all, the store stays consistent.

  kill_writes.py CORRIDOR [DATA.nt] [--trials N] [--seed S] [--commands load,update,import,...]

Without DATA.nt it writes a synthetic N-Triples file of --triples lines (the
ctest run); the stress run in docs/reliability.md uses LUBM(1).

For each command: one uninterrupted run (on a copy of the base store) gives the
state after it and its duration; then each trial copies the base store, starts
the command, kills it (SIGKILL) after a random delay spread over the whole
duration (and a little past it), and checks that
  - the store opens and `corridor check` finds the six indexes, the dictionary
    and the statistics consistent;
  - its content is exactly the state before the command or exactly the state
    after it;
  - the next writer removes the temporary folder the killed one left.
Trials that ended before the kill still count (the check is the same).
Prints one line per command: trials, how many ended before / after the change.
"""
import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

GRAPH = "http://kill.example/case"


def run(corridor, store, *args, check=True):
    return subprocess.run([corridor, "--store", store, "-q"] + list(args), capture_output=True, text=True,
                          check=check)


def content(corridor, store):
    out = run(corridor, store, "export", "--format", "nquads").stdout
    return hashlib.sha256("".join(sorted(out.splitlines(True))).encode()).hexdigest()


def leftovers(store):
    return [n for n in os.listdir(store) if n.startswith("tmp-")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corridor")
    ap.add_argument("data", nargs="?")
    ap.add_argument("--triples", type=int, default=20000)
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--commands", default="create,load,update,import,drop,clear,replace")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="corridor-kill-")
    try:
        if not a.data:
            a.data = os.path.join(work, "data.nt")
            with open(a.data, "w") as f:
                for i in range(a.triples):
                    f.write(f'<http://kill.example/s{i // 5}> <http://kill.example/p{i % 5}> '
                            f'{"<http://kill.example/o%d>" % (i % 997) if i % 2 else chr(34) + "value %d" % i + chr(34)} .\n')
        base = os.path.join(work, "base")
        run(a.corridor, base, "load", "--graph", GRAPH, a.data)
        with open(os.path.join(work, "small.nt"), "w") as f:
            f.write('<http://kill.example/a> <http://kill.example/p> "committed before" .\n')
        run(a.corridor, base, "load", os.path.join(work, "small.nt"))
        # A revised case for --replace: every second line of the data, and one new fact.
        revised = os.path.join(work, "revised.nt")
        with open(a.data) as src, open(revised, "w") as dst:
            for i, line in enumerate(src):
                if i % 2 == 0:
                    dst.write(line)
            dst.write('<http://kill.example/new> <http://kill.example/p> "added by the revision" .\n')
        extra = os.path.join(work, "extra.nt")
        with open(a.data) as src, open(extra, "w") as dst:
            for line in src:
                dst.write(line.replace("<http://", "<http://extra.", 1))
        # A case as two sheets for `import`: entities and policy transfers between them.
        nodes, edges = os.path.join(work, "nodes.csv"), os.path.join(work, "edges.csv")
        with open(nodes, "w") as n, open(edges, "w") as e:
            n.write("id,type,label,scale,country\n")
            e.write("source,relation,target,year,source_doc\n")
            for i in range(1000):
                n.write(f"K{i},Enterprise,Firm {i},enterprise,CHN\n")
            for t in range(3000):
                n.write(f"KT{t},PolicyTransfer,step {t},,\n")
                e.write(f"KT{t},transfer_from,K{t % 1000},{1990 + t % 30},https://kill.example/doc/{t % 50}\n")
                e.write(f"KT{t},transfer_to,K{(t * 7) % 1000},{1990 + t % 30},\n")
                e.write(f"KT{t},element,tax,{1990 + t % 30},\n")
        commands = {
            "create": ["load", "--graph", GRAPH, a.data], # the first load, into a path with no store yet
            "load": ["load", extra],
            "update": ["update", f"DELETE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }} INSERT {{ GRAPH <{GRAPH}> {{ ?s ?p ?o , \"copy\" }} }} "
                                 f"WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o FILTER(isIRI(?o)) }} }}"],
            "drop": ["drop", "--graph", GRAPH],
            "clear": ["clear", "--yes"],
            "replace": ["load", "--replace", "--graph", GRAPH, revised],
            "import": ["import", "--graph", "https://kill.example/case", nodes, edges],
        }
        before = content(a.corridor, base)
        failures = 0
        store = os.path.join(work, "trial")
        def prepare(name):
            if name != "create":
                shutil.copytree(base, store)

        def state(name):
            """The store's content, "none" when there is no store (only a creation may leave that)."""
            if name == "create" and not os.path.exists(store):
                return "none", None
            checked = run(a.corridor, store, "check", check=False)
            if checked.returncode != 0:
                if name == "create" and "no store at" in checked.stderr:
                    return "none", None
                return None, "check failed: " + (checked.stdout + checked.stderr).strip()
            return content(a.corridor, store), None

        for name in a.commands.split(","):
            args = commands[name]
            prepare(name)
            t = time.perf_counter()
            run(a.corridor, store, *args)
            duration = time.perf_counter() - t
            after = content(a.corridor, store)
            shutil.rmtree(store)
            outcomes = {"before": 0, "after": 0}
            # A killed first load may leave no store, or a new empty one (the store is
            # created, atomically, before the load's own atomic write).
            empty = hashlib.sha256(b"").hexdigest()
            expected_before = ("none", empty) if name == "create" else (before,)
            for trial in range(a.trials):
                prepare(name)
                delay = rng.uniform(0, duration * 1.1)
                p = subprocess.Popen([a.corridor, "--store", store, "-q"] + args, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
                time.sleep(delay)
                p.send_signal(signal.SIGKILL)
                p.wait()
                now, problem = state(name)
                if problem:
                    pass
                elif now in expected_before:
                    outcomes["before"] += 1
                elif now == after:
                    outcomes["after"] += 1
                else:
                    problem = "the store holds neither the state before the command nor the state after it"
                if not problem:
                    # The next writer cleans up what the killed one left.
                    run(a.corridor, store, "update", "INSERT DATA { <http://kill.example/x> <http://kill.example/p> 1 }")
                    if leftovers(store):
                        problem = f"temporary folders left after the next write: {leftovers(store)}"
                if problem:
                    failures += 1
                    print(f"FAIL {name} trial {trial} (killed after {delay:.3f} s of {duration:.3f} s): {problem}")
                shutil.rmtree(store, ignore_errors=True)
            print(f"{name}: {a.trials} kills over {duration:.2f} s; store as before {outcomes['before']}, "
                  f"as after {outcomes['after']}")
        # Two first loads racing into one new path: one creates the store, the other
        # waits its turn or is told the store is busy (exit 4), never "not a store".
        for trial in range(max(2, a.trials // 2)):
            procs = [subprocess.Popen([a.corridor, "--store", store, "-q", "load", a.data], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True) for _ in range(2)]
            codes = [(p.wait(), p.stderr.read()) for p in procs]
            if any(c not in (0, 4) for c, _ in codes) or 0 not in (c for c, _ in codes):
                failures += 1
                print(f"FAIL racing creations: exit codes {[c for c, _ in codes]}: {[e for _, e in codes]}")
            shutil.rmtree(store, ignore_errors=True)
        print(f"racing first loads: {max(2, a.trials // 2)} pairs")
        if failures:
            print(f"{failures} failed trial(s)")
            sys.exit(1)
        print("ok")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
