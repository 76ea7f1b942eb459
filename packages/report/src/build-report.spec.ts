import { trainingMethods } from "@equitable/core";
import { describe, expect, it } from "vitest";
import { builtinMethods } from "@equitable/trainer";
import { buildReport } from "./build-report.js";
import type { ReportCell } from "./report-data.js";

// The built-in methods, registered as a program does through @equitable/preset (which depends on this package).
for (const method of builtinMethods) trainingMethods.register(method);

const cell = (method: string, q: number | null, seed: number, status: ReportCell["status"] = "done"): ReportCell => ({
  id: `${method}${q}-${seed}`, scenario: "s.json", scenarioName: "s", method, label: q === null ? method : `${method}-q+1=${q + 1}`, q, beta: q === null ? null : 0,
  seed, epochs: 2, params: { "b.x": 1, "a.y": "z" }, status, error: status === "failed" ? "diverged" : null,
  metrics: status === "done" ? { variance: 0.1 * seed, mean: 1 + seed, c95MinusC5: 0, mse: 1, hNorm: 1, worst: 2, worstAlpha: 2, jain: 1 } : null,
  agentIds: status === "done" ? ["a", "b"] : [], regrets: status === "done" ? [seed, 2 * seed] : [],
});

describe("buildReport", () => {
  it("makes the page and each chart's SVG and spec from plain rows, counting and naming the unfinished cells", async () => {
    const files = await buildReport({
      sweep: { name: "s-sweep", description: "a <small> sweep", file: "sweep.json", codeVersion: "abc", createdAt: "2024-01-01T00:00:00.000Z" },
      cells: [cell("plain", null, 1), cell("equitable", 2, 1), cell("plain", null, 2), cell("equitable", 2, 2, "failed"), cell("plain", null, 3, "pending")],
    }, { simulation: [{ deployment: "frozen", seed: 1, week: 0, variance: 1, worst: 2, mean: 1 }] });
    const names = ["regret-distribution", "front-variance", "front-worst", "change-vs-plain", "live-variance", "live-worst"];
    expect([...files.keys()]).toEqual(["index.html", ...names.flatMap((n) => [`charts/${n}.svg`, `charts/${n}.vl.json`])]);
    const html = files.get("index.html")!;
    expect(html).toContain("cells: 3 done, 1 failed, 1 pending");
    expect(html).toContain("a &lt;small&gt; sweep");
    // The failed cell by scenario, label, seed and its params as canonical JSON (keys sorted).
    expect(html).toContain("<td>s equitable-q+1=3 seed 2 {&quot;a.y&quot;:&quot;z&quot;,&quot;b.x&quot;:1}</td><td>diverged</td>");
    for (const n of names) expect(files.get(`charts/${n}.svg`)).toMatch(/^<svg/);
  });
});
