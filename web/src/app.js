// The web view of `corridor serve`: an editor, the examples of examples/queries, results as a
// sortable table, graphs and TRACE paths drawn as networks in rows by scale (the graph view of
// docs/graphs.md, fetched as Cytoscape JSON), and links to every result format.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";
import cytoscape from "cytoscape";
import examples from "corridor-examples";

const PATH_TYPE = "https://w3id.org/corridor/trace#Path";
const $ = (id) => document.getElementById(id);

// SPARQL highlighting, with TRACE's own words as keywords.
const traceWords =
  /^(trace|step|all|any|acyclic|simple|shortest|scale|down|up|ascending|descending|sameas|countries|scales|via|max|min)$/i;
const corridorSparql = {
  ...sparql,
  name: "corridor-sparql",
  token(stream, state) {
    const start = stream.pos;
    const style = sparql.token(stream, state);
    return traceWords.test(stream.string.slice(start, stream.pos)) ? "keyword" : style;
  },
};

let prefixes = []; // [name, iri], longest IRI first
let loadingExample = false;
const view = new EditorView({
  parent: $("editor"),
  state: EditorState.create({
    doc: examples.length ? examples[0].text : "SELECT * WHERE { ?s ?p ?o } LIMIT 10\n",
    extensions: [
      lineNumbers(),
      history(),
      keymap.of([{ key: "Mod-Enter", run: () => (run(), true) }, ...defaultKeymap, ...historyKeymap]),
      StreamLanguage.define(corridorSparql),
      syntaxHighlighting(defaultHighlightStyle),
      EditorView.lineWrapping,
      // Once the text is edited it is no longer the example the list names.
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !loadingExample) {
          $("examples").value = "";
          $("example-about").textContent = "";
        }
      }),
    ],
  }),
});

// ---- examples and prefixes

for (const ex of examples) {
  const option = document.createElement("option");
  option.value = ex.name;
  option.textContent = ex.name;
  $("examples").append(option);
}
if (examples.length) {
  $("examples").value = examples[0].name;
  $("example-about").textContent = examples[0].about;
}
$("examples").addEventListener("change", () => {
  const ex = examples.find((e) => e.name === $("examples").value);
  if (!ex) return;
  loadingExample = true;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: ex.text } });
  loadingExample = false;
  $("example-about").textContent = ex.about;
});

fetch("prefixes")
  .then((r) => r.json())
  .then((data) => {
    prefixes = data.prefixes.slice().sort((a, b) => b[1].length - a[1].length);
    for (const [name, iri] of data.prefixes) {
      const row = $("prefix-table").insertRow();
      row.insertCell().textContent = name + ":";
      row.insertCell().textContent = iri;
    }
    $("store-info").textContent = `${data.quads.toLocaleString()} quads · SPARQL endpoint at ${new URL("sparql", location.href)}`;
  })
  .catch(() => {});

// ---- running a query

function status(text, error = false) {
  $("status").textContent = text;
  $("status").className = error ? "error" : "";
}

async function post(query, extra, accept) {
  const body = new URLSearchParams({ query, ...extra });
  return fetch("sparql", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
    body,
  });
}

