import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "./spec-fixtures.js";
import { expectComplete, inDir, resultsById, storedCells, writeTinySweep } from "./sweep.spec-helper.js";

/** Runs `body` while `n` threads spin: the LSTM kernel's worker lanes and the sweep's cell threads then compete for the cores. */
async function underLoad<T>(n: number, body: () => Promise<T>): Promise<T> {
  const spinners = Array.from({ length: n }, () => new Worker("for (;;) {}", { eval: true }));
  try {
    return await body();
  } finally {
    await Promise.all(spinners.map((w) => w.terminate()));
  }
}

describe("equitable sweep of an LSTM scenario", () => {
  it("--workers 1 and --workers 2 (under load) store bit-identical cells, each the model `equitable run` trains", async () => {
    const dir = tempDir("sweep-lstm");
    // Batches of 64 rows: the LSTM kernel splits each into two lanes (its split starts at 32 rows);
    // warm starts: a cell's Plain PM comes from the thread's cache or is trained again, by scheduling.
    const lstm = { model: { kind: "lstm", hidden: 16 }, training: { epochs: 2, batchSize: 64, warmStart: true } };
    const file = writeTinySweep(dir, { q: [0, 2], seeds: [1, 2] }, lstm);
    const one = await runInProcess(["sweep", file, "--db", inDir(dir, "w1.db"), "--workers", "1", "--quiet"], dir);
    expect(one.status, one.stderr).toBe(0);
    const two = await underLoad(availableParallelism(), () => runInProcess(["sweep", file, "--db", inDir(dir, "w2.db"), "--workers", "2", "--quiet"], dir));
    expect(two.status, two.stderr).toBe(0);
    const cells = storedCells(inDir(dir, "w1.db"));
    expectComplete(cells, 6, 5);
    // toEqual on numbers is Object.is: bit for bit.
    expect(resultsById(storedCells(inDir(dir, "w2.db")))).toEqual(resultsById(cells));
    for (const seed of [1, 2]) {
      const out = inDir(dir, `alone-${seed}`);
      const alone = await runInProcess(["run", inDir(dir, "tiny.json"), "--seed", String(seed), "--q", "0,2", "--out", out, "--quiet"], dir);
      expect(alone.status, alone.stderr).toBe(0);
      const rows = JSON.parse(readFileSync(inDir(out, "summary.json"), "utf8")) as { label: string; mean: number; variance: number; worst: number; mse: number; jain: number }[];
      const regrets = readFileSync(inDir(out, "regrets.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(","));
      const ofSeed = cells.filter((c) => c.seed === seed);
      expect(ofSeed.map((c) => c.label)).toEqual(rows.map((r) => r.label));
      ofSeed.forEach((c, k) => {
        for (const m of ["mean", "variance", "worst", "mse", "jain"] as const) expect(c.metrics![m], `${c.label} ${m}`).toBe(rows[k][m]);
        // regrets.csv: agent, method, q, mean_regret, job; the cell's regrets are its job's rows in agent order.
        expect(c.regrets, c.label).toEqual(regrets.filter((r) => r[4] === c.label).map((r) => Number(r[3])));
      });
    }
  });
});
