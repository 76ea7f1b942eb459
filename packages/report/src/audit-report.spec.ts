import { describe, expect, it } from "vitest";
import { buildAuditReport, type AuditReportFrame, type AuditReportInput } from "./index.js";

const fig = (value: number) => ({ value, lo: value - 1, hi: value + 1 });
const set = (v: number) => Object.fromEntries(["mean", "worst", "worstAlpha", "variance", "c95MinusC5", "jain", "hNorm"].map((k) => [k, fig(v)]));

function frame(forecast: string, band: string, v: number): AuditReportFrame {
  return {
    forecast, band, decisions: 3, days: 3, overall: set(v), byGroup: { "<b>night</b>": set(v), day: set(v / 2) },
    difference: set(v / 2), ratio: set(0.5), mae: fig(v), mse: fig(v * v), agentMeans: { a: v, b: v / 2 },
  };
}

const input: AuditReportInput = {
  scenario: "s<script>",
  description: "an audit & its <i>figures</i>",
  bootstrap: { resamples: 100, level: 0.95 },
  alpha: 0.2,
  decision: { steps: 2, days: 3, bands: [{ name: "next", decisions: 3, skipped: { shortIssue: 1, missingOutturn: 0 } }] },
  groups: [{ name: "<b>night</b>", agents: ["a"] }, { name: "day", agents: ["b"] }],
  frames: [frame("published", "next", 4), frame("persistence", "next", 6)],
  recalibration: null,
};

describe("buildAuditReport", () => {
  it("writes index.html and three charts, every text from the rows escaped", async () => {
    const files = await buildAuditReport(input);
    expect([...files.keys()].sort()).toEqual([
      "charts/change-against-raw.svg", "charts/change-against-raw.vl.json", "charts/regret-by-horizon.svg", "charts/regret-by-horizon.vl.json",
      "charts/regret-distribution.svg", "charts/regret-distribution.vl.json", "index.html",
    ]);
    const html = files.get("index.html")!;
    expect(html).toContain("s&lt;script&gt;");
    expect(html).toContain("&lt;b&gt;night&lt;/b&gt;");
    expect(html).not.toContain("<b>night");
    expect(html).not.toContain("<script");
    expect(html).toContain("<td>difference()</td>");
    expect(html).toContain("shortIssue 1");
  });

  it("the per-agent change chart holds persistence minus published for each agent", async () => {
    const spec = JSON.parse((await buildAuditReport(input)).get("charts/change-against-raw.vl.json")!);
    expect(spec.data.values).toEqual([
      { forecast: "persistence (whole period)", agent: "a", group: "<b>night</b>", change: 2 },
      { forecast: "persistence (whole period)", agent: "b", group: "day", change: 1 },
    ]);
  });
});