async function run() {
  const query = view.state.doc.toString();
  status("running…");
  $("graph").hidden = true;
  $("detail").hidden = true;
  $("results").replaceChildren();
  $("downloads").replaceChildren();
  document.body.dataset.state = "running";
  const started = performance.now();
  try {
    const res = await post(query, {}, "application/sparql-results+json, application/vnd.cytoscape+json;q=0.9");
    const text = await res.text();
    if (!res.ok) throw new Error(text.trim());
    const type = res.headers.get("Content-Type") || "";
    const ms = Math.round(performance.now() - started);
    if (type.includes("cytoscape")) {
      const graph = JSON.parse(text);
      drawGraph(graph);
      graphTable(graph);
      downloads(query, ["turtle", "ntriples", "nquads", "trig", "graphml", "gexf", "cytoscape", "dot", "svg"]);
      status(`${graph.elements.nodes.length} nodes, ${graph.elements.edges.length} edges in ${ms} ms`);
    } else {
      const result = JSON.parse(text);
      if ("boolean" in result) {
        $("results").innerHTML = `<thead><tr><th>answer</th></tr></thead><tbody><tr><td>${result.boolean}</td></tr></tbody>`;
        downloads(query, ["json", "xml", "csv", "tsv"]);
        status(`answered in ${ms} ms`);
      } else {
        const bindings = result.results.bindings;
        solutionTable(result.head.vars, bindings);
        const hasPaths = bindings.some((b) => Object.values(b).some((v) => v.datatype === PATH_TYPE));
        downloads(query, ["json", "xml", "csv", "tsv"].concat(hasPaths ? ["graphml", "gexf", "cytoscape", "dot", "svg"] : []));
        status(`${bindings.length} row${bindings.length === 1 ? "" : "s"} in ${ms} ms`);
        if (hasPaths) {
          const g = await post(query, { format: "cytoscape" }, "application/vnd.cytoscape+json");
          if (g.ok) drawGraph(await g.json());
        }
      }
    }
  } catch (e) {
    status(e.message, true);
  }
  document.body.dataset.state = "done";
}
$("run").addEventListener("click", run);

function downloads(query, formats) {
  const box = $("downloads");
  box.append("Download: ");
  const ext = { json: "srj", xml: "srx", turtle: "ttl", ntriples: "nt", nquads: "nq", cytoscape: "cyjs" };
  for (const f of formats) {
    const a = document.createElement("a");
    a.href = "sparql?" + new URLSearchParams({ query, format: f });
    a.download = `result.${ext[f] || f}`;
    a.textContent = f;
    box.append(a);
  }
}

// ---- tables

function short(iri) {
  for (const [name, ns] of prefixes) if (iri.startsWith(ns) && /^[\w.-]*$/.test(iri.slice(ns.length))) return `${name}:${iri.slice(ns.length)}`;
  return `<${iri}>`;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// A TRACE path: its steps, each with what it says and its sources.
function pathCell(path) {
  const box = el("div");
  box.append(el("div", "lit", path.text || ""));
  const labels = new Map((path.nodes || []).map((n) => [n.term.value, n.label || n.brief]));
  const list = el("ol", "steps");
  for (const step of path.steps || []) {
    const li = el("li");
    li.append(`${labels.get(step.from.value) || short(step.from.value)} → ${labels.get(step.to.value) || short(step.to.value)}`);
    if (step.note) li.append(el("span", "tag", ` ${step.note}`));
    const sources = el("span", "sources");
    for (const s of step.sources || []) {
      const a = el("a", "", "source");
      a.href = s;
      a.title = s;
      a.target = "_blank";
      a.rel = "noopener";
      sources.append(a);
    }
    li.append(sources);
    list.append(li);
  }
  box.append(list);
  return box;
}

function termCell(v) {
  if (!v) return { node: el("span"), key: "" };
  if (v.datatype === PATH_TYPE && v.path) return { node: pathCell(v.path), key: v.value };
  if (v.type === "uri") return { node: el("span", "iri", short(v.value)), key: v.value };
  if (v.type === "bnode") return { node: el("span", "", `_:${v.value}`), key: v.value };
  const node = el("span", "lit", v.value);
  if (v["xml:lang"]) node.append(el("span", "tag", `@${v["xml:lang"]}`));
  else if (v.datatype && !/XMLSchema#(integer|decimal|double|string)$/.test(v.datatype)) node.append(el("span", "tag", ` ${short(v.datatype)}`));
  return { node, key: v.value };
}

function sortable(table, headers, rows) {
  const head = table.createTHead().insertRow();
  headers.forEach((h, i) => {
    const th = el("th", "", h);
    th.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      for (const other of head.cells) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const numeric = rows.every((r) => r.keys[i] === "" || !isNaN(Number(r.keys[i])));
      rows.sort((a, b) => {
        const x = a.keys[i], y = b.keys[i];
        const c = numeric ? Number(x || -Infinity) - Number(y || -Infinity) : x.localeCompare(y);
        return ascending ? c : -c;
      });
      for (const r of rows) table.tBodies[0].append(r.tr);
    });
    head.append(th);
  });
  const body = table.createTBody();
  for (const r of rows) body.append(r.tr);
}

