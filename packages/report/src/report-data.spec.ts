import { trainingMethods } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { meanCi95 } from "@equitable/core";
import { builtinMethods } from "@equitable/trainer";
import { reportCharts } from "./charts.js";
import { reportData, type ReportCell } from "./report-data.js";
import { reportHtml } from "./report-html.js";

// The built-in methods, registered as a program does through @equitable/preset (which depends on this package).
for (const method of builtinMethods) trainingMethods.register(method);

const metrics = (mean: number, variance: number) => ({ variance, mean, c95MinusC5: 0, mse: 1, hNorm: 1, worst: mean * 2, worstAlpha: mean * 2, jain: 1 });
const cell = (method: string, q: number | null, seed: number, regrets: number[]): ReportCell => ({
  id: `${method}${q}-${seed}`, scenario: "s.json", scenarioName: "s", method, label: method, q, beta: q === null ? null : 0, seed, epochs: 2, params: {},
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

  it("two models of one method with different job labels (IRWO on cosine and on euclidean distances) stay two rows, boxes and lines", () => {
    const irwo = (label: string, seed: number, regrets: number[]): ReportCell => ({ ...cell("irwo", null, seed, regrets), id: `${label}-${seed}`, label, beta: 0 });
    const [cosine, euclidean] = ["irwo-local-alpha=0.2-cosine", "irwo-local-alpha=0.2-euclidean"];
    const data = reportData([
      cell("plain", null, 1, [1, 3]), irwo(cosine, 1, [2, 2]), irwo(euclidean, 1, [1, 4]),
      cell("plain", null, 2, [1, 5]), irwo(cosine, 2, [2, 3]), irwo(euclidean, 2, [1, 6]),
    ]);
    // Each label its own row over its own seeds: never one "IRWO" row pooling four cells.
    expect(data.models.map((m) => [m.model, m.label, m.variant, m.seeds])).toEqual([
      ["Plain PM", "plain", null, [1, 2]],
      [`IRWO (${cosine})`, cosine, cosine, [1, 2]],
      [`IRWO (${euclidean})`, euclidean, euclidean, [1, 2]],
    ]);
    expect(data.models[1].metrics.mean).toEqual(meanCi95([2, 2.5]));
    expect(data.models[2].metrics.mean).toEqual(meanCi95([2.5, 3.5]));
    expect(new Set(data.regrets.map((r) => r.model))).toEqual(new Set(["Plain PM", `IRWO (${cosine})`, `IRWO (${euclidean})`]));
    // Agent b: cosine (2−3 + 3−5)/2 = −1.5, euclidean (4−3 + 6−5)/2 = 1.
    expect(data.changes.filter((c) => c.agent === "b").map((c) => [c.model, c.change])).toEqual([[`IRWO (${cosine})`, -1.5], [`IRWO (${euclidean})`, 1]]);
    // The fronts draw one line per label; the table prints the label beside the method.
    const front = reportCharts(data).find((c) => c.name === "front-variance")!;
    const lines = (front.spec as { data: { values: { line: string }[] } }).data.values.map((v) => v.line);
    expect(lines).toEqual(["Plain PM", `IRWO (${cosine}), β=0`, `IRWO (${euclidean}), β=0`]);
    const html = reportHtml({ name: "n", description: "", file: "f", codeVersion: "v", createdAt: "t", counts: { done: 6, failed: 0, pending: 0 }, failures: [] }, data, []);
    expect(html).toContain(`<td>IRWO (${cosine})</td>`);
    expect(html).toContain(`<td>IRWO (${euclidean})</td>`);
  });

  it("a method whose models differ only by q or β keeps Table 1's names: the label is added only to tell models apart", () => {
    const data = reportData([cell("plain", null, 1, [1, 3]), { ...cell("equitable", 2, 1, [2, 2]), label: "equitable-q+1=3" }, { ...cell("equitable", 9, 1, [2, 3]), label: "equitable-q+1=10" }]);
    expect(data.models.map((m) => [m.model, m.variant])).toEqual([["Plain PM", null], ["Equitable PM q+1=3", null], ["Equitable PM q+1=10", null]]);
  });
});
