import { describe, expect, it } from "vitest";
import { regretsCsv } from "./regrets-csv.js";
import type { ResultRow } from "./result-row.js";
import { formatTable } from "./result-table.js";

function row(extra: Partial<ResultRow>): ResultRow {
  return {
    method: "plain", methodLabel: "Plain PM", q: null, qPlusOne: null, beta: null, seed: 1, variance: 0.5, mean: 1.25, c95MinusC5: 2,
    mse: 0.00012346, hNorm: 0.98765, worst: 3, worstAlpha: 2.5, alpha: 0.2, jain: 0.9, epochs: 2, label: "plain", params: {}, ...extra,
  };
}

describe("formatTable", () => {
  const rows = [row({}), row({ method: "equitable", methodLabel: "Equitable PM", q: 2, qPlusOne: 3, beta: 0, mean: 10.5, label: "equitable-q+1=3", params: { q: 2, beta: 0, form: "norm" } })];
  const lines = formatTable(rows).split("\n");

  it("prints a header, a rule and one line per row, names methods as the paper does", () => {
    expect(lines).toHaveLength(4);
    expect(lines[0].split(/\s+/)).toEqual(["method", "q+1", "beta", "variance", "mean", "C95-C5", "MSE", "H_norm", "worst", "worst-a", "epochs", "job"]);
    expect(lines[3].endsWith(" equitable-q+1=3")).toBe(true);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
    expect(lines[2].startsWith("Plain PM ")).toBe(true);
    expect(lines[3].startsWith("Equitable PM ")).toBe(true);
  });

  it("aligns columns, prints - for Plain PM's q and β, small values in exponent form", () => {
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[2].split(/\s{2,}/).slice(1, 3)).toEqual(["-", "-"]);
    expect(lines[3].split(/\s{2,}/).slice(1, 3)).toEqual(["3", "0"]);
    expect(lines[2]).toContain("1.235e-4");
    expect(lines[2]).toContain("0.9877");
    expect(lines[3]).toContain("10.5000");
  });

  it("adds a params column only for parameters that tell two rows of one method apart", () => {
    const irwo = (distance: string, label: string) => row({ method: "irwo", methodLabel: "IRWO", beta: 0, label, params: { alpha: 0.2, distance, beta: 0 } });
    const table = formatTable([row({}), irwo("cosine", "irwo-a"), irwo("euclidean", "irwo-b")]).split("\n");
    expect(table[0].split(/\s+/).slice(-2)).toEqual(["params", "job"]);
    expect(table[3]).toContain("distance=cosine");
    expect(table[4]).toContain("distance=euclidean");
    expect(table[4]).not.toContain("alpha=");
    expect(lines[0]).not.toContain("params");
  });
});

describe("regretsCsv", () => {
  it("writes one line per agent and model, q empty for Plain PM", () => {
    const csv = regretsCsv(
      [
        { row: row({}), agentMeanRegrets: Float64Array.from([0.5, 1.5]) },
        { row: row({ method: "equitable", q: 0, qPlusOne: 1, beta: 0, label: "equitable-q+1=1", params: { q: 0, beta: 0, form: "norm" } }), agentMeanRegrets: Float64Array.from([0.25, 2]) },
      ],
      ["a", "b"],
    );
    expect(csv).toBe(
      "agent,method,q,mean_regret,job,params\na,plain,,0.5,plain,\nb,plain,,1.5,plain,\n"
      + "a,equitable,0,0.25,equitable-q+1=1,q=0;beta=0;form=norm\nb,equitable,0,2,equitable-q+1=1,q=0;beta=0;form=norm\n",
    );
  });
});
