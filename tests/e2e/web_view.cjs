// The web view in Debian's Chromium, driven by playwright-core (no browser of its own):
// types a query, runs it, checks and sorts the table, runs a TRACE example and checks the
// drawing's node count and the steps' sources, and that nothing is fetched from elsewhere.
// Usage: node web_view.cjs URL NODE_MODULES CHROMIUM EXPECTED_TRACE_NODES [SCREENSHOT]
const path = require("path");
const [url, nodeModules, chromiumPath, expectedNodes, screenshot] = process.argv.slice(2);
const { chromium } = require(path.join(nodeModules, "playwright-core"));

function check(ok, what) {
  if (!ok) throw new Error("FAIL: " + what);
}

(async () => {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"], timeout: 30000 });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(20000);
    const origin = new URL(url).origin;
    const elsewhere = [];
    page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) elsewhere.push(r.url()); });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector(".cm-content");
    await page.waitForFunction(() => document.querySelector("#prefix-table").rows.length > 5);

    // Type a query and run it with the button.
    await page.click(".cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type(
      "SELECT ?zone ?label WHERE { ?zone a pmz:Zone ; rdfs:label ?label FILTER(lang(?label) = 'en') }");
    await page.click("#run");
    await page.waitForSelector("body[data-state=done]");
    const status = await page.textContent("#status");
    check(/2 rows/.test(status), `the status says "${status}"`);
    const rows = () => page.$$eval("#results tbody tr", (trs) => trs.map((tr) => tr.cells[1].textContent));
    let labels = await rows();
    check(labels.length === 2 && labels.some((l) => l.includes("Nong Lalok")), "the table: " + labels);
    check(await page.$eval(".cm-content .tok-keyword, .cm-content [class*=keyword], .cm-content span", (e) => !!e),
          "no highlighting in the editor");
    // Sorting by a column, both ways.
    await page.click("#results th:nth-child(2)");
    const ascending = await rows();
    check(JSON.stringify(ascending) === JSON.stringify([...ascending].sort()), "ascending: " + ascending);
    await page.click("#results th:nth-child(2)");
    const descending = await rows();
    check(JSON.stringify(descending) === JSON.stringify([...ascending].reverse()), "descending: " + descending);
    // A query error is shown with its position.
    await page.click(".cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("SELECT ?x WHERE { ?x ?p }");
    await page.click("#run");
    await page.waitForSelector("body[data-state=done]");
    check(/line 1, column/.test(await page.textContent("#status")), "no positioned error");

    // A TRACE example from the list: the table shows each step with its sources, the network
    // is drawn with the graph view's nodes, and every format can be downloaded.
    await page.selectOption("#examples", "trace-gradual-descent");
    await page.click("#run");
    await page.waitForSelector("#graph[data-nodes]");
    const nodes = await page.getAttribute("#graph", "data-nodes");
    check(nodes === expectedNodes, `the drawing has ${nodes} nodes, the graph view ${expectedNodes}`);
    check((await page.$$("#results ol.steps li")).length > 0, "no TRACE steps in the table");
    check((await page.$$("#results ol.steps .sources a")).length > 0, "no sources on the steps");
    const formats = await page.$$eval("#downloads a", (as) => as.map((a) => a.textContent));
    for (const f of ["json", "csv", "gexf", "graphml", "cytoscape", "svg"])
      check(formats.includes(f), "no download link for " + f);
    const gexf = await page.$eval("#downloads a:text('gexf')", (a) => a.href);
    const answer = await page.evaluate((href) => fetch(href).then((r) => r.text()), gexf);
    check(answer.includes("<gexf"), "the gexf link does not give GEXF");
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

    check(elsewhere.length === 0, "requests left the server: " + elsewhere.join(", "));
    check(errors.length === 0, "page errors: " + errors.join("; "));
    console.log(`web view ok: table sorted both ways, TRACE drawn with ${nodes} nodes, ${formats.length} formats`);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
