import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectOneLineError } from "./cli-result.spec-helper.js";
import { runInProcess, tempDir, writeJson } from "./spec-fixtures.js";
import { expectComplete, inDir, storedCells, writeTinySweep } from "./sweep.spec-helper.js";

describe("equitable sweep", () => {
  it("each cell is the model `equitable run` trains for its seed, q and β (warm starts included); a rerun skips finished cells", async () => {
    const dir = tempDir("sweep-run");
    const warm = { training: { epochs: 2, batchSize: 64, warmStart: true, equitableLearningRate: 0.01 } };
    const file = writeTinySweep(dir, { q: [0, 2], seeds: [4, 5] }, warm);
    const db = inDir(dir, "r.db");
    const r = await runInProcess(["sweep", file, "--db", db, "--workers", "2"], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("6 cells; ran 6 now, 0 already finished, 0 failed");
    // Progress on stderr: cells done / total and an ETA.
    expect(r.stderr).toMatch(/cells 6\/6 · ETA \d+ s/);
    const cells = storedCells(db);
    expectComplete(cells, 6, 5);
    const alone = await runInProcess(["run", inDir(dir, "tiny.json"), "--seed", "5", "--q", "0,2", "--out", inDir(dir, "alone"), "--quiet"], dir);
    expect(alone.status, alone.stderr).toBe(0);
    const rows = JSON.parse(readFileSync(inDir(dir, "alone/summary.json"), "utf8")) as { method: string; q: number | null; mean: number; variance: number; worst: number; mse: number; jain: number }[];
    const seed5 = cells.filter((c) => c.seed === 5);
    expect(seed5.map((c) => [c.method, c.q])).toEqual(rows.map((row) => [row.method, row.q]));
    seed5.forEach((c, k) => {
      for (const m of ["mean", "variance", "worst", "mse", "jain"] as const) expect(c.metrics![m]).toBe(rows[k][m]);
    });
    const again = await runInProcess(["sweep", file, "--db", db, "--quiet"], dir);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("ran 0 now, 6 already finished");
    expect(storedCells(db)).toEqual(cells);
  });

  it("a sweep of plain and IRWO over two distances stores worst-α and the distance per cell, and the report shows the two IRWO rows apart", async () => {
    const dir = tempDir("sweep-irwo");
    const file = writeTinySweep(dir, { methods: ["plain", "irwo"], q: [0], seeds: [1], params: { "methodOptions.irwo.distance": ["cosine", "euclidean"] } }, { alpha: 0.4 });
    const db = inDir(dir, "r.db");
    const r = await runInProcess(["sweep", file, "--db", db, "--workers", "1", "--quiet"], dir);
    expect(r.status, r.stderr).toBe(0);
    const irwo = storedCells(db).filter((c) => c.method === "irwo");
    expect(irwo.map((c) => [c.label, c.methodParams.distance])).toEqual([["irwo-local-alpha=0.4", "cosine"], ["irwo-local-alpha=0.4-euclidean", "euclidean"]]);
    for (const c of irwo) {
      expect(c.alpha).toBe(0.4);
      // worst-α is the mean of the worst ⌈0.4·5⌉ = 2 agents' mean regrets.
      const worst2 = [...c.regrets].sort((a, b) => b - a).slice(0, 2);
      expect(c.metrics!.worstAlpha).toBeCloseTo((worst2[0] + worst2[1]) / 2, 12);
    }
    const report = await runInProcess(["report", db, "--out", inDir(dir, "report")], dir);
    expect(report.status, report.stderr).toBe(0);
    const html = readFileSync(inDir(dir, "report/index.html"), "utf8");
    const rows = html.split("<tr>").filter((row) => row.includes("<td>IRWO"));
    expect(rows).toHaveLength(2);
    expect(rows.some((row) => row.includes("euclidean"))).toBe(true);
  });

  // The other refusals (unknown fields, empty params lists, unknown methods, refused values) are load-sweep.spec's.
  it.each([
    ["an unknown parameter path", { params: { "training.epochz": [3] } }, ["sweep.json", "training.epochz", "unknown field"]],
    ["an empty list", { q: [] }, ["sweep.json", "q", "lists no q values"]],
    ["a scenario that does not exist", { scenario: "nowhere.json" }, ["nowhere.json", "scenario file not found"]],
  ])("%s: one line, exit 2, before anything runs", async (_what, sweep, mentions) => {
    const dir = tempDir("sweep-bad");
    const file = writeTinySweep(dir, sweep);
    const db = inDir(dir, "r.db");
    expectOneLineError(await runInProcess(["sweep", file, "--db", db], dir), ...mentions);
    expect(existsSync(db)).toBe(false);
  });

  it("a missing sweep file and a bad --workers are one line each", async () => {
    const dir = tempDir("sweep-bad2");
    expectOneLineError(await runInProcess(["sweep", inDir(dir, "none.json")], dir), "none.json", "sweep file not found");
    const file = writeJson(dir, "s.json", {});
    expectOneLineError(await runInProcess(["sweep", file, "--workers", "0"], dir), "--workers");
  });
});
