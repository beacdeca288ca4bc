#!/usr/bin/env bash
# The output formats of TRACE paths, through the real CLI: JSON results carry
# the path's structure, `steps` is one CSV row per step, graphml/dot merge the
# paths into one graph, nquads/trig give the facts behind the steps with their
# graphs, and the table shows the readable text.
# Usage: trace_outputs.sh path/to/corridor path/to/tests/data/trace.trig
set -euo pipefail
corridor=$1
data=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export CORRIDOR_STORE="$dir/db"
"$corridor" -q load "$data"
q='PREFIX : <http://ex/> SELECT ?x ?p WHERE { TRACE ?p FROM :a TO ?x VIA :link ALL SHORTEST FILTER(?x IN (:d, :e)) }'

"$corridor" query --format json "$q" > "$dir/out.json"
"$corridor" query --format steps "$q" > "$dir/steps.csv"
"$corridor" query --format graphml "$q" > "$dir/out.graphml"
"$corridor" query --format dot "$q" > "$dir/out.dot"
"$corridor" query --format nquads "$q" > "$dir/out.nq"
"$corridor" query --format table "$q" > "$dir/out.txt"
"$corridor" query --format csv "$q" > "$dir/out.csv"
"$corridor" query --format tsv "$q" > "$dir/out.tsv"
"$corridor" query --format xml "$q" > "$dir/out.xml"
# Steps with nothing to label them: plain arrows, and DOT edges without an empty label.
q2='PREFIX : <http://ex/> SELECT ?p WHERE { TRACE ?p FROM :a TO :d STEP ?u ?v { ?u :link ?v } }'
"$corridor" query --format dot "$q2" > "$dir/plain.dot"
"$corridor" query --format csv "$q2" > "$dir/plain.csv"

python3 - "$dir" <<'PY'
import csv, json, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
doc = json.load(open(f"{d}/out.json"))
rows = doc["results"]["bindings"]
assert len(rows) == 3, rows                       # a-b-d, a-c-d, a-b-e
texts = sorted(r["p"]["value"] for r in rows)
assert texts == ["Alpha —link→ b —link→ d", "Alpha —link→ b —link→ e", "Alpha —link→ c —link→ d"], texts
p = rows[0]["p"]["path"]
assert p["length"] == 2 and len(p["nodes"]) == 3 and len(p["steps"]) == 2, p
assert p["nodes"][0]["label"] == "Alpha" and p["nodes"][0]["term"]["value"] == "http://ex/a"
step = p["steps"][0]
assert step["predicate"] == "http://ex/link" and step["graphs"] == ["http://ex/g1"], step
assert step["facts"][0]["g"]["value"] == "http://ex/g1"

steps = list(csv.DictReader(open(f"{d}/steps.csv", newline="")))
assert len(steps) == 6, steps                      # 3 paths x 2 steps
assert {r["path"] for r in steps} == {"1", "2", "3"}
assert [r["step"] for r in steps if r["path"] == "1"] == ["1", "2"]
assert steps[0]["from_label"] == "Alpha" and steps[0]["graphs"] == "http://ex/g1", steps[0]
assert "x" in steps[0] and "p" not in steps[0]

g = ET.parse(f"{d}/out.graphml").getroot()
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
nodes = g.findall(".//g:node", ns)
edges = g.findall(".//g:edge", ns)
assert len(nodes) == 5, len(nodes)                 # a b c d e
assert len(edges) == 5, len(edges)                 # a-b (twice, merged) a-c b-d c-d b-e
weights = sorted(int(e.find("g:data[@key='paths']", ns).text) for e in edges)
assert weights == [1, 1, 1, 1, 2], weights

dot = open(f"{d}/out.dot").read()
assert dot.startswith("digraph") and dot.count("->") == 5, dot

plain = open(f"{d}/plain.dot").read()
assert "->" in plain and 'label=""' not in plain, plain
assert " → " in open(f"{d}/plain.csv").read() and "—→" not in open(f"{d}/plain.csv").read()

quads = [l for l in open(f"{d}/out.nq") if l.strip()]
assert len(quads) == 5 and all("<http://ex/g1>" in q for q in quads), quads

table = open(f"{d}/out.txt").read()
assert "Alpha —link→ b —link→ e" in table, table
assert "Alpha —link→ c —link→ d" in open(f"{d}/out.csv").read()

# TSV and XML keep a path whole: the literal's lexical form is the same JSON as JSON results carry.
by_text = {r["p"]["value"]: r["p"]["path"] for r in rows}
tsv_rows = open(f"{d}/out.tsv", encoding="utf-8").read().splitlines()[1:]
assert len(tsv_rows) == 3, tsv_rows
suffix = '"^^<https://w3id.org/corridor/trace#Path>'
for line in tsv_rows:
    cell = line.split("\t")[1]
    assert cell.startswith('"') and cell.endswith(suffix), cell
    path = json.loads(json.loads('"' + cell[1:-len(suffix)] + '"'))
    assert path == by_text[path["text"]], path
xml_paths = [json.loads(l.text) for l in ET.parse(f"{d}/out.xml").getroot().iter("{http://www.w3.org/2005/sparql-results#}literal")]
assert sorted(p["text"] for p in xml_paths) == texts and all(p == by_text[p["text"]] for p in xml_paths)
print("trace outputs ok")
PY

# A format for paths without a path in the result says so.
"$corridor" query --format steps 'SELECT ?x WHERE { ?x ?y ?z } LIMIT 1' > /dev/null 2> "$dir/err.txt"
grep -q "no TRACE path" "$dir/err.txt"

# SAMEAS: a step leaves from another member of the node the path arrived at. Every
# output declares that member as a node (joined by a sameAs edge), so tools read
# exactly the nodes the file declares.
export CORRIDOR_STORE="$dir/sameas"
cat > "$dir/sameas.ttl" <<'TTL'
@prefix : <http://ex/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
:a :link :b . :b owl:sameAs :b2 . :b2 :link :c .
:b rdfs:label "Bee" . :b2 rdfs:label "Bee two" .
TTL
"$corridor" -q load "$dir/sameas.ttl"
q3='PREFIX : <http://ex/> SELECT ?p WHERE { TRACE ?p FROM :a TO :c VIA :link SAMEAS }'
"$corridor" query --format graphml "$q3" > "$dir/sameas.graphml"
"$corridor" query --format dot "$q3" > "$dir/sameas.dot"
"$corridor" query --format steps "$q3" > "$dir/sameas.csv"
python3 - "$dir" <<'PY'
import csv, re, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
g = ET.parse(f"{d}/sameas.graphml").getroot()
declared = {n.get("id") for n in g.findall(".//g:node", ns)}
used = {x for e in g.findall(".//g:edge", ns) for x in (e.get("source"), e.get("target"))}
assert used <= declared, (used - declared)
assert "http://ex/b2" in declared, declared
try:
    import networkx
    graph = networkx.read_graphml(f"{d}/sameas.graphml")
    assert graph.number_of_nodes() == len(declared) == 4, graph.nodes
except ImportError:
    pass
dot = open(f"{d}/sameas.dot").read()
declared = set(re.findall(r'^  ("[^"]*") \[label=', dot, re.M))
used = set(x for pair in re.findall(r'^  ("[^"]*") -> ("[^"]*")', dot, re.M) for x in pair)
assert used <= declared, (used - declared, dot)
rows = list(csv.DictReader(open(f"{d}/sameas.csv")))
assert [r["from_label"] for r in rows] == ["a", "Bee two"], rows
print("sameas outputs ok")
PY
