import { describe, expect, it } from "vitest";
import { formatReplicatedTable } from "./replicated-table.js";
import type { ResultRow } from "@equitable/experiment";

function row(seed: number, variance: number, extra: Partial<ResultRow> = {}): ResultRow {
  return {
    method: "plain", methodLabel: "Plain PM", q: null, qPlusOne: null, beta: null, seed, variance, mean: 0.5, c95MinusC5: 1,
    mse: 0.2, hNorm: 0.9, worst: 2, worstAlpha: 1.5, alpha: 0.2, jain: 0.8, epochs: 4, ...extra,
  } as ResultRow;
}

describe("formatReplicatedTable", () => {
  it("prints each model's mean ± 95 % half-width over its seeds, one line per model", () => {
    const lines = formatReplicatedTable([
      { label: "plain", rows: [1, 2, 3].map((s) => row(s, s / 10)) },
      { label: "equitable-q+1=3", rows: [1, 2, 3].map((s) => row(s, 0.01, { method: "equitable", methodLabel: "Equitable PM", q: 2, qPlusOne: 3, beta: 0 })) },
    ]).split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0].split(/\s{2,}/)).toEqual(["method", "q+1", "beta", "seeds", "variance", "mean", "C95-C5", "MSE", "H_norm", "worst", "worst-a", "epochs"]);
    // variance 0.1, 0.2, 0.3: mean 0.2, s = 0.1, t(2) = 4.303 → 0.2484.
    expect(lines[2]).toContain("0.2000 ± 0.2484");
    expect(lines[3].startsWith("Equitable PM")).toBe(true);
    expect(lines[3]).toContain("0.0100 ± 0.0000");
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});
