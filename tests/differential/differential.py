#!/usr/bin/env python3
"""Differential test: random SPARQL queries over random data, answered by Corridor and by Oxigraph,
results compared. The W3C suites test each feature alone; this meets them in combination (joins of
every shape, OPTIONAL, UNION, MINUS, EXISTS, GRAPH, VALUES, BIND, property paths, filters over mixed
types, aggregates), which is where a planner's choices (join order, probing or hashing, merge joins,
filters moved down) can give a silent wrong answer.

Corridor runs in strict dataset mode (`--strict`), Oxigraph's default: the default graph is the
store's own. With --union both read the default graph as the union of all graphs (Corridor's
default): Corridor's union is a set (a triple in two graphs counts once), Oxigraph's keeps one copy
per graph, so rows then compare as sets and queries get no aggregates.

Queries are built to have one right answer: no LIMIT without an ORDER BY over every projected
variable, no SAMPLE, GROUP_CONCAT, RAND, NOW, UUID or BNODE, aggregates only over variables bound in
every row. Rows compare as multisets; as sets when the query has an alternative or negated property
path (Oxigraph returns such a path's matches without duplicates, where SPARQL's union of
alternatives keeps them); by their number alone after ORDER BY ... LIMIT (values of different types
have no order SPARQL fixes, so engines may keep different rows). Blank nodes compare as blank,
language tags in lower case, decimal, float and double values by value (their lexical form is the
engine's choice). Where else the two engines part on purpose, and how the queries avoid it:
docs/reliability.md, "Differential testing". A query one engine refuses and the other answers is
counted apart: a difference in what is accepted, not in answers.

Not part of the test command (it needs Oxigraph from npm): run it by hand, and turn what it finds
into fixtures (tests/queries/). Every run is bounded (--queries, --timeout per query).

With --updates the requests are updates instead (INSERT DATA, DELETE DATA, DELETE/INSERT WHERE with
WITH, DELETE WHERE, CLEAR, DROP, ADD, MOVE, COPY, one to three in a request), each run on a fresh
copy of the data by both engines, and the stores after them compared quad by quad.

Usage: tests/differential/differential.py [--seed N] [--queries N] [--size EDGES] [--union | --updates]
                                          [--out DIR]
Env:   CORRIDOR (default build/cli/corridor), NODE_PATH with the `oxigraph` package
       (../shared/bench-peers/setup_peers.sh installs it in /tmp/peers/node/node_modules, the default)
"""
import argparse
import json
import os
import random
import re
import select
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORRIDOR = os.environ.get("CORRIDOR", os.path.join(ROOT, "build", "cli", "corridor"))
NODE_PATH = os.environ.get("NODE_PATH", "/tmp/peers/node/node_modules")

E = "http://ex.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = f"PREFIX xsd: <{XSD}>\n"  # Corridor knows xsd: without it, Oxigraph does not
EDGE_PREDICATES = ["p0", "p1", "p2", "p3"]
VALUE_PREDICATES = ["v0", "v1", "v2"]
GRAPHS = [None, "g1", "g2"]
LITERALS = [
    '"0"^^<{x}integer>', '"1"^^<{x}integer>', '"2"^^<{x}integer>', '"3"^^<{x}integer>', '"10"^^<{x}integer>',
    '"-4"^^<{x}integer>', '"1.5"^^<{x}decimal>', '"2.25"^^<{x}decimal>', '"-0.5"^^<{x}decimal>',
    '"1.5"^^<{x}double>', '"25"^^<{x}double>', '"a"', '"b"', '"abc"', '"Abc"',
    '"ba"', '""', '"a"@en', '"b"@fr', '"abc"@en-gb', '"true"^^<{x}boolean>', '"false"^^<{x}boolean>',
    '"2020-01-01"^^<{x}date>', '"2015-06-30"^^<{x}date>', '"x"^^<http://ex.org/custom>',
]
# Numbers only in the lexical forms Oxigraph keeps: it stores numbers by value and writes them back
# in its own form ("007" as "7", "2.5E1" as "25"), where Corridor keeps each term as written. The
# same for language tags, which Oxigraph writes in lower case (LANG() included).
LITERALS = [lit.replace("{x}", XSD) for lit in LITERALS]
# Ordering comparisons are against these: not booleans, which SPARQL orders (false < true) and
# Oxigraph does not.
ORDERED = [lit for lit in LITERALS if "boolean" not in lit]
LANGS = ['"en"', '""', '"fr"']
NEEDLES = ['"a"', '"b"', '"n1"']
PATTERNS = ['"^a"', '"b$"', '"A"']
FLAGS = ['', ', "i"']


