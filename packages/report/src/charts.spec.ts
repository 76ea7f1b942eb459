import { describe, expect, it } from "vitest";
import { reportCharts } from "./charts.js";
import { reportData, type ReportCell } from "./report-data.js";

const cell = (method: string, q: number | null, seed: number, regrets: number[]): ReportCell => ({
  id: `${method}${q}-${seed}`, scenario: "s.json", scenarioName: "s", method, label: method, q, beta: q === null ? null : 0, seed, epochs: 2, params: {},
  status: "done", metrics: { variance: 0.1, mean: 1, c95MinusC5: 0, mse: 1, hNorm: 1, worst: 2, worstAlpha: 2, jain: 1 }, error: null, agentIds: ["a", "b"], regrets,
});

describe("the price-of-equity fronts", () => {
  it("label each line at its smallest and largest q+1 only (close points would overprint), and give every point a tooltip", () => {
    const cells = [cell("plain", null, 1, [1, 3]), ...[0, 0.5, 2, 9].map((q) => cell("equitable", q, 1, [2, 2]))];
    const front = reportCharts(reportData(cells)).find((c) => c.name === "front-variance")!;
    const values = (front.spec as { data: { values: { label: string; qPlusOne: string }[] } }).data.values;
    expect(values.map((v) => v.label)).toEqual(["", "q+1=1", "", "", "q+1=10"]);
    expect(values.map((v) => v.qPlusOne)).toEqual(["", "q+1=1", "q+1=1.5", "q+1=3", "q+1=10"]);
    expect(JSON.stringify(front.spec)).toContain('"tooltip"');
  });
});
