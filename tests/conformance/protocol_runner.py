#!/usr/bin/env python3
"""Runs the W3C SPARQL 1.1 Protocol and Graph Store Protocol tests against `corridor serve`.

Usage: protocol_runner.py CORRIDOR CONFORMANCE_DIR [--verbose]

Each test gets a new store (its ut:graphData loaded as named graphs) and a new server on a free
loopback port, started with --allow-update and a token. The manifests' requests are sent as they
are written, with three adaptations that the manifests ask a runner to make or that our endpoint
documents (docs/server.md):
  - the path prefix /sparql/ becomes /sparql, and /gsp becomes /store;
  - an update request (to /sparql with an update, or a PUT/POST/DELETE to the graph store)
    carries the server's token, since updates over HTTP need it;
  - "www.example" in graph IRIs of the Graph Store tests is kept: indirect identification names
    graphs by IRI, whatever host serves them; direct identification uses the server's own URL.
Results are checked for the expected status (exact code or class), boolean, result format and,
for graphs returned by the Graph Store, isomorphism with the expected body (rdflib).
Tests we fail are reported and make the exit status 1; nothing is skipped.
"""
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

try:
    import rdflib
    from rdflib.compare import isomorphic
except ImportError:  # Debian's python3-rdflib lives under /usr/bin/python3
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("FAIL: rdflib is missing (apt install python3-rdflib)")
    sys.exit(1)

from rdflib import RDF, Namespace
from rdflib.collection import Collection

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")

TOKEN = "protocol-runner-token-0123456789"
NAMED_STATUS = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404, "BadRequest": 400}
RESULT_TYPES = {
    "boolean": ("application/sparql-results+json", "application/sparql-results+xml", "application/json",
                "application/xml", "text/csv", "text/tab-separated-values"),
    "tabular": ("application/sparql-results+json", "application/sparql-results+xml", "application/json",
                "application/xml", "text/csv", "text/tab-separated-values"),
    "RDF": ("text/turtle", "application/n-triples", "text/plain", "application/rdf+xml", "application/ld+json",
            "application/n-quads"),
}


class Server:
    def __init__(self, corridor, store):
        self.proc = subprocess.Popen(
            [corridor, "--store", store, "serve", "--port", "0", "--allow-update", "--token", TOKEN],
            stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 20
        self.port = None
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            m = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line)
            if m:
                self.port = int(m.group(1))
                break
            if not line and self.proc.poll() is not None:
                break
        if self.port is None:
            self.stop()
            raise RuntimeError("corridor serve did not start")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def statuses(g, resp):
    """The acceptable status codes, as (low, high) ranges."""
    out = []
    for s in g.objects(resp, MF.expectedStatus):
        name = str(s).rsplit("#", 1)[-1]
        m = re.fullmatch(r"StatusCode(\d)xx", name)
        if m:
            out.append((int(m.group(1)) * 100, int(m.group(1)) * 100 + 99))
        elif name in NAMED_STATUS:
            out.append((NAMED_STATUS[name], NAMED_STATUS[name]))
        else:
            raise ValueError(f"unknown status {name}")
    return out


def boolean_of(body, ctype):
    if "json" in ctype:
        return json.loads(body)["boolean"]
    if "xml" in ctype:
        root = ET.fromstring(body)
        b = root.find("{http://www.w3.org/2005/sparql-results#}boolean")
        return b.text.strip() == "true"
    return body.strip().splitlines()[-1].strip() == "true"


def rdf_format(ctype):
    return {"text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt",
            "application/rdf+xml": "xml", "application/ld+json": "json-ld", "application/n-quads": "nquads"}.get(ctype)


def run_test(g, test, corridor, base_dir, verbose):
    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "db")
        # Data: named graphs, and (if any) default-graph data.
        for data in g.objects(test, UT.graphData):
            path = urllib.parse.urlparse(str(g.value(data, UT.graph))).path
            name = str(g.value(data, RDFS.label))
            subprocess.run([corridor, "-q", "--store", store, "load", "--graph", name, path], check=True)
        for path in g.objects(test, UT.data):
            subprocess.run([corridor, "-q", "--store", store, "load", urllib.parse.urlparse(str(path)).path],
                           check=True)
        if not os.path.exists(store):  # an empty store to serve
            subprocess.run([corridor, "-q", "--store", store, "update", "CLEAR DEFAULT"], check=True)
        server = Server(corridor, store)
        try:
            action = g.value(test, MF.action)
            requests = list(Collection(g, g.value(action, HT.requests)))
            variables = {}
            for i, req in enumerate(requests):
                problem = send(g, req, server.port, variables)
                if problem:
                    return f"request {i + 1}: {problem}"
            return None
        finally:
            server.stop()


