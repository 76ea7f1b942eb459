import { readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { azureCsv, fuelMixCsv, runInProcess, tempDir, tinyScenario, writeJson, writeText, type CliResult } from "./spec-fixtures.js";
import type { ResultRow } from "@equitable/experiment";
import { earlierRun } from "../../experiment/src/store/run-store.spec-helper.js";

// End-to-end runs of the real binary on a tiny synthetic scenario (a second or two each).

const METRICS = ["variance", "mean", "c95MinusC5", "mse", "hNorm", "worst", "worstAlpha", "jain"] as const;
const ROW_KEYS = ["method", "q", "qPlusOne", "beta", "seed", "variance", "mean", "c95MinusC5", "mse", "hNorm", "worst", "worstAlpha", "alpha"];

let dir: string;
let first: CliResult;
const outA = () => path.join(dir, "out-a");

const summary = (out: string) => JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8")) as ResultRow[];
const metrics = (rows: ResultRow[]) => rows.map((r) => Object.fromEntries(METRICS.map((k) => [k, r[k]])));

beforeAll(async () => {
  dir = tempDir("run");
  writeJson(dir, "tiny.json", tinyScenario());
  first = await runInProcess(["run", "tiny.json", "--seed", "5", "--out", outA()], dir);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("equitable run on a tiny synthetic scenario", () => {
  it("exits 0 and prints the table with a Plain PM and an Equitable PM row per q", async () => {
    expect(first.status, first.stderr).toBe(0);
    const lines = first.stdout.split("\n");
    expect(lines.some((l) => l.startsWith("method ") && l.includes("MSE") && l.includes("q+1"))).toBe(true);
    expect(lines.filter((l) => l.startsWith("Plain PM "))).toHaveLength(1);
    const equitable = lines.filter((l) => l.startsWith("Equitable PM "));
    expect(equitable).toHaveLength(2);
    expect(equitable[0].split(/\s{2,}/)[1]).toBe("1");
    expect(equitable[1].split(/\s{2,}/)[1]).toBe("3");
    expect(first.stdout).toContain("Scenario tiny: 5 agents");
    expect(first.stdout).toContain("seed 5");
  });

  it("writes summary.json with one row per model and the documented keys", async () => {
    const rows = summary(outA());
    expect(rows.map((r) => [r.method, r.q, r.qPlusOne, r.beta])).toEqual([
      ["plain", null, null, null],
      ["equitable", 0, 1, 0],
      ["equitable", 2, 3, 0],
    ]);
    for (const row of rows) {
      for (const key of ROW_KEYS) expect(row).toHaveProperty(key);
      expect(row.seed).toBe(5);
      expect(row.epochs).toBe(2);
      for (const k of METRICS) expect(Number.isFinite(row[k]), k).toBe(true);
      expect(row.mse).toBeGreaterThan(0);
      expect(row.worst).toBeGreaterThanOrEqual(row.worstAlpha);
      expect(row.worstAlpha).toBeGreaterThanOrEqual(row.mean);
      expect(row.alpha).toBe(0.2);
    }
  });

  it("trains the label-free methods (CVaR, q-FFL, IRW local and global, IRWO) and reports worst-α for each", async () => {
    writeJson(dir, "label-free.json", tinyScenario({
      methods: ["plain", "cvar", "qffl", "irw", "irwo"],
      alpha: 0.4,
      methodOptions: { irw: { scheme: "global" }, irwo: { minPts: 3 } },
    }));
    const out = path.join(dir, "out-label-free");
    const r = await runInProcess(["run", "label-free.json", "--out", out, "--quiet"], dir);
    expect(r.status, r.stderr).toBe(0);
    const rows = summary(out);
    expect(rows.map((row) => row.method)).toEqual(["plain", "cvar", "qffl", "irw", "irwo"]);
    for (const row of rows) {
      for (const k of METRICS) expect(Number.isFinite(row[k]), `${row.method} ${k}`).toBe(true);
      expect(row.alpha).toBe(0.4);
    }
    expect(r.stdout).toContain("worst-a");
    const run = JSON.parse(readFileSync(path.join(out, "run.json"), "utf8")) as { models: { label: string }[] };
    expect(run.models.map((m) => m.label)).toEqual(["plain", "cvar-alpha=0.4", "qffl-q+1=2", "irw-global-alpha=0.4", "irwo-local-alpha=0.4"]);
  });

  it("writes regrets.csv: the header and one line per agent and model", async () => {
    const lines = readFileSync(path.join(outA(), "regrets.csv"), "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("agent,method,q,mean_regret,job,params");
    expect(lines).toHaveLength(1 + 5 * 3);
    const cells = lines.slice(1).map((l) => l.split(","));
    expect(new Set(cells.map((c) => c[0])).size).toBe(5);
    expect(cells.filter((c) => c[1] === "plain").every((c) => c[2] === "")).toBe(true);
    expect(cells.filter((c) => c[1] === "equitable").map((c) => c[2])).toEqual([...Array(5).fill("0"), ...Array(5).fill("2")]);
    expect(cells.every((c) => Number.isFinite(Number(c[3])) && Number(c[3]) >= 0)).toBe(true);
    // Each line names its job and the method's parameters, so two rows of one method stay apart.
    expect(cells.filter((c) => c[1] === "equitable").map((c) => c[4])).toEqual([...Array(5).fill("equitable-q+1=1"), ...Array(5).fill("equitable-q+1=3")]);
    expect(cells.find((c) => c[1] === "equitable")![5]).toBe("q=0;beta=0;form=norm");
    // The summary's mean is the mean of these per-agent regrets.
    const plain = cells.filter((c) => c[1] === "plain").map((c) => Number(c[3]));
    expect(plain.reduce((a, b) => a + b, 0) / plain.length).toBeCloseTo(summary(outA())[0].mean, 9);
  });

  it("writes run.json and one saved model per method", async () => {
    const run = JSON.parse(readFileSync(path.join(outA(), "run.json"), "utf8")) as Record<string, unknown>;
    expect(run).toMatchObject({ agents: 5, dataDir: null, quirks: {} });
    expect((run.trainRows as number) + (run.testRows as number)).toBe(300 - 12);
    const models = run.models as { label: string; warmStartFrom: string | null; lossPerEpoch: number[]; secondsPerEpoch: number[] }[];
    expect(models.map((m) => m.label)).toEqual(["plain", "equitable-q+1=1", "equitable-q+1=3"]);
    for (const m of models) {
      expect(m.warmStartFrom).toBeNull();
      expect(m.lossPerEpoch).toHaveLength(2);
      expect(m.lossPerEpoch.every(Number.isFinite)).toBe(true);
      expect(m.secondsPerEpoch).toHaveLength(2);
      expect(m.secondsPerEpoch.every((s) => s > 0)).toBe(true);
    }
    for (const label of ["plain", "equitable-q+1=1", "equitable-q+1=3"]) {
      expect(JSON.parse(readFileSync(path.join(outA(), "models", label, "model.json"), "utf8")).format).toBe("equitable-public-model/1");
    }
  });

  it("is deterministic: the same --seed gives identical metrics, a different --seed different ones", async () => {
    const outB = path.join(dir, "out-b");
    const outC = path.join(dir, "out-c");
    expect((await runInProcess(["run", "tiny.json", "--seed", "5", "--out", outB, "--quiet"], dir)).status).toBe(0);
    expect((await runInProcess(["run", "tiny.json", "--seed", "6", "--out", outC, "--quiet"], dir)).status).toBe(0);
    expect(metrics(summary(outB))).toEqual(metrics(summary(outA())));
    const a = summary(outA());
    const c = summary(outC);
    expect(c.map((r) => r.seed)).toEqual([6, 6, 6]);
    for (let i = 0; i < a.length; i++) expect(c[i].mse).not.toBe(a[i].mse);
    expect(metrics(c)).not.toEqual(metrics(a));
  });

  it("evaluate <out>/models/plain reprints the run's plain mse and mean", async () => {
    const plain = summary(outA())[0];
    const json = await runInProcess(["evaluate", path.join(outA(), "models", "plain"), "--json"], dir);
    expect(json.status, json.stderr).toBe(0);
    const row = JSON.parse(json.stdout) as ResultRow;
    expect(row.method).toBe("plain");
    expect(row.seed).toBe(5);
    expect(Math.abs(row.mse - plain.mse)).toBeLessThan(1e-9);
    expect(Math.abs(row.mean - plain.mean)).toBeLessThan(1e-9);
    expect(Math.abs(row.variance - plain.variance)).toBeLessThan(1e-9);

    const table = await runInProcess(["evaluate", path.join(outA(), "models", "plain")], dir);
    expect(table.status, table.stderr).toBe(0);
    const line = table.stdout.split("\n").find((l) => l.startsWith("Plain PM "));
    expect(line).toBeDefined();
    expect(line).toContain(plain.mse.toFixed(4));
    expect(line).toContain(plain.mean.toFixed(4));
  });
});

describe("training.warmStart", () => {
  it("starts each Equitable PM from the trained Plain PM: plain unchanged, equitable rows differ", async () => {
    writeJson(dir, "warm.json", tinyScenario({ training: { epochs: 2, batchSize: 64, warmStart: true, plainBudget: "epochs" } }));
    const out = path.join(dir, "out-warm");
    const r = await runInProcess(["run", "warm.json", "--seed", "5", "--out", out, "--quiet"], dir);
    expect(r.status, r.stderr).toBe(0);
    const cold = summary(outA());
    const warm = summary(out);
    expect(metrics(warm.slice(0, 1))).toEqual(metrics(cold.slice(0, 1)));
    for (const i of [1, 2]) expect(warm[i].mse).not.toBe(cold[i].mse);
    const run = JSON.parse(readFileSync(path.join(out, "run.json"), "utf8")) as { models: { warmStartFrom: string | null }[] };
    expect(run.models.map((m) => m.warmStartFrom)).toEqual([null, "plain", "plain"]);
  });
});

describe("equitable train", () => {
  it("--method plain trains and writes one row", async () => {
    const out = path.join(dir, "out-train");
    const r = await runInProcess(["train", "tiny.json", "--method", "plain", "--out", out, "--quiet"], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split("\n").filter((l) => l.startsWith("Plain PM "))).toHaveLength(1);
    expect(r.stdout).not.toContain("Equitable PM");
    const rows = summary(out);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: "plain", q: null, qPlusOne: null, seed: 3 });
    const csv = readFileSync(path.join(out, "regrets.csv"), "utf8").trimEnd().split("\n");
    expect(csv).toHaveLength(1 + 5);
  });
});

describe("stale models", () => {
  it("a new run into an output directory removes models left by an earlier run", async () => {
    const out = path.join(dir, "out-stale");
    earlierRun(out, { "models/equitable-q+1=7/model.json": "{}", "models/equitable-q+1=7/weights.bin": "" });
    const r = await runInProcess(["train", "tiny.json", "--method", "plain", "--out", out, "--quiet"], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(path.join(out, "models"))).toEqual(["plain"]);
  });
});

describe("equitable run on real-format files in a data directory", () => {
  it("reads them, reports the quirks it handled on stderr and in run.json", async () => {
    writeText(dir, "data/carbon/grid.csv", fuelMixCsv(300, { emptyHour: 40 }));
    writeText(dir, "data/datacenter/demand.csv", azureCsv(300));
    writeJson(dir, "real.json", tinyScenario({ name: "real", data: { source: "real", carbon: "carbon/grid.csv", demand: "datacenter/demand.csv" }, q: [2] }));
    const out = path.join(dir, "out-real");
    const r = await runInProcess(["run", "real.json", "--data-dir", "data", "--out", out], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("data: carbon/grid.csv: emptyRows = 1");
    const run = JSON.parse(readFileSync(path.join(out, "run.json"), "utf8")) as Record<string, unknown>;
    expect(run.quirks).toEqual({ "carbon/grid.csv: emptyRows": 1 });
    expect(run.dataDir).toBe(path.join(dir, "data"));
    expect(summary(out).map((row) => row.method)).toEqual(["plain", "equitable"]);
  });
});
