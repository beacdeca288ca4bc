#!/usr/bin/env bash
# Every graph format, written by the CLI and read back by the real third-party reader:
# networkx (read_graphml, read_gexf, cytoscape_graph), Graphviz (dot -Tsvg) and Python's csv.
# Node and edge counts agree across formats; attributes, dates and special characters survive.
# Usage: graph_formats.sh path/to/corridor SOURCE_DIR
set -euo pipefail
corridor=$1
src=$2
source "$(dirname "$(readlink -f "$0")")/scratch.sh"
# The Python that has networkx: Debian's (python3-networkx) or the one first on PATH.
py=python3
python3 -c 'import networkx' 2>/dev/null || py=/usr/bin/python3
"$py" -c 'import networkx' || { echo "FAIL: networkx is missing (apt install python3-networkx)"; exit 1; }
command -v dot >/dev/null || { echo "FAIL: Graphviz is missing (apt install graphviz)"; exit 1; }

c -q load --graph https://w3id.org/corridor/ns "$src/examples/tcriz/vocabulary.ttl"
c -q load "$src/examples/tcriz/tcriz.trig"
cat > odd.ttl <<'TTL'
@prefix ex: <https://w3id.org/corridor/id/> .
@prefix pmz: <https://w3id.org/corridor/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:odd1 a pmz:Enterprise ; rdfs:label "Smith & <Sons> \"Ltd\"\nsecond line"@en .
ex:odd2 a pmz:GovernmentBody ; rdfs:label "浙江省商务厅"@zh .
ex:T_odd a pmz:PolicyTransfer ; pmz:transferFrom ex:odd2 ; pmz:transferTo ex:odd1 ;
  pmz:element <https://w3id.org/corridor/element/tax> ; pmz:atTime "2013-07"^^xsd:gYearMonth .
TTL
c -q load --graph https://example.org/odd odd.ttl

for f in graphml gexf cytoscape dot; do c export --format $f > "all.$f"; done
c -q export -o by-extension.gexf
c -q export --format graph-csv -o tables
c -q export --format graphml --facts as-nodes > facts-as-nodes.graphml
c query --format gexf 'PREFIX pmz: <https://w3id.org/corridor/ns#>
  CONSTRUCT { ?t ?p ?o } WHERE { ?t a pmz:PolicyTransfer ; ?p ?o }' > construct.gexf
dot -Tsvg all.dot > all.svg
# corridor query -o: the format from the name (or --format), graph-csv into a folder.
construct='PREFIX pmz: <https://w3id.org/corridor/ns#> CONSTRUCT { ?t ?p ?o } WHERE { ?t a pmz:PolicyTransfer ; ?p ?o }'
c -q query -o construct.cyjs "$construct"
c -q query --format graph-csv -o construct-tables "$construct"
trace="$src/examples/queries/trace-gradual-descent.rq"
c -q query --format gexf -f "$trace" > trace.gexf
c -q query --format graph-csv -o trace-tables -f "$trace"
c -q query -o trace.svg -f "$trace"
c -q query -o selected.tsv 'SELECT ?s WHERE { ?s a <https://w3id.org/corridor/ns#Zone> }'

"$py" - "$dir" <<'PY'
import csv, json, re, sys
import networkx as nx
from networkx.readwrite import json_graph
d = sys.argv[1]
g = nx.read_graphml(f"{d}/all.graphml")
x = nx.read_gexf(f"{d}/all.gexf")
y = json_graph.cytoscape_graph(json.load(open(f"{d}/all.cytoscape")))
nodes, edges = g.number_of_nodes(), g.number_of_edges()
assert nodes > 30 and edges > 40, (nodes, edges)
for name, other in (("gexf", x), ("cytoscape", y)):
    assert (other.number_of_nodes(), other.number_of_edges()) == (nodes, edges), (name, other.number_of_nodes(), other.number_of_edges(), nodes, edges)
assert nx.read_gexf(f"{d}/by-extension.gexf").number_of_nodes() == nodes