def send(g, req, port, variables):
    method = str(g.value(req, HT.methodName))
    path = str(g.value(req, HT.absolutePath))
    for k, v in variables.items():
        path = path.replace(k, v)
    if path.startswith("/sparql/"):
        path = "/sparql" + path[len("/sparql/"):]
    elif path.startswith("/gsp"):
        path = "/store" + path[len("/gsp"):]
    headers = {}
    hlist = g.value(req, HT.headers)
    if hlist is not None:
        for h in Collection(g, hlist):
            headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
    body = None
    bnode = g.value(req, HT.body)
    if bnode is not None:
        text = str(g.value(bnode, CNT.chars))
        for k, v in variables.items():
            text = text.replace(k, v)
        encoding = str(g.value(bnode, CNT.characterEncoding) or "UTF-8")
        body = text.encode(encoding)
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    is_update = method in ("PUT", "DELETE") or path.startswith("/store") and method == "POST" or \
        "sparql-update" in ctype or (body is not None and b"update=" in body[:7])
    if is_update:
        headers["Authorization"] = "Bearer " + TOKEN
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers)
    res = conn.getresponse()
    data = res.read()
    conn.close()
    resp = g.value(req, HT.resp)
    ok = statuses(g, resp)
    if ok and not any(lo <= res.status <= hi for lo, hi in ok):
        return f"{method} {path}: status {res.status}, expected {ok}: {data[:200]!r}"
    rtype = (res.getheader("Content-Type") or "").split(";")[0].strip().lower()
    fmt = g.value(resp, MF.expectedFormat)
    if fmt is not None and rtype not in RESULT_TYPES[str(fmt)]:
        return f"{method} {path}: content type {rtype!r} is not a {fmt} result"
    expected = g.value(resp, MF.expectedBoolean)
    if expected is not None and boolean_of(data.decode("utf-8"), rtype) != expected.toPython():
        return f"{method} {path}: boolean {data[:200]!r}, expected {expected}"
    location = g.value(resp, MF.expectedLocation)
    if location is not None:
        given = res.getheader("Location")
        if not given:
            return f"{method} {path}: no Location header"
        variables[str(location)] = given
    rheaders = g.value(resp, HT.headers)
    if rheaders is not None:
        for h in Collection(g, rheaders):
            name, value = str(g.value(h, HT.fieldName)), str(g.value(h, HT.fieldValue))
            if name.lower() == "content-type" and rtype != value.split(";")[0].strip().lower():
                return f"{method} {path}: content type {rtype!r}, expected {value!r}"
    rbody = g.value(resp, HT.body)
    if rbody is not None and method != "HEAD":
        want = rdflib.Graph().parse(data=str(g.value(rbody, CNT.chars)), format="turtle")
        form = rdf_format(rtype)
        if form is None:
            return f"{method} {path}: cannot read a graph from {rtype!r}"
        got = rdflib.Graph().parse(data=data.decode("utf-8"), format=form)
        if not isomorphic(want, got):
            return f"{method} {path}: the graph differs from the expected one ({len(got)} vs {len(want)} triples)"
    return None


def main():
    corridor, conformance = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    verbose = "--verbose" in sys.argv
    base = os.path.join(conformance, "w3c", "sparql", "sparql11")
    manifests = [os.path.join(base, "protocol", "manifest.ttl"),
                 os.path.join(base, "graph-store-protocol", "manifest-indirect.ttl"),
                 os.path.join(base, "graph-store-protocol", "manifest-direct.ttl")]
    if not all(os.path.exists(m) for m in manifests):
        print(f"SKIP: the protocol suites are not under {base}")
        return 77
    passed, failed = 0, []
    for manifest in manifests:
        g = rdflib.Graph().parse(manifest, format="turtle", publicID="file://" + manifest)
        entries = list(Collection(g, g.value(predicate=RDF.type, object=MF.Manifest, any=True) and
                                  g.value(next(g.subjects(RDF.type, MF.Manifest)), MF.entries)))
        for test in entries:
            name = str(test).rsplit("#", 1)[-1]
            try:
                problem = run_test(g, test, corridor, os.path.dirname(manifest), verbose)
            except Exception as e:  # a runner or server failure is a failed test, reported
                problem = f"error: {e}"
            suite = os.path.basename(os.path.dirname(manifest))
            if problem:
                failed.append((suite, name, problem))
                print(f"FAIL {suite}/{name}: {problem}")
            else:
                passed += 1
                if verbose:
                    print(f"pass {suite}/{name}")
    print(f"protocol conformance: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
