import type { TopLevelSpec } from "vega-lite";
import type { ChartSpec } from "./charts.js";
import type { RoundCsvRow } from "./rounds-csv.js";

type Measure = "variance" | "worst" | "herding" | "distance";

const TITLES: Record<Measure, { axis: string; title: string; what: string }> = {
  variance: { axis: "variance across agents (mean over seeds)", title: "Closed loop: variance of agents' regrets per round", what: "the variance across agents of each one's mean daily regret on the realised signal" },
  worst: { axis: "worst agent (mean over seeds)", title: "Closed loop: the worst agent's regret per round", what: "the largest agent's mean daily regret on the realised signal" },
  herding: { axis: "load in the forecast's cheapest quarter (mean over seeds)", title: "Closed loop: herding per round", what: "the share of the agents' load in each day's forecast-cheapest quarter of hours (0.25 = spread evenly)" },
  distance: { axis: "RMS change of the forecast (mean over seeds)", title: "Closed loop: distance between successive models", what: "the RMS difference between the round's model's forecasts and the previous round's" },
};

function overRounds(rows: readonly RoundCsvRow[], y: Measure): ChartSpec {
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: { legend: { orient: "bottom", columns: 2, labelLimit: 0 }, view: { stroke: "#ddd" } },
    width: 620,
    height: 240,
    data: { values: rows.filter((r) => Number.isFinite(r[y])).map((r) => ({ deployment: r.deployment, seed: r.seed, round: r.round, [y]: r[y] })) },
    mark: { type: "line", point: true, strokeWidth: 1.5 },
    encoding: {
      x: { field: "round", type: "quantitative", title: "round (deploy → act → realise → retrain)", axis: { tickMinStep: 1 } },
      y: { aggregate: "mean", field: y, type: "quantitative", title: TITLES[y].axis, scale: { zero: false } },
      color: { field: "deployment", type: "nominal", title: "deployment" },
    },
  };
  return {
    name: `loop-${y}`,
    title: TITLES[y].title,
    caption: `Each point: one round of \`equitable simulate --rounds\`, ${TITLES[y].what}, averaged over seeds; one line per deployment (each model in the open loop, where history's signal stands, and the closed loop, where the agents' load moves it).`,
    spec,
  };
}

/** The time-series charts of a closed loop's rounds: variance, worst agent, herding and the models' distance per round, per deployment. */
export function roundCharts(rows: readonly RoundCsvRow[]): ChartSpec[] {
  if (rows.length === 0) return [];
  return (["variance", "worst", "herding", "distance"] as const).map((y) => overRounds(rows, y));
}