ex = "https://w3id.org/corridor/id/"
# Attributes: entities carry label, type, scale, country; a transfer is an edge with element and date.
boi = g.nodes[ex + "BOI"]
assert boi["label"] == "Board of Investment of Thailand" and boi["type"] == "GovernmentBody", boi
assert boi["scale"] == "national" and boi["rank"] == "5" and boi["country"] == "Thailand", boi
status = [e for _, _, e in g.edges(data=True) if e.get("fact") == ex + "T_MOFCOM_status"]
assert len(status) == 1 and status[0]["element"] == "legalStatus" and status[0]["date"] == "2006", status
assert status[0]["label"] == "legal status 2006" and "sources" in status[0], status
# Facts are edges, not nodes; with --facts as-nodes they are nodes.
assert ex + "T_MOFCOM_status" not in g
assert ex + "T_MOFCOM_status" in nx.read_graphml(f"{d}/facts-as-nodes.graphml")
# Literals and controlled values are attributes, never nodes; sameAs sets are one node.
assert not any(n.startswith("https://w3id.org/corridor/element/") or n.startswith("https://w3id.org/corridor/scale/") for n in g)
assert "http://www.wikidata.org/entity/Q869" not in g
assert "http://www.wikidata.org/entity/Q869" in g.nodes[ex + "THA"]["sameAs"]
# GEXF dates: the transfer appears at its time; Gephi's timeline replays the case.
edge = [e for _, _, e in x.edges(data=True) if e.get("fact") == ex + "T_odd"][0]
assert edge["start"] == "2013-07-01", edge
ps = [e for _, _, e in x.edges(data=True) if e.get("fact") == ex + "PS_Holley_Amata"][0]
assert ps["start"].startswith("2005"), ps
# Special characters survive every reader.
odd = "Smith & <Sons> \"Ltd\"\nsecond line"
assert g.nodes[ex + "odd1"]["label"] == odd, g.nodes[ex + "odd1"]
assert x.nodes[ex + "odd1"]["label"] == odd
assert y.nodes[ex + "odd1"]["name"] == odd
assert g.nodes[ex + "odd2"]["label"] == "浙江省商务厅" and y.nodes[ex + "odd2"]["name"] == "浙江省商务厅"
# Graphviz draws what DOT declares.
svg = open(f"{d}/all.svg").read()
assert svg.count('class="node"') == nodes and svg.count('class="edge"') == edges, (svg.count('class="node"'), svg.count('class="edge"'))
assert "浙江省商务厅" in svg
# The CSV tables, read by Python's csv.
node_rows = list(csv.DictReader(open(f"{d}/tables/nodes.csv", newline="")))
edge_rows = list(csv.DictReader(open(f"{d}/tables/edges.csv", newline="")))
assert len(node_rows) == nodes and len(edge_rows) == edges
assert [r for r in node_rows if r["id"] == ex + "odd1"][0]["label"] == odd
assert [r for r in edge_rows if r["fact"] == ex + "T_odd"][0]["start"] == "2013-07-01"
# CONSTRUCT results: ends described from the store.
cg = nx.read_gexf(f"{d}/construct.gexf")
assert cg.nodes[ex + "BOI"]["scale"] == "national" and cg.number_of_edges() >= 9, cg.number_of_edges()
cy = json_graph.cytoscape_graph(json.load(open(f"{d}/construct.cyjs")))
assert (cy.number_of_nodes(), cy.number_of_edges()) == (cg.number_of_nodes(), cg.number_of_edges())
for name, graph in (("construct", cg), ("trace", nx.read_gexf(f"{d}/trace.gexf"))):
    rows = list(csv.DictReader(open(f"{d}/{name}-tables/edges.csv", newline="")))
    ids = {r["id"] for r in csv.DictReader(open(f"{d}/{name}-tables/nodes.csv", newline=""))}
    assert len(rows) == graph.number_of_edges() and ids == set(graph.nodes), (name, len(rows), len(ids))
    assert all(r["source"] in ids and r["target"] in ids for r in rows)
