#!/usr/bin/env node
// Oxigraph's side of update_bench.py: loads an N-Triples file into an in-memory
// Store, then times Store.update for each request (the inverse request, untimed,
// restores the state between runs). Prints {name: {median_s}} as JSON.
// Usage: node oxigraph_update.js DATA.nt RUNS NAME DO.ru UNDO.ru [NAME DO.ru UNDO.ru ...]
const fs = require("fs");
const ox = require("oxigraph");

const [nt, runsText, ...rest] = process.argv.slice(2);
const runs = Number(runsText);
const store = new ox.Store();
const fd = fs.openSync(nt, "r");
const CH = 64 << 20;
const buf = Buffer.alloc(CH);
let carry = Buffer.alloc(0);
let pos = 0;
for (;;) {
  const n = fs.readSync(fd, buf, 0, CH, pos);
  pos += n;
  let chunk = Buffer.concat([carry, buf.subarray(0, n)]);
  if (n > 0) {
    const cut = chunk.lastIndexOf(10) + 1;
    carry = Buffer.from(chunk.subarray(cut));
    chunk = chunk.subarray(0, cut);
  }
  if (chunk.length) store.load(chunk.toString("utf8"), { format: "application/n-triples", no_transaction: true });
  if (n === 0) break;
}
fs.closeSync(fd);
console.error(`oxigraph ${require("oxigraph/package.json").version}: ${store.size} quads loaded`);
const out = {};
for (let i = 0; i < rest.length; i += 3) {
  const [name, doFile, undoFile] = rest.slice(i, i + 3);
  const doText = fs.readFileSync(doFile, "utf8");
  const undoText = fs.readFileSync(undoFile, "utf8");
  const samples = [];
  for (let r = 0; r < runs; ++r) {
    const t = process.hrtime.bigint();
    store.update(doText);
    samples.push(Number(process.hrtime.bigint() - t) / 1e9);
    store.update(undoText);
  }
  samples.sort((a, b) => a - b);
  out[name] = { median_s: samples[Math.floor(samples.length / 2)], samples };
  console.error(name, JSON.stringify(out[name]));
}
console.log(JSON.stringify(out));
