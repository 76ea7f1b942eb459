import { InputError } from "@equitable/core";
import type { TopLevelSpec } from "vega-lite";
import type { ChartSpec } from "./charts.js";
import type { WeekRow } from "./weekly-equity-csv.js";

/** The most points (deployment × week) a simulation chart draws: each is an SVG symbol and a row of the inline spec, so 300 000 made a 44 MB page. */
export const MAX_SIMULATION_POINTS = 5_000;

/**
 * Each deployment's weeks averaged over seeds, in first-seen order: exactly the points the charts
 * draw (they plot the mean over seeds), so many seeds cost the page nothing.
 */
export function weeklyMeans(rows: readonly WeekRow[]): WeekRow[] {
  const groups = new Map<string, { row: WeekRow; n: number; variance: number; worst: number; mean: number }>();
  for (const r of rows) {
    const key = JSON.stringify([r.deployment, r.week]);
    const g = groups.get(key);
    if (g) {
      g.n++;
      g.variance += r.variance;
      g.worst += r.worst;
      g.mean += r.mean;
    } else groups.set(key, { row: r, n: 1, variance: r.variance, worst: r.worst, mean: r.mean });
  }
  // seed 0 stands for "mean over seeds"; the charts do not show it.
  return [...groups.values()].map((g) => ({ deployment: g.row.deployment, seed: 0, week: g.row.week, variance: g.variance / g.n, worst: g.worst / g.n, mean: g.mean / g.n }));
}

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
  if (rows.length === 0) return [];
  const points = weeklyMeans(rows);
  if (points.length > MAX_SIMULATION_POINTS) {
    throw new InputError("simulation", `charts ${points.length} points (deployment × week, averaged over seeds), over the limit of ${MAX_SIMULATION_POINTS} a report draws: chart fewer deployments or a shorter simulation`);
  }
  return [overTime(points, "variance"), overTime(points, "worst")];
}