tg = nx.read_gexf(f"{d}/trace.gexf")
assert tg.number_of_nodes() > 2
assert open(f"{d}/trace.svg").read().count('class="node"') >= tg.number_of_nodes()
assert sum(1 for _ in open(f"{d}/selected.tsv")) > 2
print("graph formats ok:", nodes, "nodes,", edges, "edges")
PY

# Formats that do not fit are refused.
set +e
c export --format graph-csv >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL: graph-csv without -o"; exit 1; }
c query --format gexf 'ASK { ?s ?p ?o }' >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL: gexf for ASK"; exit 1; }
c query --format graph-csv "$construct" >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL: query graph-csv without -o"; exit 1; }
c query -o result.unknown "$construct" >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL: -o without a known extension"; exit 1; }
c query -o turtle.ttl 'SELECT * { ?s ?p ?o }' >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL: turtle for SELECT"; exit 1; }
[ ! -e turtle.ttl ] && [ ! -e turtle.ttl.partial ] || { echo "FAIL: a refused format left a file"; exit 1; }
# A query that fails (here: stopped by its timeout) leaves no file, and the file it would replace stays.
echo "before" > stopped.tsv
c query --timeout 0.001 -o stopped.tsv 'SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }' >/dev/null 2>&1
[ $? = 5 ] || { echo "FAIL: the timeout did not stop the query"; exit 1; }
[ "$(cat stopped.tsv)" = before ] && [ ! -e stopped.tsv.partial ] || { echo "FAIL: a failed query touched its file"; exit 1; }
# A device is written in place, never replaced; a symbolic link is followed and kept.
c -q query --format tsv -o /dev/null 'SELECT * { ?s ?p ?o }' && [ -c /dev/null ] || { echo "FAIL: -o /dev/null"; exit 1; }
ln -s selected.tsv link.tsv
c -q query -o link.tsv 'ASK { ?s ?p ?o }' && [ -L link.tsv ] && grep -q true selected.tsv || { echo "FAIL: -o through a link"; exit 1; }
set -e

# Pictures: laid out by Graphviz's library. The SVG holds every node and edge of the view, the rows
# of scales run from national at the top to firms at the bottom, and PNG and PDF are what they say.
c -q export --graph https://w3id.org/corridor/id/unused -o none.svg 2>/dev/null && { echo "FAIL: unknown graph drawn"; exit 1; }
c -q export --title "TCRIZ" -o case.svg
c -q export -o case.png
c -q export -o case.pdf
# The founding case alone, as the README shows it, for the A4 check.
"$corridor" -q --store "$dir/case-db" load --graph https://w3id.org/corridor/ns "$src/examples/tcriz/vocabulary.ttl"
"$corridor" -q --store "$dir/case-db" load "$src/examples/tcriz/tcriz.trig"
"$corridor" -q --store "$dir/case-db" export --title "TCRIZ" -o tcriz.svg
head -c 8 case.png | od -An -c | grep -q "P   N   G" || { echo "FAIL: case.png is not a PNG"; exit 1; }
head -c 5 case.pdf | grep -q "%PDF-" || { echo "FAIL: case.pdf is not a PDF"; exit 1; }
"$py" - "$dir" <<'PY'
import re, sys, statistics
import networkx as nx
import xml.etree.ElementTree as ET
d = sys.argv[1]
g = nx.read_graphml(f"{d}/all.graphml")
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(f"{d}/case.svg").getroot()
nodes, centre = {}, {}
for grp in root.iter("{http://www.w3.org/2000/svg}g"):
    if grp.get("class") != "node":
        continue
    title = grp.find("s:title", ns).text
    ys = [float(t.get("y")) for t in grp.iter("{http://www.w3.org/2000/svg}text")]
    if title.startswith("http") and ys:
        nodes[title] = statistics.mean(ys)
        centre[title] = (statistics.mean(float(t.get("x")) for t in grp.iter("{http://www.w3.org/2000/svg}text")),
                         statistics.mean(ys))
