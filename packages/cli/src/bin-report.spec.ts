import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { chromium } from "playwright-core";
import { expectOneLineError } from "./cli-result.spec-helper.js";
import { runInProcess, tempDir, tinyScenario, writeJson } from "./spec-fixtures.js";
import { inDir, writeTinySweep } from "./sweep.spec-helper.js";

// Debian's chromium (apt-get install chromium; .ci/run installs it): never a downloaded browser.
const CHROMIUM = "/usr/bin/chromium";
const CHARTS = ["regret-distribution", "front-variance", "front-worst", "change-vs-plain"];

describe("equitable report", () => {
  let dir = "";
  let out = "";
  beforeAll(async () => {
    dir = tempDir("report");
    const file = writeTinySweep(dir, { q: [0, 2], seeds: [1, 2] });
    const sweep = await runInProcess(["sweep", file, "--db", inDir(dir, "r.db"), "--workers", "2", "--quiet"], dir);
    expect(sweep.status, sweep.stderr).toBe(0);
    out = inDir(dir, "report");
    const r = await runInProcess(["report", inDir(dir, "r.db"), "--out", out], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("4 charts");
  });

  it("writes one self-contained HTML page (Table 1 layout, inline charts) and each chart as SVG with its Vega-Lite spec", () => {
    const html = readFileSync(inDir(out, "index.html"), "utf8");
    // Self-contained: no script, stylesheet or image fetched from anywhere.
    expect(html).not.toMatch(/<script|<link|<img|src=/);
    expect(html.match(/<tbody>[\s\S]*?<\/tbody>/)![0].match(/<tr>/g)).toHaveLength(3);
    expect(html).toMatch(/Equitable PM<\/td><td>2<\/td><td>3<\/td><td>0<\/td><td>2<\/td><td>[\d.e+-]+ ± [\d.e+-]+<\/td>/);
    for (const name of CHARTS) {
      expect(html).toContain(`<figure id="${name}"`);
      expect(readFileSync(inDir(out, `charts/${name}.svg`), "utf8")).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(JSON.parse(readFileSync(inDir(out, `charts/${name}.vl.json`), "utf8")).$schema).toContain("vega-lite");
    }
  });

  it.runIf(existsSync(CHROMIUM))("opens in headless Chromium without console errors, every chart with drawn marks", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`file://${inDir(out, "index.html")}`);
      const charts = await page.$$eval("figure.chart", (figures) =>
        figures.map((f) => {
          const svg = f.querySelector("svg");
          const box = svg?.getBoundingClientRect();
          // Marks vega drew: the items of every mark group (boxes, points, line paths, rules).
          const items = [...(svg?.querySelectorAll(".role-mark > *") ?? [])].filter((el) => el.getBoundingClientRect().width + el.getBoundingClientRect().height > 0);
          return { id: f.id, marks: items.length, width: box?.width ?? 0, height: box?.height ?? 0 };
        }),
      );
      expect(errors).toEqual([]);
      expect(charts.map((c) => c.id)).toEqual(CHARTS);
      for (const c of charts) {
        expect(c.marks, c.id).toBeGreaterThan(0);
        expect(c.width * c.height, c.id).toBeGreaterThan(10_000);
      }
    } finally {
      await browser.close();
    }
  });

  it("a database that is not there is one line, exit 2", async () => {
    expectOneLineError(await runInProcess(["report", inDir(dir, "none.db"), "--out", inDir(dir, "x")], dir), "none.db");
  });

  it.runIf(existsSync(CHROMIUM))("--simulation adds a live simulation's weekly equity as time series, drawn in Chromium", async () => {
    const scenario = writeJson(dir, "live.json", tinyScenario({
      data: { source: "synthetic", hours: 600 }, horizon: 12, agents: [{ type: "ev", count: 3, demand: "similar", rate: "session" }],
      training: { epochs: 1, batchSize: 64, policyGradient: { samples: 2, baseline: "leave-one-out" } }, q: [2],
    }));
    const sim = await runInProcess(["simulate", scenario, "--retrain-every", "3d", "--retrain-epochs", "1", "--out", inDir(dir, "live"), "--quiet"], dir);
    expect(sim.status, sim.stderr).toBe(0);
    const rep = inDir(dir, "report-live");
    const r = await runInProcess(["report", inDir(dir, "r.db"), "--simulation", inDir(dir, "live"), "--out", rep], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("6 charts");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.goto(`file://${inDir(rep, "index.html")}`);
      const lines = await page.$$eval("figure.chart[id^=live-]", (figures) => figures.map((f) => ({
        id: f.id,
        // One line path per deployment: plain and equitable, frozen and retrained.
        paths: [...f.querySelectorAll("svg .mark-line path")].length,
        points: [...f.querySelectorAll("svg .mark-symbol path")].length,
      })));
      expect(errors).toEqual([]);
      expect(lines.map((l) => l.id)).toEqual(["live-variance", "live-worst"]);
      for (const l of lines) {
        expect(l.paths, l.id).toBe(4);
        expect(l.points, l.id).toBeGreaterThanOrEqual(4);
      }
    } finally {
      await browser.close();
    }
  }, 240_000);

  it("--simulation naming a closed loop's output adds its rounds as time series (variance, worst, herding, distance)", async () => {
    const scenario = writeJson(dir, "loop.json", tinyScenario({
      data: { source: "synthetic", hours: 400 }, horizon: 12, trainFraction: 0.6, agents: [{ type: "ev", count: 3, demand: "similar" }],
      training: { epochs: 1, batchSize: 64, policyGradient: { samples: 2 } }, methods: ["plain"], feedback: { model: "merit-order", slope: 0.02 },
    }));
    const sim = await runInProcess(["simulate", scenario, "--rounds", "3", "--out", inDir(dir, "loop"), "--quiet"], dir);
    expect(sim.status, sim.stderr).toBe(0);
    const rep = inDir(dir, "report-loop");
    const r = await runInProcess(["report", inDir(dir, "r.db"), "--simulation", inDir(dir, "loop"), "--out", rep], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("8 charts");
    for (const name of ["loop-variance", "loop-worst", "loop-herding", "loop-distance"]) {
      const svg = readFileSync(inDir(rep, `charts/${name}.svg`), "utf8");
      expect(svg, name).toContain("plain closed loop");
      expect(svg, name).toContain("plain open loop");
    }
  }, 240_000);

  it("--simulation naming a directory without weekly-equity.csv is one line, exit 2", async () => {
    expectOneLineError(await runInProcess(["report", inDir(dir, "r.db"), "--simulation", dir, "--out", inDir(dir, "y")], dir), "--simulation", "weekly-equity.csv", "rounds.csv");
  });
});