function solutionTable(vars, bindings) {
  const rows = bindings.map((b) => {
    const tr = document.createElement("tr");
    const keys = vars.map((v) => {
      const { node, key } = termCell(b[v]);
      tr.insertCell().append(node);
      return key;
    });
    return { tr, keys };
  });
  sortable($("results"), vars.map((v) => "?" + v), rows);
}

function graphTable(graph) {
  const rows = graph.elements.edges.map((e) => {
    const tr = document.createElement("tr");
    const keys = [e.data.source, e.data.label || "", e.data.target].map((v, i) => {
      tr.insertCell().append(i === 1 ? el("span", "", v) : el("span", "iri", short(v)));
      return v;
    });
    return { tr, keys };
  });
  sortable($("results"), ["source", "edge", "target"], rows);
}

// ---- networks, in rows by scale (supranational on top, firms below, unscaled last)

const palette = ["#a6cee3", "#fdbf6f", "#b2df8a", "#fb9a99", "#cab2d6", "#ffff99", "#8dd3c7", "#fccde5"];
let cy = null;

function drawGraph(graph) {
  const box = $("graph");
  box.hidden = false;
  const nodes = graph.elements.nodes;
  const rows = new Map();
  for (const n of nodes) {
    const rank = Number(n.data.rank) || 0;
    if (!rows.has(rank)) rows.set(rank, []);
    rows.get(rank).push(n);
  }
  const order = [...rows.keys()].sort((a, b) => (b || -1) - (a || -1));
  const colours = new Map();
  for (const n of nodes) {
    const c = (n.data.country || "").split(";")[0];
    if (c && !colours.has(c)) colours.set(c, palette[colours.size % palette.length]);
  }
  const elements = [];
  order.forEach((rank, y) => {
    const row = rows.get(rank);
    row.forEach((n, x) => {
      const colour = colours.get((n.data.country || "").split(";")[0]) || "#ffffff";
      elements.push({ group: "nodes", data: { ...n.data, colour }, position: { x: (x - (row.length - 1) / 2) * 170, y: y * 120 } });
    });
  });
  for (const e of graph.elements.edges) elements.push({ group: "edges", data: { ...e.data } });
  if (cy) cy.destroy();
  cy = cytoscape({
    container: box,
    elements,
    layout: { name: "preset", fit: true, padding: 20 },
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { shape: "round-rectangle", "background-color": "data(colour)", "border-width": 1, "border-color": "#444",
        label: "data(label)", "text-wrap": "wrap", "text-max-width": 120, "font-size": 10, "text-valign": "center", width: 130, height: 44 } },
      { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", width: 1.2, "line-color": "#777",
        "target-arrow-color": "#777", label: "data(label)", "font-size": 8, "text-rotation": "autorotate", "text-background-color": "#fff",
        "text-background-opacity": 0.8 } },
      { selector: ":selected", style: { "border-width": 3, "line-color": "#1f6feb", "target-arrow-color": "#1f6feb" } },
    ],
  });
  box.dataset.nodes = String(cy.nodes().length);
  box.dataset.edges = String(cy.edges().length);
  cy.on("tap", "node, edge", (event) => detail(event.target.data()));
}

function detail(data) {
  const box = $("detail");
  box.hidden = false;
  const dl = el("dl");
  for (const [k, v] of Object.entries(data)) {
    if (["id", "key", "colour", "name", "value"].includes(k) || v === "") continue;
    dl.append(el("dt", "", k));
    const dd = el("dd");
    for (const part of String(v).split(";")) {
      if (/^https?:\/\//.test(part)) {
        const a = el("a", "", short(part));
        a.href = part;
        a.target = "_blank";
        a.rel = "noopener";
        dd.append(a, " ");
      } else dd.append(part + " ");
    }
    dl.append(dd);
  }
  box.replaceChildren(dl);
}
