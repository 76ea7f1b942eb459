import { describe, expect, it } from "vitest";
import { meanCi95 } from "@equitable/core";
import { reportData, type ReportCell } from "./report-data.js";

const metrics = (mean: number, variance: number) => ({ variance, mean, c95MinusC5: 0, mse: 1, hNorm: 1, worst: mean * 2, jain: 1 });
const cell = (method: string, q: number | null, seed: number, regrets: number[]): ReportCell => ({
  id: `${method}${q}-${seed}`, idx: 0, scenario: "s.json", scenarioName: "s", method, label: method, q, beta: q === null ? null : 0, seed, epochs: 2, params: {},
  status: "done", metrics: metrics(regrets.reduce((a, b) => a + b) / regrets.length, seed), error: null, agentIds: ["a", "b"], regrets,
});

describe("reportData", () => {
  const cells = [cell("plain", null, 1, [1, 3]), cell("equitable", 2, 1, [2, 2]), cell("plain", null, 2, [1, 5]), cell("equitable", 2, 2, [2, 3])];

  it("Table 1's rows: mean ± 95 % CI over seeds per model, Plain PM first", () => {
    const data = reportData(cells);
    expect(data.models.map((m) => m.model)).toEqual(["Plain PM", "Equitable PM q+1=3"]);
    expect(data.models[1].metrics.mean).toEqual(meanCi95([2, 2.5]));
    expect(data.models[0].seeds).toEqual([1, 2]);
  });

  it("each agent's change against Plain PM of the same seed, averaged over seeds, agents ranked by Plain PM's regret", () => {
    const { changes } = reportData(cells);
    // Agent a: (2−1 + 2−1)/2 = 1; agent b: (2−3 + 3−5)/2 = −1.5; b is worse served by Plain PM (rank 2).
    expect(changes.map((c) => [c.agent, c.change, c.rank])).toEqual([["a", 1, 1], ["b", -1.5, 2]]);
  });

  it("pending and failed cells are left out", () => {
    const data = reportData([...cells, { ...cells[1], id: "x", status: "failed", metrics: null, seed: 3 }]);
    expect(data.models[1].seeds).toEqual([1, 2]);
  });
});
