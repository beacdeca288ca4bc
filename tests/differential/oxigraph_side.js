#!/usr/bin/env node
// Oxigraph's side of differential.py: loads an N-Quads file into an in-memory
// store, then reads requests from standard input, one JSON line each:
// {"query": text}, or {"update": text} (run on a fresh copy of the data). Each
// gets one JSON line as soon as it is done (the caller stops the process when
// one runs too long): {"rows"} for a SELECT (each row an object of variable to
// term text), {"boolean"} for an ASK, {"quads"} after an update, {"error"} when
// Oxigraph refuses or fails. Term text: <iri>, _: for any blank node, and
// literals as "value"@lang or "value"^^<datatype> (xsd:string plain). After a
// crash of Oxigraph itself the store is made again from the data.
// Usage: node oxigraph_side.js DATA.nq [union] < REQUESTS.jsonl
// (union: the default graph is the union of all graphs, Corridor's default reading)
const fs = require("fs");
const ox = require("oxigraph");

const [data, mode] = process.argv.slice(2);
const options = mode === "union" ? { use_default_graph_as_union: true } : {};
const dataText = fs.readFileSync(data, "utf8");
function fresh() {
  const s = new ox.Store();
  s.load(dataText, { format: "application/n-quads" });
  return s;
}
let store = fresh();

const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";
function text(term) {
  switch (term.termType) {
    case "NamedNode":
      return `<${term.value}>`;
    case "BlankNode":
      return "_:";
    case "Literal":
      if (term.language) return `${JSON.stringify(term.value)}@${term.language}`;
      if (term.datatype.value === XSD_STRING) return JSON.stringify(term.value);
      return `${JSON.stringify(term.value)}^^<${term.datatype.value}>`;
    default:
      return `?${term.termType}`;
  }
}

// An update runs on a fresh copy of the data; the answer is every quad after it, one line each
// ("s p o g" in term text, g empty for the default graph).
function updated(update) {
  const copy = fresh();
  copy.update(update);
  return copy.match().map((q) =>
    [q.subject, q.predicate, q.object].map(text).join(" ") +
    (q.graph.termType === "DefaultGraph" ? "" : " " + text(q.graph)));
}

function answer(line) {
  const { query, update } = JSON.parse(line);
  let out;
  try {
    if (update !== undefined) {
      out = { quads: updated(update) };
      fs.writeSync(1, JSON.stringify(out) + "\n");
      return;
    }
    const result = store.query(query, options);
    if (typeof result === "boolean") {
      out = { boolean: result };
    } else {
      const rows = [];
      for (const solution of result) {
        const row = {};
        for (const [name, term] of solution) row[name] = text(term);
        rows.push(row);
      }
      out = { rows };
    }
  } catch (e) {
    out = { error: String(e.message || e) };
    // A panic inside Oxigraph's WebAssembly ("unreachable") leaves the store unusable: start
    // again from the data, so that one crash does not fail every query after it.
    if (e instanceof WebAssembly.RuntimeError) {
      out.error = `Oxigraph crashed: ${out.error}`;
      store = fresh();
    }
  }
  fs.writeSync(1, JSON.stringify(out) + "\n");
}

require("readline")
  .createInterface({ input: process.stdin })
  .on("line", (line) => {
    if (line.trim()) answer(line);
  });