NODES = []


def make_data(rng, size):
    """About 2.5 x size quads: edges between size / 15 nodes, values of every kind, three graphs,
    shared triples."""
    NODES[:] = [f"n{i}" for i in range(max(4, size // 15))]
    quads = set()
    subjects = [f"<{E}{n}>" for n in NODES] + ["_:b1", "_:b2"]
    for _ in range(size):
        g = rng.choice(GRAPHS)
        s = rng.choice(subjects[:-1] if rng.random() < 0.9 else subjects)
        o = f"<{E}{rng.choice(NODES)}>" if rng.random() < 0.95 else rng.choice(["_:b1", "_:b2"])
        quads.add((s, f"<{E}{rng.choice(EDGE_PREDICATES)}>", o, g))
    for _ in range(size * 7 // 10):
        g = rng.choice(GRAPHS)
        quads.add((rng.choice(subjects), f"<{E}{rng.choice(VALUE_PREDICATES)}>", rng.choice(LITERALS), g))
    for q in rng.sample(sorted(quads, key=str), size // 5):  # the same triple in another graph too
        quads.add((q[0], q[1], q[2], rng.choice(GRAPHS)))
    return "".join(f"{s} {p} {o}{'' if g is None else f' <{E}{g}>'} .\n" for s, p, o, g in sorted(quads, key=str))


class QueryMaker:
    """One random query. Variables come from triple patterns (?v for nodes, ?w for values, ?p for
    predicates); BIND and aggregates use fresh ones."""

    def __init__(self, rng, union=False):
        self.rng = rng
        self.union = union
        self.fresh = 0
        self.limited = False  # ORDER BY ... LIMIT: only the number of rows is compared
        self.set_paths = False  # an alternative or negated path: rows compared as a set
        self.certain = set()  # variables of the top-level triple patterns: bound in every row
        self.in_graph_var = False  # making a group inside GRAPH ?g

    def var(self, scope, new_chance=0.4, kind="v", avoid=None):
        """A variable of `kind` (v: nodes, w: values, p: predicates), one already there or new:
        kinds keep a value out of subject places, where it could match nothing."""
        there = sorted(x for x in scope if x.startswith("?" + kind) and x != avoid)
        if there and self.rng.random() > new_chance:
            return self.rng.choice(there)
        v = f"?{kind}{len(there) + self.rng.randrange(3)}"
        scope.add(v)
        return v

    def node(self):
        return f"<{E}{self.rng.choice(NODES)}>"

    def path(self):
        p = lambda: f"<{E}{self.rng.choice(EDGE_PREDICATES)}>"
        self.set_paths = True
        return self.rng.choice([f"{p()}*", f"{p()}+", f"{p()}/{p()}", f"^{p()}", f"({p()}|{p()})", f"{p()}?",
                                f"({p()}|^{p()})+", f"!{p()}", f"{p()}/{p()}*"])

    def triple(self, scope, paths=True):
        r = self.rng.random() if paths else self.rng.random() * 0.9
        # Mostly variables, joined to those already there: random constants mostly match nothing.
        s = self.var(scope, new_chance=0.3) if self.rng.random() < 0.9 else self.node()
        # The object is seldom the subject again (a self-loop, rare in the data).
        avoid = s if self.rng.random() < 0.9 else None
        if r < 0.45:
            p = f"<{E}{self.rng.choice(EDGE_PREDICATES)}>"
            o = self.var(scope, new_chance=0.5, avoid=avoid) if self.rng.random() < 0.9 else self.node()
        elif r < 0.8:
            p = f"<{E}{self.rng.choice(VALUE_PREDICATES)}>"
            o = self.var(scope, new_chance=0.5, kind="w") if self.rng.random() < 0.9 else self.rng.choice(LITERALS)
        elif r < 0.9:
            p, o = self.var(scope, kind="p"), self.var(scope, kind="w")
        else:
            p = self.path()
            o = self.var(scope, avoid=avoid) if self.rng.random() < 0.7 else self.node()
        return f"{s} {p} {o} ."

    def constant(self):
        return self.rng.choice(LITERALS + [self.node(), "1", "2.5", '"a"', "true"])

    def expr(self, scope, depth=0):
        vs = sorted(scope) or ["?v0"]
        v = lambda: self.rng.choice(vs)
        if depth > 1:
            return self.rng.choice([v(), self.constant()])
        a = lambda: self.expr(scope, depth + 1)
        forms = [
            lambda: f"{v()} {self.rng.choice(['=', '!='])} {self.rng.choice([self.constant(), v()])}",
            # Ordering against literals only: Oxigraph holds an IRI >= itself, where SPARQL has no
            # order of IRIs (an error).
            lambda: f"{v()} {self.rng.choice(['<', '>', '<=', '>='])} {self.rng.choice(ORDERED)}",
            lambda: f"(({a()}) {self.rng.choice(['+', '-', '*'])} ({a()})) > {self.rng.choice(['0', '1', '2'])}",
            lambda: f"{a()} {self.rng.choice(['&&', '||'])} {a()}",
            lambda: f"!({a()})",
            lambda: f"BOUND({v()})",
            lambda: f"{self.rng.choice(['isIRI', 'isLiteral', 'isBlank', 'isNumeric'])}({v()})",
            lambda: f"STRLEN(STR({v()})) {self.rng.choice(['<', '>', '='])} {self.rng.randrange(4)}",
            lambda: f"LANG({v()}) = {self.rng.choice(LANGS)}",
            lambda: f"DATATYPE({v()}) = <{XSD}{self.rng.choice(['integer', 'decimal', 'string', 'double', 'date'])}>",
            lambda: f"{self.rng.choice(['CONTAINS', 'STRSTARTS', 'STRENDS'])}(STR({v()}), {self.rng.choice(NEEDLES)})",
            lambda: f"REGEX(STR({v()}), {self.rng.choice(PATTERNS)}{self.rng.choice(FLAGS)})",
            lambda: f"{v()} {self.rng.choice(['IN', 'NOT IN'])} ({self.constant()}, {self.constant()})",
            lambda: f"sameTerm({v()}, {self.rng.choice([v(), self.constant()])})",
            lambda: f"COALESCE({v()}, {self.constant()}) = {self.constant()}",
            lambda: f"IF({a()}, {v()}, {self.constant()}) = {self.constant()}",
            lambda: f"ABS({v()}) >= 1",
            lambda: f"UCASE(STR({v()})) = \"ABC\"",
            lambda: f"langMatches(LANG({v()}), \"en\")",
            lambda: f"{self.value_expr(scope)} = {self.rng.choice([self.constant(), v()])}",
            lambda: f"{self.value_expr(scope)} {self.rng.choice(['<', '>='])} {self.rng.choice(ORDERED)}",
        ]
        return self.rng.choice(forms)()

    def value_expr(self, scope):
        # Not over BIND's own results: the text of a computed number is the engine's choice
        # (Corridor writes 50.0 as a double "5.0E1", Oxigraph "50").
        vs = sorted(v for v in scope if not v.startswith("?x")) or ["?v0"]
        v = self.rng.choice(vs)
        return self.rng.choice([f"STR({v})", f"({v} + 1)", f"LANG({v})", f"DATATYPE({v})", f"STRLEN(STR({v}))",
                                f"UCASE(STR({v}))", f"COALESCE({v}, \"none\")", f"isIRI({v})", f"({v} * 2)",
                                f"IF(BOUND({v}), 1, 0)", f"CONCAT(STR({v}), \"-\")", f"SUBSTR(STR({v}), 2)",
                                f"LCASE({v})", f"STRBEFORE(STR({v}), \"b\")", f"STRAFTER(STR({v}), \"a\")",
                                f"REPLACE(STR({v}), \"[ab]\", \"x\")", f"ENCODE_FOR_URI(STR({v}))", f"YEAR({v})",
                                f"MONTH({v})", f"ROUND({v})", f"CEIL({v})", f"FLOOR({v})", f"({v} / 2)",
                                f"xsd:integer({v})", f"xsd:string({v})", f"xsd:boolean({v})", f"STRDT(STR({v}), xsd:date)",
                                f"STRLANG(STR({v}), \"de\")", f"isNumeric({v})", f"(-{v})", f"LANGMATCHES(LANG({v}), \"*\")",
                                f"CONTAINS(LCASE(STR({v})), \"ab\")", f"IRI(CONCAT(\"http://ex.org/\", STR({v})))",
                                f"MD5(STR({v}))", f"SHA1(STR({v}))", f"STRSTARTS({v}, \"a\")"])

    def group(self, scope, depth=0):
        parts = [self.triple(scope) for _ in range(self.rng.randint(1, 5 if depth == 0 else 3))]
        if depth == 0:
            self.certain = set(scope)
        for _ in range(self.rng.randint(0, 3 if depth == 0 else 1)):
            r = self.rng.random()
            if r < 0.25:
                parts.append(f"FILTER({self.expr(scope)})")
            elif r < 0.4 and depth < 2:
                parts.append(f"OPTIONAL {{ {self.group(scope, depth + 1)} }}")
            elif r < 0.5 and depth < 2:
                left, right = set(scope), set(scope)
                parts.append(f"{{ {self.group(left, depth + 1)} }} UNION {{ {self.group(right, depth + 1)} }}")
                scope |= left | right
            elif r < 0.58 and depth < 2 and not self.in_graph_var:  # Oxigraph: see below
                parts.append(f"MINUS {{ {self.group(set(scope), depth + 1)} }}")
            elif r < 0.66 and depth == 0:
                # Only in the query's own group: in a nested one (GRAPH, UNION) Oxigraph lets EXISTS
                # see variables bound outside the group, which SPARQL's bottom-up reading does not.
                kind = self.rng.choice(["EXISTS", "NOT EXISTS"])
                parts.append(f"FILTER {kind} {{ {self.group(set(scope), depth + 1)} }}")
            elif r < 0.76 and depth < 2:
                g = self.rng.choice(["?g", f"<{E}g1>", f"<{E}g2>"])
                outer, self.in_graph_var = self.in_graph_var, self.in_graph_var or g == "?g"
                inner = self.group(scope, depth + 1)
                self.in_graph_var = outer
                # ?g only after the group: inside it ?g is not bound (SPARQL evaluates the group,
                # then joins the graph's name), where Oxigraph's filters there see it bound.
                if g == "?g":
                    scope.add("?g")
                parts.append(f"GRAPH {g} {{ {inner} }}")
            elif r < 0.86:
                x = f"?x{self.fresh}"
                self.fresh += 1
                parts.append(f"BIND({self.value_expr(scope)} AS {x})")
                scope.add(x)
            elif r < 0.93:
                v = self.var(scope, new_chance=0.3)
                values = " ".join(self.rng.choice([self.node(), self.constant(), "UNDEF"])
                                  for _ in range(self.rng.randint(1, 3)))
                parts.append(f"VALUES {v} {{ {values} }}")
            # Inside GRAPH ?g, Oxigraph leaves ?g unbound on a subquery's rows, and lets ?g count as a
            # variable both sides of a MINUS share: neither is generated there.
            elif not self.in_graph_var:
                inner = set(scope)
                body = self.group(inner, depth + 1)
                keep = sorted(inner)[: self.rng.randint(1, max(1, len(inner)))]
                parts.append(f"{{ SELECT {' '.join(keep)} WHERE {{ {body} }} }}")
                scope |= set(keep)
        return " ".join(parts)

    def update(self, data_quads):
        """One update request of one to three operations."""
        def ground():
            s = self.node()
            if self.rng.random() < 0.5:
                t = f"{s} <{E}{self.rng.choice(EDGE_PREDICATES)}> {self.node()} ."
            else:
                t = f"{s} <{E}{self.rng.choice(VALUE_PREDICATES)}> {self.rng.choice(LITERALS)} ."
            g = self.rng.choice(GRAPHS + ["g3"])
            return t if g is None else f"GRAPH <{E}{g}> {{ {t} }}"

        def stated():  # a quad of the data, blank nodes left out (DELETE DATA cannot name them)
            q = self.rng.choice([q for q in data_quads if "_:" not in q])
            terms = TERM.findall(q)
            t = " ".join(terms[:3]) + " ."
            return t if len(terms) == 3 else f"GRAPH {terms[3]} {{ {t} }}"

        def template(scope):
            vs = sorted(scope) or ["?v0"]
            parts = []
            for _ in range(self.rng.randint(1, 2)):
                t = (f"{self.rng.choice(vs + [self.node()])} <{E}{self.rng.choice(EDGE_PREDICATES + ['q9'])}> "
                     f"{self.rng.choice(vs + [self.node(), '_:new', self.rng.choice(LITERALS)])} .")
                g = self.rng.choice([None, None, f"<{E}g3>", f"<{E}g1>"] + (["?g"] if "?g" in scope else []))
                parts.append(t if g is None else f"GRAPH {g} {{ {t} }}")
            return " ".join(parts)

        graph = lambda: self.rng.choice([f"GRAPH <{E}g1>", f"GRAPH <{E}g2>", f"GRAPH <{E}g3>", "DEFAULT"])
        target = lambda: self.rng.choice([f"<{E}g1>", f"<{E}g2>", f"<{E}g3>", "DEFAULT"])
        ops = []
        for _ in range(self.rng.randint(1, 3)):
            r = self.rng.random()
            if r < 0.15:
                ops.append(f"INSERT DATA {{ {' '.join(ground() for _ in range(self.rng.randint(1, 3)))} }}")
            elif r < 0.3:
                ops.append(f"DELETE DATA {{ {' '.join(stated() for _ in range(self.rng.randint(1, 3)))} }}")
            elif r < 0.65:
                scope = set()
                self.set_paths = False
                body = self.group(scope)
                delete = f"DELETE {{ {template(scope).replace('_:new', '?v0')} }} " if self.rng.random() < 0.6 else ""
                insert = f"INSERT {{ {template(scope)} }} " if not delete or self.rng.random() < 0.5 else ""
                if self.set_paths:  # a fresh blank node per solution, and the engines' duplicates differ
                    insert = insert.replace("_:new", "?v0")
                with_ = f"WITH <{E}{self.rng.choice(['g1', 'g2'])}> " if self.rng.random() < 0.2 else ""
                ops.append(f"{with_}{delete}{insert}WHERE {{ {body} }}")
            elif r < 0.75:
                scope = set()
                quads = " ".join(self.triple(scope, paths=False) for _ in range(self.rng.randint(1, 2)))
                ops.append(f"DELETE WHERE {{ {quads} }}")  # quad patterns: no paths
            elif r < 0.85:
                ops.append(f"{self.rng.choice(['CLEAR', 'DROP'])} SILENT "
                           f"{self.rng.choice([graph(), 'NAMED', 'ALL', 'DEFAULT'])}")
            else:
                a, b = target(), target()
                ops.append(f"{self.rng.choice(['ADD', 'MOVE', 'COPY'])} SILENT {a} TO {b}")
        return " ; ".join(ops)

    def query(self):
        scope = set()
        body = self.group(scope)
        vs = sorted(scope - {"?g"} if scope - {"?g"} else scope) or ["?v0"]
        r = self.rng.random()
        if r < 0.08:
            return f"ASK {{ {body} }}"
        if r < 0.3 and not self.set_paths and not self.union:  # counted duplicates of alternative paths differ (see above)
            keys = self.rng.sample(vs, min(len(vs), self.rng.randint(0, 2)))
            # Aggregated variables are bound in every row: engines differ on MIN/MAX over unbound.
            rest = sorted(self.certain - set(keys) - {"?g"}) or sorted(self.certain) or vs
            aggregates = []
            for i in range(self.rng.randint(1, 2)):
                # MIN and MAX of strings (between a number and a date SPARQL fixes no order) that are never
                # errors (the spec leaves MIN and MAX over errors open; docs/decisions.md).
                fn = self.rng.choice(["COUNT(*)", "COUNT(DISTINCT {v})", "COUNT({v})", "SUM({v})",
                                      "MIN(COALESCE(STR({v}), \"-\"))", "MAX(COALESCE(STR({v}), \"-\"))", "AVG({v})"])
                aggregates.append(f"({fn.format(v=self.rng.choice(rest))} AS ?agg{i})")
            having = f" HAVING (COUNT(*) > {self.rng.randint(0, 2)})" if self.rng.random() < 0.2 else ""
            group = f" GROUP BY {' '.join(keys)}" if keys else ""
            return f"SELECT {' '.join(keys)} {' '.join(aggregates)} WHERE {{ {body} }}{group}{having}"
        projected = vs if self.rng.random() < 0.5 else self.rng.sample(vs, self.rng.randint(1, len(vs)))
        distinct = "DISTINCT " if self.rng.random() < 0.25 else ""
        tail = ""
        if self.rng.random() < 0.2 and not self.union:  # in --union the engines' duplicates differ
            keys = " ".join(f"{self.rng.choice(['ASC', 'DESC'])}({v})" for v in projected)
            tail = f" ORDER BY {keys} LIMIT {self.rng.randint(1, 6)}" + (f" OFFSET {self.rng.randint(1, 3)}"
                                                                        if self.rng.random() < 0.3 else "")
            self.limited = True
        return f"SELECT {distinct}{' '.join(projected)} WHERE {{ {body} }}{tail}"


NUMERIC = {XSD + t for t in ("decimal", "double", "float")}


def normal(term):
    """A term's text for comparison: language tags in lower case (RDF compares them so; Oxigraph
    writes them so), decimal, float and double by value."""
    m = re.fullmatch(r'("(?:[^"\\]|\\.)*")@(.*)', term)
    if m:
        return f"{m.group(1)}@{m.group(2).lower()}"
    m = re.fullmatch(r'("(?:[^"\\]|\\.)*")\^\^<(.*)>', term)
    if m and m.group(2) in NUMERIC:
        try:
            return f"{float(json.loads(m.group(1))):.9g}^^<{m.group(2)}>"
        except ValueError:
            return term
    return term


def corridor_rows(doc):
    if "boolean" in doc:
        return {"boolean": doc["boolean"]}
    rows = []
    for b in doc["results"]["bindings"]:
        row = {}
        for name, t in b.items():
            if t["type"] == "uri":
                row[name] = f"<{t['value']}>"
            elif t["type"] == "bnode":
                row[name] = "_:"
            elif "xml:lang" in t:
                row[name] = f"{json.dumps(t['value'])}@{t['xml:lang']}"
            elif t.get("datatype") and t["datatype"] != XSD + "string":
                row[name] = f"{json.dumps(t['value'])}^^<{t['datatype']}>"
            else:
                row[name] = json.dumps(t["value"])
        rows.append(row)
    return {"rows": rows}


def canonical(result, mode):
    """What is compared: the boolean, the quads after an update, or the rows as a bag, a set, or only
    their number."""
    if "boolean" in result:
        return ("boolean", result["boolean"])
    if "quads" in result:
        return ("quads", sorted(Counter(" ".join(normal(t) for t in quad_terms(q)) for q in result["quads"]).items()))
    rows = Counter(tuple(sorted((k, normal(v)) for k, v in r.items())) for r in result["rows"])
    if mode == "count":
        return ("count", sum(rows.values()))
    return ("rows", sorted(rows.items()) if mode == "bag" else sorted(rows))


def difference(mine, other, mode):
    """What one engine answered and the other did not, for a person to read."""
    if "quads" in mine:
        a, b = Counter(dict(canonical(mine, mode)[1])), Counter(dict(canonical(other, mode)[1]))
        show = lambda quads: "".join(f"{n} x {q}\n" for q, n in sorted(quads.items()))
        return f"# only in Corridor's store\n{show(a - b)}# only in Oxigraph's store\n{show(b - a)}"
    if "boolean" in mine or "boolean" in other or mode == "count":
        return f"# Corridor: {canonical(mine, mode)}\n# Oxigraph: {canonical(other, mode)}\n"
    a, b = (Counter(dict(canonical(r, "bag")[1])) for r in (mine, other))
    if mode == "set":
        a, b = Counter(set(a)), Counter(set(b))
    show = lambda rows: "".join(f"{n} x {dict(r)}\n" for r, n in sorted(rows.items()))
    return (f"# rows ({'as a set' if mode == 'set' else 'as a bag'}): Corridor {sum(a.values())}, Oxigraph "
            f"{sum(b.values())}\n# only in Corridor's answer\n{show(a - b)}# only in Oxigraph's answer\n{show(b - a)}")


class OxigraphSide:
    """oxigraph_side.js answering one query at a time; a query that runs past the timeout is
    recorded as refused and the process started again (Oxigraph's queries cannot be cancelled)."""

    def __init__(self, data, timeout, union):
        self.data, self.timeout, self.union, self.proc = data, timeout, union, None

    def start(self):
        self.fresh = True
        env = dict(os.environ, NODE_PATH=NODE_PATH)
        cmd = ["node", os.path.join(HERE, "oxigraph_side.js"), self.data] + (["union"] if self.union else [])
        self.proc = subprocess.Popen(cmd, env=env, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def answer(self, request):
        if self.proc is None:
            self.start()
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        # A new process loads the data first.
        ready, _, _ = select.select([self.proc.stdout], [], [], self.timeout + (30 if self.fresh else 2))
        self.fresh = False
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            self.proc.kill()
            self.proc.wait()
            self.proc = None
            return {"error": "Oxigraph gave no answer in time"}
        return json.loads(line)

    def answers(self, requests):
        try:
            return [self.answer(r) for r in requests]
        finally:
            if self.proc:
                self.proc.stdin.close()
                self.proc.wait()


TERM = re.compile(r'<[^>]*>|_:\S*|"(?:[^"\\]|\\.)*"(?:@[-\w]+|\^\^<[^>]*>)?')


def quad_terms(line):
    """The terms of an N-Quads line (or of oxigraph_side.js's quad text), blank nodes as _:."""
    return ["_:" if t.startswith("_:") else t for t in TERM.findall(line)]


def run_corridor_update(store, text, timeout, union):
    """The update on a copy of the store, then every quad of the copy."""
    copy = tempfile.mkdtemp(prefix="corridor-differential-update-")
    try:
        shutil.copytree(store, os.path.join(copy, "s"))
        cmd = [CORRIDOR, "--store", os.path.join(copy, "s"), "-q", "update", "--timeout", str(timeout), text]
        if not union:
            cmd.insert(5, "--strict")
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout + 30)
        if p.returncode != 0:
            return {"error": p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}"}
        p = subprocess.run([CORRIDOR, "--store", os.path.join(copy, "s"), "export", "--format", "nquads"],
                           capture_output=True, text=True, check=True)
        return {"quads": [line.rstrip(" .") for line in p.stdout.splitlines() if line.strip()]}
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def run_corridor(store, text, timeout, union):
    cmd = [CORRIDOR, "--store", store, "query", "--timeout", str(timeout), "--format", "json", text]
    if not union:
        cmd.insert(4, "--strict")
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout + 30)
    except subprocess.TimeoutExpired:
        return {"error": f"corridor did not stop at its --timeout {timeout}"}
    if p.returncode != 0:
        return {"error": p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}"}
    return corridor_rows(json.loads(p.stdout))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--timeout", type=int, default=10, help="seconds per query")
    ap.add_argument("--size", type=int, default=160, help="edges in the data (about 2.5 quads each in all)")
    ap.add_argument("--out", default="differential-out", help="folder for the differences found")
    ap.add_argument("--union", action="store_true", help="the default graph is the union of all graphs")
    ap.add_argument("--updates", action="store_true", help="random updates, each on a fresh copy of the data; "
                    "the stores after them compared")
    a = ap.parse_args()
    if a.updates and a.union:
        sys.exit("--updates compares strict updates only (Oxigraph's update has no union default graph)")
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="corridor-differential-")
    try:
        data = os.path.join(work, "data.nq")
        with open(data, "w") as f:
            f.write(make_data(rng, a.size))
        with open(data) as f:
            data_quads = [line.rstrip(" .\n") for line in f]
        store = os.path.join(work, "store")
        subprocess.run([CORRIDOR, "--store", store, "-q", "load", data], check=True)
        queries = []
        for _ in range(a.queries):
            maker = QueryMaker(rng, a.union)
            if a.updates:
                queries.append((PREFIXES + maker.update(data_quads), "bag"))
                continue
            text = PREFIXES + maker.query()
            queries.append((text, "count" if maker.limited else "set" if maker.set_paths or a.union else "bag"))
        kind = "update" if a.updates else "query"
        theirs = OxigraphSide(data, a.timeout, a.union).answers([{kind: text} for text, _ in queries])
        with ThreadPoolExecutor(2) as pool:
            run = run_corridor_update if a.updates else run_corridor
            ours = list(pool.map(lambda q: run(store, q[0], a.timeout, a.union), queries))
        counts = Counter()
        os.makedirs(a.out, exist_ok=True)
        for i, ((text, mode), mine, other) in enumerate(zip(queries, ours, theirs)):
            if "error" in mine and "error" in other:
                counts["both refused"] += 1
                with open(os.path.join(a.out, f"both-refused-{a.seed}-{i}.txt"), "w") as f:
                    f.write(f"{text}\n\n# Corridor: {mine['error']}\n# Oxigraph: {other['error']}\n")
            elif "error" in mine or "error" in other:
                counts["one refused"] += 1
                with open(os.path.join(a.out, f"refused-{a.seed}-{i}.txt"), "w") as f:
                    f.write(f"{text}\n\n# Corridor: {mine.get('error', 'answered')}\n# Oxigraph: "
                            f"{other.get('error', 'answered')}\n")
            elif canonical(mine, mode) == canonical(other, mode):
                counts["same, no rows" if mine.get("rows") == [] or mine.get("quads") == [] else "same"] += 1
            else:
                counts["different"] += 1
                with open(os.path.join(a.out, f"different-{a.seed}-{i}.txt"), "w") as f:
                    f.write(f"{text}\n\n{difference(mine, other, mode)}")
        shutil.copy(data, os.path.join(a.out, f"data-{a.seed}.nq"))
        print(f"seed {a.seed}{' (union)' if a.union else ''}: {a.queries} queries: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        return 1 if counts["different"] else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
