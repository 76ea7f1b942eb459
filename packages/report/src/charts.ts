import type { TopLevelSpec } from "vega-lite";
import { qPlusOneText, type ReportData } from "./report-data.js";

/** A chart of the report: its file name, title, one-line caption and Vega-Lite spec. */
export interface ChartSpec {
  readonly name: string;
  readonly title: string;
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

const FONT = { font: "Helvetica, Arial, sans-serif", labelFont: "Helvetica, Arial, sans-serif", titleFont: "Helvetica, Arial, sans-serif" };
const config = { axis: { ...FONT, labelFontSize: 11, titleFontSize: 12 }, header: { ...FONT, labelFontSize: 12, titleFontSize: 12 }, legend: { ...FONT, orient: "bottom" as const, columns: 4, labelLimit: 0 }, title: { font: FONT.font }, view: { stroke: "#ddd" } };

/** Settings side by side (or one above the other), each with its own scales (regrets of different settings differ by orders of magnitude). */
function facetBySetting(settings: readonly string[], along: "column" | "row" = "column") {
  return {
    facet: { [along]: { field: "setting", type: "nominal" as const, title: null, sort: [...settings], header: { labelLimit: 0, ...(along === "row" ? { labelAngle: 0, labelAlign: "left" as const, labelOrient: "top" as const } : {}) } } },
    resolve: { scale: { x: "independent" as const, y: "independent" as const } },
  };
}

/** The distribution of agents' mean regrets per model (the paper's Figures 2 and 3): one box per q. */
function regretDistribution(data: ReportData): ChartSpec {
  return {
    name: "regret-distribution",
    title: "Distribution of agents' mean regrets",
    caption: "Each box: the agents' mean regrets on the test split, all seeds pooled, for one model (whiskers: min to max). Equity shows as a narrower box.",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config,
      data: { values: data.regrets },
      ...facetBySetting(data.settings),
      spec: {
        width: 280,
        height: 220,
        mark: { type: "boxplot", extent: "min-max", size: 18 },
        encoding: {
          x: { field: "model", type: "nominal", title: null, sort: { field: "order" }, axis: { labelAngle: -40, labelLimit: 0 } },
          y: { field: "regret", type: "quantitative", title: "agent's mean regret", scale: { zero: false } },
          color: { field: "model", type: "nominal", legend: null, sort: { field: "order" } },
        },
      },
    },
  };
}

/** The price of equity: mean regret against variance (or the worst agent), one point per model, lines through q. */
function front(data: ReportData, y: "variance" | "worst"): ChartSpec {
  // One line per method, and per job label where the method's models differ by more than q and β.
  const lineOf = (m: (typeof data.models)[number]) => {
    const method = m.variant === null ? m.methodLabel : `${m.methodLabel} (${m.variant})`;
    return m.beta === null ? method : `${method}, β=${m.beta}`;
  };
  const facetLine = (m: (typeof data.models)[number]) => `${m.setting}\u0000${lineOf(m)}`;
  // Points of one line often sit close together (the data centres' q hardly moves them): only
  // each line's smallest and largest q+1 carry a text label, every point a tooltip.
  const ends = new Map<string, { lo: number; hi: number }>();
  for (const m of data.models) {
    if (m.q === null) continue;
    const e = ends.get(facetLine(m)) ?? { lo: m.q, hi: m.q };
    ends.set(facetLine(m), { lo: Math.min(e.lo, m.q), hi: Math.max(e.hi, m.q) });
  }
  const values = data.models.map((m) => {
    const qPlusOne = m.q === null ? "" : `q+1=${qPlusOneText(m.q, 4)}`;
    const e = m.q === null ? undefined : ends.get(facetLine(m));
    return {
      setting: m.setting, model: m.model, order: m.order, method: m.methodLabel, q: m.q ?? -1, qPlusOne,
      label: e && (m.q === e.lo || m.q === e.hi) ? qPlusOne : "",
      line: lineOf(m),
      mean: m.metrics.mean.mean, [y]: m.metrics[y].mean,
    };
  });
  const yTitle = y === "variance" ? "variance of agents' mean regrets" : "worst agent's mean regret";
  return {
    name: `front-${y}`,
    title: y === "variance" ? "Price of equity: mean regret against variance" : "Price of equity: mean regret against the worst agent",
    caption: `Each point: one model, means over seeds (hover for its values). Lines join a method's models in order of q (and β), labelled at their smallest and largest q+1; moving down costs what it moves right.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config,
      data: { values },
      ...facetBySetting(data.settings),
      spec: {
        width: 280,
        height: 240,
        encoding: {
          x: { field: "mean", type: "quantitative", title: "mean of agents' mean regrets", scale: { zero: false } },
          y: { field: y, type: "quantitative", title: yTitle, scale: { zero: false } },
          color: { field: "line", type: "nominal", title: "method" },
        },
        layer: [
          { mark: { type: "line", strokeWidth: 1.5 }, encoding: { order: { field: "q", type: "quantitative" } } },
          {
            mark: { type: "point", filled: true, size: 70 },
            encoding: {
              shape: { field: "method", type: "nominal", title: "model" },
              tooltip: [{ field: "model" }, { field: "mean", format: ".4g" }, { field: y, format: ".4g" }],
            },
          },
          { mark: { type: "text", dx: 8, dy: -7, fontSize: 10, align: "left" }, encoding: { text: { field: "label" } } },
        ],
      },
    },
  };
}

/** Each agent's regret change against Plain PM, agents ordered by their regret under Plain PM. */
function changeAgainstPlain(data: ReportData): ChartSpec {
  return {
    name: "change-vs-plain",
    title: "Per-agent regret change against Plain PM",
    caption: "Each agent's mean regret under a model minus under Plain PM (same seed), averaged over seeds; agents ordered from best to worst served by Plain PM. Below zero: the model serves that agent better.",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config,
      data: { values: data.changes },
      // One setting above the other: 50 agents need the width.
      ...facetBySetting(data.settings, "row"),
      spec: {
        width: 720,
        height: 170,
        layer: [
          { mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { y: { datum: 0, type: "quantitative" } } },
          {
            mark: { type: "line", point: { size: 25 }, strokeWidth: 1.2 },
            encoding: {
              x: { field: "rank", type: "quantitative", title: "agents, by regret under Plain PM (1 = best served)", scale: { nice: false } },
              y: { field: "change", type: "quantitative", title: "regret change vs Plain PM" },
              color: { field: "model", type: "nominal", title: "model", sort: { field: "order" } },
            },
          },
        ],
      },
    },
  };
}

/** The report's charts for the data at hand (the change chart needs Plain PM in the sweep). */
export function reportCharts(data: ReportData): ChartSpec[] {
  if (data.models.length === 0) return [];
  const charts = [regretDistribution(data), front(data, "variance"), front(data, "worst")];
  if (data.changes.length > 0) charts.push(changeAgainstPlain(data));
  return charts;
}
