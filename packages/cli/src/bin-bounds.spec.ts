import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { expectOneLineError } from "./cli-result.spec-helper.js";
import { runCli, runInProcess, tempDir } from "./spec-fixtures.js";
import { inDir, writeTinySweep } from "./sweep.spec-helper.js";

// Inputs that once ran unbounded: each is refused in one line naming the field and its limit.
describe("bounds on sweeps, workers and reports", () => {
  it("a sweep grid of 1 001 000 cells is refused at once, naming the limit and the lists, without a database", async () => {
    const dir = tempDir("bounds-grid");
    const q = Array.from({ length: 1001 }, (_, k) => k / 100);
    const seeds = Array.from({ length: 1000 }, (_, k) => k);
    const file = writeTinySweep(dir, { methods: ["equitable"], q, seeds });
    const db = inDir(dir, "r.db");
    const started = Date.now();
    // A real process: the unbounded expansion is synchronous, and would hold this one for 45 minutes.
    const r = await runCli(["sweep", file, "--db", db, "--workers", "1"], dir);
    expectOneLineError(r, "sweep.json", "100000 cells", "1001000", "q 1001", "seeds 1000");
    // Refused before expansion: the unbounded sweep spent about 45 minutes building cells.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(existsSync(db)).toBe(false);
  }, 30_000);

  it("--workers past 4 per core is refused by sweep and worker, 1e6 read as 1000000", async () => {
    const dir = tempDir("bounds-workers");
    const limit = String(4 * availableParallelism());
    // No sweep file and no Redis: the flag is refused before either is looked at (unbounded, a million threads were started).
    expectOneLineError(await runInProcess(["sweep", inDir(dir, "none.json"), "--workers", "1e6"], dir), "--workers", "1e6 (1000000)", `limit of ${limit}`);
    expectOneLineError(await runInProcess(["worker", "--queue", "redis://127.0.0.1:1", "--workers", "1e6"], dir), "--workers", `limit of ${limit}`);
    expectOneLineError(await runInProcess(["sweep", inDir(dir, "none.json"), "--workers", "1e400"], dir), "--workers", "expected an integer");
  });

  it("--lock-seconds past a day is refused: the lock timer overflowed into a 1 ms loop", async () => {
    const dir = tempDir("bounds-lock");
    expectOneLineError(await runInProcess(["worker", "--queue", "redis://127.0.0.1:1", "--lock-seconds", "1e9"], dir), "--lock-seconds", "limit of 86400");
    expectOneLineError(await runInProcess(["worker", "--queue", "redis://127.0.0.1:1", "--lock-seconds", "86401"], dir), "--lock-seconds", "limit of 86400");
  });

  it("a 300 000-row --simulation file is refused naming the limit of points charted, not written as 44 MB of HTML", async () => {
    const dir = tempDir("bounds-sim");
    const lines = ["deployment,seed,week,variance,worst,mean"];
    for (let week = 0; week < 100_000; week++) for (const d of ["frozen", "retrained-7d", "retrained-1d"]) lines.push(`${d},1,${week},0.5,1.5,1`);
    const sim = inDir(dir, "live");
    mkdirSync(sim);
    writeFileSync(inDir(sim, "weekly-equity.csv"), `${lines.join("\n")}\n`);
    const started = Date.now();
    const r = await runInProcess(["report", inDir(dir, "none.db"), "--simulation", sim, "--out", inDir(dir, "report")], dir);
    expectOneLineError(r, "--simulation", "300000", "limit of 5000");
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(existsSync(inDir(dir, "report"))).toBe(false);
  }, 60_000);
});
