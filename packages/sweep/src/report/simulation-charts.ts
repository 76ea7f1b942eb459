import type { TopLevelSpec } from "vega-lite";
import { InputError } from "@equitable/core";
import type { ChartSpec } from "./charts.js";

/** One row of `equitable simulate`'s weekly-equity.csv. */
export interface WeekRow {
  readonly deployment: string;
  readonly seed: number;
  readonly week: number;
  readonly variance: number;
  readonly worst: number;
  readonly mean: number;
}

const HEADER = "deployment,seed,week,variance,worst,mean";

/** Parses weekly-equity.csv; a malformed line is an InputError naming file and line. */
export function parseWeekRows(text: string, file: string): WeekRow[] {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0] !== HEADER) throw new InputError(file, `line 1: expected the header '${HEADER}' (a file written by equitable simulate)`);
  return lines.slice(1).map((line, k) => {
    const cells = line.split(",");
    const [seed, week, variance, worst, mean] = cells.slice(1).map(Number);
    if (cells.length !== 6 || ![seed, week, variance, worst, mean].every(Number.isFinite)) throw new InputError(`${file}:${k + 2}`, `expected 6 fields (${HEADER}), the last five numbers`);
    return { deployment: cells[0], seed, week, variance, worst, mean };
  });
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
  return rows.length === 0 ? [] : [overTime(rows, "variance"), overTime(rows, "worst")];
}
