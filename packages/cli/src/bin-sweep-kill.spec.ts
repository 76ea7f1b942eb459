import { describe, expect, it } from "vitest";
import { ResultsDb } from "@equitable/sweep";
import { cliExit, runCli, startCli, tempDir } from "./spec-fixtures.js";
import { expectComplete, inDir, resultsById, storedCells, writeTinySweep } from "./sweep.spec-helper.js";

/** Cells done in the database, or 0 while it does not exist yet. */
function doneIn(db: string): number {
  try {
    const r = ResultsDb.openReadOnly(db);
    try {
      return r.counts().done;
    } finally {
      r.close();
    }
  } catch {
    return 0;
  }
}

describe("a sweep killed with SIGKILL", () => {
  it("loses only the cells in flight: restarted, it ends with every cell once and the metrics of an uninterrupted sweep", async () => {
    const dir = tempDir("sweep-kill");
    // Cells long enough (6 epochs) that the sweep is surely midway when killed: 2-epoch cells sometimes all finished between two polls.
    const file = writeTinySweep(dir, { q: [0, 2, 9], seeds: [1, 2], epochs: [6] });
    const whole = inDir(dir, "whole.db");
    const r = await runCli(["sweep", file, "--db", whole, "--workers", "2", "--quiet"], dir);
    expect(r.status, r.stderr).toBe(0);
    const reference = storedCells(whole);
    expectComplete(reference, 8, 5);

    const killed = inDir(dir, "killed.db");
    const child = startCli(["sweep", file, "--db", killed, "--workers", "2", "--quiet"], dir);
    const exit = cliExit(child);
    // Midway: some cells stored, others still to come.
    const deadline = Date.now() + 90_000;
    while (doneIn(killed) < 3 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
    child.kill("SIGKILL");
    expect((await exit).status).toBe(null);
    const partial = storedCells(killed);
    const done = partial.filter((c) => c.status === "done");
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(done.length, "the sweep finished before it was killed: kill it earlier").toBeLessThan(8);
    // Never a half-written row: a cell is pending with no regrets, or done with all of them.
    for (const c of partial) expect(c.regrets).toHaveLength(c.status === "done" ? 5 : 0);

    const resumed = await runCli(["sweep", file, "--db", killed, "--workers", "2", "--quiet"], dir);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`ran ${8 - done.length} now, ${done.length} already finished`);
    const after = storedCells(killed);
    expectComplete(after, 8, 5);
    expect(resultsById(after)).toEqual(resultsById(reference));
  });
});
