// Bundles the web view into one self-contained HTML page (script, style and the example
// queries inline): corridor embeds it in its binary, so the page needs no CDN and no files.
// Usage: node build.mjs OUT.html EXAMPLES_DIR [NODE_MODULES]
// (NODE_MODULES: where `npm ci` put the packages, when not beside this file: the build folder.)
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [out, examplesDir, nodeModules] = process.argv.slice(2);
if (!out || !examplesDir) {
  console.error("usage: node build.mjs OUT.html EXAMPLES_DIR");
  process.exit(2);
}

// The example queries, with the first comment lines as their description.
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith(".rq"))
  .sort()
  .map((f) => {
    const text = readFileSync(join(examplesDir, f), "utf8");
    const about = text.split("\n").filter((l) => l.startsWith("#")).map((l) => l.replace(/^#\s?/, "")).join(" ");
    return { name: f.replace(/\.rq$/, ""), about, text };
  });

const examplesPlugin = {
  name: "corridor-examples",
  setup(b) {
    b.onResolve({ filter: /^corridor-examples$/ }, () => ({ path: "examples", namespace: "corridor" }));
    b.onLoad({ filter: /.*/, namespace: "corridor" }, () => ({ contents: JSON.stringify(examples), loader: "json" }));
  },
};

const { build } = await import(nodeModules ? join(nodeModules, "esbuild", "lib", "main.js") : "esbuild");
const result = await build({
  entryPoints: [join(here, "src", "app.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  write: false,
  legalComments: "none",
  plugins: [examplesPlugin],
  nodePaths: nodeModules ? [nodeModules] : [],
});
const script = result.outputFiles[0].text.replaceAll("</script", "<\\/script");
const style = readFileSync(join(here, "src", "style.css"), "utf8");
const page = readFileSync(join(here, "src", "index.html"), "utf8")
  .replace("/*STYLE*/", () => style)
  .replace("/*SCRIPT*/", () => script);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, page);
console.log(`web view: ${out} (${Math.round(page.length / 1024)} KiB, ${examples.length} examples)`);