# Parallel edges are one line carrying all their labels; an edge that points up is laid out
# downwards with its arrow reversed (its title then reads target->source).
drawn, heads = [], {}
for e in root.iter("{http://www.w3.org/2000/svg}g"):
    t = e.find("s:title", ns).text if e.get("class") == "edge" else None
    if t and re.match(r"https?://\S+->https?://", t):
        drawn.append(tuple(t.split("->")))
        points = [tuple(map(float, p.split(","))) for p in e.find("s:polygon", ns).get("points").split()]
        heads[drawn[-1]] = (statistics.mean(x for x, _ in points), statistics.mean(y for _, y in points))
pairs = {(u, v) for u, v in g.edges()}
assert set(nodes) == set(g.nodes), (set(g.nodes) ^ set(nodes))
assert len(drawn) == len(pairs), (len(drawn), len(pairs))
assert all((u, v) in pairs or (v, u) in pairs for u, v in drawn)
def nearer(head, a, b):
    da = (head[0] - centre[a][0]) ** 2 + (head[1] - centre[a][1]) ** 2
    db = (head[0] - centre[b][0]) ** 2 + (head[1] - centre[b][1]) ** 2
    return da < db
for u, v in drawn:   # the arrowhead sits at the edge's real target, also when laid out reversed
    if abs(centre[u][1] - centre[v][1]) < 5:
        continue     # in one row: the arrow can sit in the gap between neighbours
    if u != v and (u, v) in pairs and (v, u) not in pairs:
        assert nearer(heads[(u, v)], v, u), (u, v)
    if u != v and (v, u) in pairs and (u, v) not in pairs:
        assert nearer(heads[(u, v)], u, v), ("reversed", u, v)
text = " ".join(" ".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
text = re.sub(r"\s+", " ", text.replace("&amp;", "&"))
for u, v, data in g.edges(data=True):
    if data.get("label"):
        assert re.sub(r"\s+", " ", data["label"]) in text, data["label"]
# Legible at A4: the founding case scaled to a 17 cm column (482 pt), node text (10 pt) stays at 6 pt or more.
width = float(ET.parse(f"{d}/tcriz.svg").getroot().get("width").removesuffix("pt"))
assert width <= 482 / 0.6, width
rows = {}
for node, y in nodes.items():
    rows.setdefault(g.nodes[node].get("scale", "none"), []).append(y)
order = ["national", "provincial", "municipal", "zone", "enterprise"]
tops = [statistics.mean(rows[s]) for s in order if s in rows]
assert tops == sorted(tops), list(zip(order, tops))   # SVG y grows downwards
print("picture ok:", len(nodes), "nodes,", len(drawn), "lines, rows in order, width", width, "pt")
PY

# JSON-LD, read back by rdflib: the same quads as the N-Quads export, graph names and datatypes kept.
pyrdf=python3
python3 -c 'import rdflib' 2>/dev/null || pyrdf=/usr/bin/python3
"$pyrdf" -c 'import rdflib' || { echo "FAIL: rdflib is missing (apt install python3-rdflib)"; exit 1; }
c -q export -o all.jsonld
c -q export -o all.nq
c -q export --format jsonld --graph https://example.org/odd -o odd.jsonld
"$pyrdf" - "$dir" <<'PY'
import sys
from rdflib import Dataset
d = sys.argv[1]
a, b = Dataset(), Dataset()
a.parse(f"{d}/all.jsonld", format="json-ld")
b.parse(f"{d}/all.nq", format="nquads")
qa = {(s, p, o, g) for s, p, o, g in a.quads((None, None, None, None))}
qb = {(s, p, o, g) for s, p, o, g in b.quads((None, None, None, None))}
assert len(qb) > 900 and qa == qb, (len(qa), len(qb), list(qa ^ qb)[:5])
odd = Dataset()
odd.parse(f"{d}/odd.jsonld", format="json-ld")
labels = {str(o) for s, p, o, g in odd.quads((None, None, None, None)) if str(p).endswith("#label")}
assert "Smith & <Sons> \"Ltd\"\nsecond line" in labels and "浙江省商务厅" in labels, labels
print("json-ld ok:", len(qa), "quads")
PY
