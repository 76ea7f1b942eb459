import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chromium } from "playwright-core";
import { ResultsDb, type CellResult, type CellSpec } from "@equitable/sweep";
import { runInProcess, tempDir } from "./spec-fixtures.js";
import { inDir } from "./sweep.spec-helper.js";

// Debian's chromium, as bin-report.spec's: never a downloaded browser.
const CHROMIUM = "/usr/bin/chromium";

/** Markup that runs a script if it reaches the page as HTML: it sets window.__pwned and the title. */
const payload = (tag: string) => `${tag}"><img src=x onerror="window.__pwned='${tag}';document.title='pwned'"><script>window.__pwned='${tag}';document.title='pwned'</script>'<svg onload="window.__pwned='${tag}'">`;

/**
 * A results database as a hostile hand could write it: every text a report shows (β included, which
 * SQLite stores as text in a REAL column) carries markup. The sweep's own writer never stores
 * such values; the report must not trust that.
 */
function craftedDb(path: string): void {
  const db = ResultsDb.open(path);
  const cell = (k: number, beta: unknown, method = "equitable"): CellSpec => ({
    key: `k${k}`, id: `id${k}`, index: k, scenarioRef: payload("scenario-ref"), scenarioName: payload("scenario-name"), scenarioFile: "/s.json", scenario: {},
    objective: { method, q: k }, method, label: payload(`label${k}`), q: method === "plain" ? null : k === 2 ? payload("q2") : k, beta: beta as number, seed: 1, epochs: 2,
    params: { [payload("param-key")]: payload("param-value") }, jobs: [], methodParams: {},
  } as CellSpec);
  const cells = [cell(0, null, "plain"), cell(1, payload("beta1")), cell(2, payload("beta2"), payload("method")), cell(3, 0.5)];
  db.prepare(payload("sweep-name"), payload("sweep-file"), { name: "x", description: payload("description") }, payload("code-version"), cells);
  const result = (k: number): CellResult => ({
    row: { method: "equitable", methodLabel: "Equitable PM", q: k, qPlusOne: k + 1, beta: 0, seed: 1, variance: 1 + k, mean: 2 + k, c95MinusC5: 3, mse: 4, hNorm: 0.5, worst: 6 + k, worstAlpha: 5, alpha: 0.2, jain: 0.7, epochs: 2, label: "q", params: {} },
    agentIds: [payload("agent-a"), payload("agent-b")], agentMeanRegrets: [1 + k, 2.5 + k], trainSeconds: 0.1,
  });
  for (const k of [0, 1, 2]) db.complete(`id${k}`, result(k), payload("code-version"), "w");
  db.fail("id3", payload("error"), "v", "w");
  db.close();
}

describe("equitable report on a hand-crafted database", () => {
  it.runIf(existsSync(CHROMIUM))("escapes every value that reaches the page: no script runs in Chromium and the markup shows as text", async () => {
    const dir = tempDir("report-escape");
    craftedDb(inDir(dir, "evil.db"));
    const out = inDir(dir, "report");
    const r = await runInProcess(["report", inDir(dir, "evil.db"), "--out", out], dir);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(inDir(out, "index.html"), "utf8");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`file://${inDir(out, "index.html")}`);
      await page.waitForTimeout(300);
      // A string the page evaluates: this package compiles without the DOM's types.
      const seen = (await page.evaluate(`({ pwned: window.__pwned ?? null, title: document.title, text: document.body.innerText, scripts: document.scripts.length, imgs: document.images.length })`)) as
        { pwned: unknown; title: string; text: string; scripts: number; imgs: number };
      expect(seen.pwned).toBeNull();
      expect(seen.title).toContain("sweep-name");
      expect(seen.title).not.toBe("pwned");
      expect(seen.scripts).toBe(0);
      expect(seen.imgs).toBe(0);
      // The values are there, as the text a reader can see: β, method, label, scenario, params, the error, the sweep.
      for (const tag of ["beta1", "beta2", "q2", "method", "label3", "scenario-name", "param-key", "param-value", "error", "description", "sweep-file", "code-version"]) expect(seen.text, tag).toContain(payload(tag));
      expect(errors).toEqual([]);
      // No payload survives as markup, in the page or in its inline charts (escaped, "onerror=" is harmless text; a tag opening is not).
      expect(html.match(/<(script|img|svg onload)[^>]*>/gi) ?? []).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
