import { describe, expect, it } from "vitest";
import type { CellSpec } from "./cell.js";
import { CellFailure } from "./cell-failure.js";
import { CellPool } from "./thread-pool.js";

const cell = (label: string, seed: number): CellSpec => ({
  key: `${label}${seed}`, id: `${label}${seed}`, index: seed, scenarioRef: "s", scenarioName: "s", scenarioFile: "/s.json", scenario: {},
  objective: { method: "plain" }, method: "plain", label, q: null, beta: null, seed, epochs: 1, params: {},
  jobs: [], methodParams: {},
});

describe("CellPool", () => {
  it("runs cells on its threads; a cell's own failure is an input failure, a dead thread fails only its cell and is replaced", async () => {
    const pool = new CellPool(new URL("./spec-fixtures/pool-entry.ts", import.meta.url), 2, { backend: "cpu" });
    try {
      const outcomes = await Promise.all(
        [cell("ok", 1), cell("crash", 2), cell("refused", 3), cell("broken", 4), cell("ok", 5), cell("ok", 6)].map((c) =>
          pool.run(c).then((r) => r.row.variance, (e: CellFailure) => `${e.input ? "input" : "machinery"}: ${e.message}`),
        ),
      );
      expect(outcomes).toEqual([1, "machinery: worker thread exited with code 3", "input: training: diverged at epoch 1", "machinery: out of memory", 5, 6]);
      expect(pool.size).toBe(2);
    } finally {
      await pool.close();
    }
  });
});
