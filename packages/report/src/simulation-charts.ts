import type { TopLevelSpec } from "vega-lite";
import type { ChartSpec } from "./charts.js";
import type { WeekRow } from "./weekly-equity-csv.js";

function overTime(rows: readonly WeekRow[], y: "variance" | "worst"): ChartSpec {
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: { legend: { orient: "bottom", columns: 2, labelLimit: 0 }, view: { stroke: "#ddd" } },
    width: 620,
    height: 240,
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: "line", point: true, strokeWidth: 1.5 },
    encoding: {
      x: { field: "week", type: "quantitative", title: "simulated week of the test period", axis: { tickMinStep: 1 } },
      y: { aggregate: "mean", field: y, type: "quantitative", title: y === "variance" ? "variance across agents (mean over seeds)" : "worst agent (mean over seeds)", scale: { zero: false } },
      color: { field: "deployment", type: "nominal", title: "deployment" },
    },
  };
  return {
    name: `live-${y}`,
    title: y === "variance" ? "Deployed over time: variance of agents' weekly regrets" : "Deployed over time: the worst agent's weekly regret",
    caption: `Each point: one week of \`equitable simulate\`, each agent's mean daily regret (against the hindsight optimum) that week, ${y === "variance" ? "their variance" : "the largest"}, averaged over seeds; one line per deployment (frozen or retrained).`,
    spec,
  };
}

/** The time-series charts of a live simulation's weekly equity: variance and worst agent per week, per deployment. */
export function simulationCharts(rows: readonly WeekRow[]): ChartSpec[] {
  return rows.length === 0 ? [] : [overTime(rows, "variance"), overTime(rows, "worst")];
}
