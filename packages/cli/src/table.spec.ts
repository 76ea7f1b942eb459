import { describe, expect, it } from "vitest";
import { regretsCsv } from "./regrets-csv.js";
import type { SummaryRow } from "./summary-row.js";
import { formatTable } from "./table.js";

function row(extra: Partial<SummaryRow>): SummaryRow {
  return {
    method: "plain", methodLabel: "Plain PM", q: null, qPlusOne: null, beta: null, seed: 1, variance: 0.5, mean: 1.25, c95MinusC5: 2,
    mse: 0.00012346, hNorm: 0.98765, worst: 3, worstAlpha: 2.5, alpha: 0.2, jain: 0.9, epochs: 2, ...extra,
  };
}

describe("formatTable", () => {
  const rows = [row({}), row({ method: "equitable", methodLabel: "Equitable PM", q: 2, qPlusOne: 3, beta: 0, mean: 10.5 })];
  const lines = formatTable(rows).split("\n");

  it("prints a header, a rule and one line per row, names methods as the paper does", () => {
    expect(lines).toHaveLength(4);
    expect(lines[0].split(/\s+/)).toEqual(["method", "q+1", "beta", "variance", "mean", "C95-C5", "MSE", "H_norm", "worst", "worst-a", "epochs"]);
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
});

describe("regretsCsv", () => {
  it("writes one line per agent and model, q empty for Plain PM", () => {
    const csv = regretsCsv(
      [
        { row: row({}), agentMeanRegrets: Float64Array.from([0.5, 1.5]) },
        { row: row({ method: "equitable", q: 0, qPlusOne: 1, beta: 0 }), agentMeanRegrets: Float64Array.from([0.25, 2]) },
      ],
      ["a", "b"],
    );
    expect(csv).toBe("agent,method,q,mean_regret\na,plain,,0.5\nb,plain,,1.5\na,equitable,0,0.25\nb,equitable,0,2\n");
  });
});
