import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CellResult, CellSpec } from "./cell.js";
import { ResultsDb } from "./results-db.js";

const cell = (k: number): CellSpec => ({
  key: `k${k}`, id: `id${k}`, index: k, scenarioRef: "s.json", scenarioName: "s", scenarioFile: "/s.json", scenario: {},
  objective: { method: "equitable", q: k }, method: "equitable", label: `q${k}`, q: k, beta: 0, seed: 1, epochs: 2, params: {},
  jobs: [], methodParams: { q: k, distance: k % 2 ? "cosine" : "euclidean" },
});
const result: CellResult = {
  row: {
    method: "equitable", methodLabel: "Equitable PM", q: 0, qPlusOne: 1, beta: 0, seed: 1, variance: 1, mean: 2, c95MinusC5: 3, mse: 4, hNorm: 0.5,
    worst: 6, worstAlpha: 5, alpha: 0.2, jain: 0.7, epochs: 2, label: "q0", params: { q: 0, distance: "euclidean" },
  },
  agentIds: ["a", "b"], agentMeanRegrets: [1.5, 2.5], trainSeconds: 0.1,
};

describe("ResultsDb", () => {
  it("stores a cell once: a second result for it changes nothing; a reopened database resumes with the unfinished cells", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "equitable-db-")), "r.db");
    const db = ResultsDb.open(file);
    expect(db.prepare("s", "s.json", { a: 1 }, "v1", [cell(0), cell(1), cell(2)])).toHaveLength(3);
    expect(db.complete("id0", result, "v1", "w")).toBe(true);
    expect(db.complete("id0", { ...result, agentMeanRegrets: [9, 9] }, "v1", "w")).toBe(false);
    expect(db.fail("id1", "diverged", "v1", "w")).toBe(true);
    db.close();
    const again = ResultsDb.open(file);
    expect(again.prepare("s", "s.json", { a: 1 }, "v2", [cell(0), cell(1), cell(2)]).map((c) => c.id)).toEqual(["id2"]);
    expect(again.counts()).toEqual({ pending: 1, done: 1, failed: 1 });
    expect(again.agentRegrets().get("id0")?.regrets).toEqual([1.5, 2.5]);
    expect(again.cells()[1].error).toBe("diverged");
    // worst-α, its α and the method's own parameters are stored per cell.
    expect(again.cells()[0]).toMatchObject({ metrics: { worstAlpha: 5, mean: 2 }, alpha: 0.2, methodParams: { q: 0, distance: "euclidean" } });
    expect(again.cells()[1].methodParams).toEqual({ q: 1, distance: "cosine" });
    // The report's rows: every cell in expansion order, each with its agents' regrets (none unless done).
    expect(again.cellRows().map((c) => [c.id, c.status, c.agentIds, c.regrets])).toEqual([["id0", "done", ["a", "b"], [1.5, 2.5]], ["id1", "failed", [], []], ["id2", "pending", [], []]]);
    // A new description is the same sweep; another configuration is refused: its cells would mix with these.
    expect(again.prepare("s", "s.json", { a: 1, description: "now described" }, "v2", [cell(0), cell(1), cell(2)])).toHaveLength(1);
    expect(() => again.prepare("s", "s.json", { a: 2 }, "v2", [])).toThrow(/another sweep configuration/);
    again.close();
  });
});
