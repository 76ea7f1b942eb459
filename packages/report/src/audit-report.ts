import type { TopLevelSpec } from "vega-lite";
import type { ChartSpec } from "./charts.js";
import { renderSvg } from "./render-chart.js";
import { escapeHtml, formatNumber } from "./report-html.js";

/** A figure with its bootstrap interval. */
export interface AuditReportFigure {
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
}

/** One forecast in one band, as an audit's rows give it (the subset of `@equitable/audit`'s frame a report reads). */
export interface AuditReportFrame {
  readonly forecast: string;
  readonly band: string;
  readonly decisions: number;
  readonly days: number;
  readonly overall: Readonly<Record<string, AuditReportFigure>>;
  readonly byGroup: Readonly<Record<string, Readonly<Record<string, AuditReportFigure>>>>;
  readonly difference: Readonly<Record<string, AuditReportFigure>>;
  readonly ratio: Readonly<Record<string, AuditReportFigure>>;
  readonly mae: AuditReportFigure;
  readonly mse: AuditReportFigure;
  readonly agentMeans: Readonly<Record<string, number>>;
}

/** What an audit report is made of: plain rows, as audit.json holds them. */
export interface AuditReportInput {
  readonly scenario: string;
  readonly description: string;
  readonly bootstrap: { readonly resamples: number; readonly level: number };
  readonly alpha: number;
  readonly decision: { readonly steps: number; readonly days: number; readonly bands: readonly { readonly name: string; readonly decisions: number; readonly skipped: object }[] };
  readonly groups: readonly { readonly name: string; readonly agents: readonly string[] }[];
  readonly frames: readonly AuditReportFrame[];
  readonly recalibration: null | {
    readonly firstTestDay: string;
    readonly testDecisions: number;
    readonly models: readonly { readonly name: string; readonly method: string; readonly seed: number; readonly trainedOn: string }[];
    readonly frames: readonly AuditReportFrame[];
    /** How each method's setting was chosen on the validation days (absent in audits written before it existed). */
    readonly firstValidationDay?: string;
    readonly selection?: readonly {
      readonly method: string;
      readonly seed: number;
      readonly criterion: string;
      /** q is the paper's q (the exponent is q + 1); null where the method has none. */
      readonly candidates: readonly { readonly setting: { readonly q: number | null; readonly beta: number | null; readonly warmStart: boolean; readonly epochs: number }; readonly validation: number }[];
      readonly chosen: number;
    }[];
  };
}

function selectionTable(rec: NonNullable<AuditReportInput["recalibration"]>): string {
  if (!rec.selection?.length) return "";
  const setting = (c: { q: number | null; beta: number | null; warmStart: boolean; epochs: number }) =>
    [c.q === null ? null : `q ${c.q} (exponent ${c.q + 1})`, c.beta === null ? null : `β ${c.beta}`, c.warmStart ? "from Plain" : "cold", `${c.epochs} epochs`].filter(Boolean).join(", ");
  const rows = rec.selection.map((s) => `<tr><td>${escapeHtml(s.method)}</td><td>${s.seed}</td><td>${escapeHtml(s.criterion)}</td><td>${escapeHtml(setting(s.candidates[s.chosen].setting))}</td><td>${escapeHtml(s.candidates.map((c, k) => `${k === s.chosen ? "*" : ""}${formatNumber(c.validation)}`).join(" / "))}</td></tr>`);
  return `<h3>Setting chosen on validation days${rec.firstValidationDay ? ` (from ${escapeHtml(rec.firstValidationDay)}, before the test days)` : ""}</h3>
<table><thead><tr><th>method</th><th>seed</th><th>criterion</th><th>chosen setting</th><th>every candidate's validation (* chosen)</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

const METRICS: readonly [string, string][] = [
  ["mean", "Mean"], ["worst", "Worst"], ["worstAlpha", "Worst-α"], ["variance", "Variance"], ["c95MinusC5", "C95−C5"], ["jain", "Jain"], ["hNorm", "H<sub>norm</sub>"],
];

const FONT = { font: "Helvetica, Arial, sans-serif", labelFont: "Helvetica, Arial, sans-serif", titleFont: "Helvetica, Arial, sans-serif" };
const config = { axis: { ...FONT, labelFontSize: 11, titleFontSize: 12 }, legend: { ...FONT, orient: "bottom" as const, columns: 3, labelLimit: 0 }, view: { stroke: "#ddd" } };

function fig(f: AuditReportFigure | undefined): string {
  return f ? `${formatNumber(f.value)} [${formatNumber(f.lo)}, ${formatNumber(f.hi)}]` : "–";
}

function groupedTable(frames: readonly AuditReportFrame[], band: string): string {
  const rows: string[] = [];
  for (const f of frames.filter((x) => x.band === band)) {
    const line = (who: string, set: Readonly<Record<string, AuditReportFigure>>) =>
      rows.push(`<tr><td>${escapeHtml(f.forecast)}</td><td>${escapeHtml(who)}</td>${METRICS.map(([k]) => `<td>${escapeHtml(fig(set[k]))}</td>`).join("")}</tr>`);
    line("overall", f.overall);
    for (const [g, set] of Object.entries(f.byGroup)) line(g, set);
    line("difference()", f.difference);
    line("ratio()", f.ratio);
  }
  return `<table><thead><tr><th>Forecast</th><th>Agents</th>${METRICS.map(([, t]) => `<th>${t}</th>`).join("")}</tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}

function bandTable(frames: readonly AuditReportFrame[]): string {
  const rows = frames.map((f) => `<tr>${[f.forecast, f.band, String(f.decisions), String(f.days), fig(f.overall.mean), fig(f.overall.worst), fig(f.overall.worstAlpha), fig(f.mae)].map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`);
  return `<table><thead><tr><th>Forecast</th><th>Band</th><th>Decisions</th><th>Days</th><th>Mean regret</th><th>Worst</th><th>Worst-α</th><th>MAE</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}

/** Each group's mean regret per horizon band under each forecast but the perfect one, with its interval. */
function regretByHorizon(input: AuditReportInput): ChartSpec {
  const values = input.frames
    .filter((f) => f.forecast !== "perfect" && f.band !== "all")
    .flatMap((f) => Object.entries(f.byGroup).map(([group, set]) => ({ forecast: f.forecast, band: f.band, group, mean: set.mean.value, lo: set.mean.lo, hi: set.mean.hi })));
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config,
    data: { values },
    facet: { column: { field: "forecast", type: "nominal", title: null } },
    spec: {
      width: 260,
      height: 220,
      layer: [
        { mark: { type: "line", point: true }, encoding: { x: { field: "band", type: "ordinal", title: "horizon band" }, y: { field: "mean", type: "quantitative", title: "group's mean regret" }, color: { field: "group", type: "nominal" } } },
        { mark: "rule", encoding: { x: { field: "band", type: "ordinal" }, y: { field: "lo", type: "quantitative" }, y2: { field: "hi" }, color: { field: "group", type: "nominal" } } },
      ],
    },
  };
  return { name: "regret-by-horizon", title: "Regret by horizon band", caption: `Each agent group's mean regret in each horizon band, with its ${Math.round(100 * input.bootstrap.level)} % bootstrap interval over decision days.`, spec };
}

/** Every agent's mean regret under each other forecast minus under the published one (recalibrations: their test days, mean over seeds). */
function changeAgainstRaw(input: AuditReportInput): ChartSpec {
  const groupOf = new Map(input.groups.flatMap((g) => g.agents.map((a) => [a, g.name] as const)));
  const values: { forecast: string; agent: string; group: string; change: number }[] = [];
  const add = (frames: readonly AuditReportFrame[], label: (f: AuditReportFrame) => string | undefined) => {
    const raw = frames.find((f) => f.forecast === "published" && f.band === "all") ?? frames.find((f) => f.forecast === "published");
    if (!raw) return;
    const sums = new Map<string, { s: Map<string, number>; n: number }>();
    for (const f of frames.filter((x) => x.band === raw.band)) {
      const name = label(f);
      if (!name) continue;
      const e = sums.get(name) ?? { s: new Map<string, number>(), n: 0 };
      e.n++;
      for (const [a, v] of Object.entries(f.agentMeans)) e.s.set(a, (e.s.get(a) ?? 0) + v);
      sums.set(name, e);
    }
    for (const [name, { s, n }] of sums) for (const [a, v] of s) values.push({ forecast: name, agent: a, group: groupOf.get(a) ?? "", change: v / n - raw.agentMeans[a] });
  };
  add(input.frames, (f) => (f.forecast === "persistence" ? "persistence (whole period)" : undefined));
  if (input.recalibration) {
    const methodOf = new Map(input.recalibration.models.map((m) => [m.name, m.method]));
    add(input.recalibration.frames, (f) => (methodOf.has(f.forecast) ? `recalibrated: ${methodOf.get(f.forecast)} (test days)` : undefined));
  }
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config,
    data: { values },
    facet: { row: { field: "forecast", type: "nominal", title: null, header: { labelAngle: 0, labelAlign: "left", labelOrient: "top", labelLimit: 0 } } },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 700,
      height: 140,
      mark: "bar",
      encoding: {
        x: { field: "agent", type: "nominal", sort: null, axis: { labelAngle: -90, labelFontSize: 8 } },
        y: { field: "change", type: "quantitative", title: "Δ mean regret vs published" },
        color: { field: "group", type: "nominal" },
      },
    },
  };
  return { name: "change-against-raw", title: "Per-agent change against the raw forecast", caption: "Each agent's mean regret under a forecast minus under the published one over the same decisions (below 0: the agent is better off).", spec };
}

/** Each agent's mean regret under the published forecast, by group: the distribution the audit's metrics summarise. */
function distribution(input: AuditReportInput): ChartSpec {
  const groupOf = new Map(input.groups.flatMap((g) => g.agents.map((a) => [a, g.name] as const)));
  const raw = input.frames.find((f) => f.forecast === "published" && f.band === "all") ?? input.frames.find((f) => f.forecast === "published");
  const values = raw ? Object.entries(raw.agentMeans).map(([agent, v]) => ({ agent, group: groupOf.get(agent) ?? "", regret: v })) : [];
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config,
    data: { values },
    width: 500,
    height: 220,
    mark: { type: "tick", thickness: 2 },
    encoding: {
      y: { field: "group", type: "nominal", title: null, axis: { labelLimit: 0 } },
      x: { field: "regret", type: "quantitative", title: "agent's mean regret (published forecast)" },
      color: { field: "group", type: "nominal", legend: null },
    },
  };
  return { name: "regret-distribution", title: "Agents' mean regrets under the published forecast", caption: "One tick per agent, by group.", spec };
}

/**
 * The report of an audit as files (relative path → text): index.html (the grouped table, regret by
 * horizon band, the recalibration's table, charts inline) and each chart as SVG with its Vega-Lite spec.
 */
export async function buildAuditReport(input: AuditReportInput): Promise<Map<string, string>> {
  const charts = await Promise.all([distribution(input), regretByHorizon(input), changeAgainstRaw(input)].map(async (c) => ({ ...c, svg: await renderSvg(c.spec) })));
  const pooled = input.frames.some((f) => f.band === "all") ? "all" : input.decision.bands[0]?.name ?? "";
  const level = Math.round(100 * input.bootstrap.level);
  const skips = input.decision.bands.map((b) => `<li>${escapeHtml(b.name)}: ${b.decisions} decisions; skipped ${escapeHtml(Object.entries(b.skipped).filter(([, v]) => typeof v === "number").map(([k, v]) => `${k} ${String(v)}`).join(", "))}</li>`).join("");
  const rec = input.recalibration
    ? `<h2>Equitable recalibration (test days from ${escapeHtml(input.recalibration.firstTestDay)}, ${input.recalibration.testDecisions} decisions)</h2>
<p class="meta">Each recalibrated model of each seed, and the baselines, on the same test days; ${level} % bootstrap intervals. Trained on: ${escapeHtml([...new Set(input.recalibration.models.map((m) => `${m.method}: ${m.trainedOn}`))].join("; "))}.</p>
${groupedTable(input.recalibration.frames, pooled)}
${selectionTable(input.recalibration)}`
    : "";
  const figures = charts.map((c) => `<figure id="${escapeHtml(c.name)}"><h3>${escapeHtml(c.title)}</h3>
${c.svg}
<figcaption>${escapeHtml(c.caption)} (<a href="charts/${escapeHtml(c.name)}.svg">SVG</a>, <a href="charts/${escapeHtml(c.name)}.vl.json">Vega-Lite spec</a>)</figcaption></figure>`);
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Audit ${escapeHtml(input.scenario)}</title><style>body{font-family:Helvetica,Arial,sans-serif;margin:2rem auto;max-width:1800px;padding:0 1rem;color:#222}
table{border-collapse:collapse;font-size:.85rem;margin-bottom:1rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right}th:first-child,td:first-child,td:nth-child(2){text-align:left}
thead{background:#f4f4f4}.meta{color:#555;font-size:.9rem}figure{margin:1.2rem 0;overflow-x:auto}figcaption{color:#555;font-size:.85rem}</style></head>
<body>
<h1>Audit <code>${escapeHtml(input.scenario)}</code></h1>
<p>${escapeHtml(input.description)}</p>
<p class="meta">${input.decision.days} decision days of ${input.decision.steps} steps; figures are over agents' mean regrets, each with a ${level} % percentile-bootstrap interval over decision days (${input.bootstrap.resamples} resamples); worst-α: the worst ${Number((100 * input.alpha).toPrecision(3))} % of agents; difference() and ratio(): largest minus smallest, and smallest over largest, between groups (Fairlearn's between_groups).</p>
<ul class="meta">${skips}</ul>
<h2>By agent group (${escapeHtml(pooled)})</h2>
${groupedTable(input.frames, pooled)}
<h2>By horizon band</h2>
${bandTable(input.frames)}
${rec}
<h2>Charts</h2>
${figures.join("\n")}
</body></html>
`;
  const files = new Map<string, string>([["index.html", html]]);
  for (const c of charts) {
    files.set(`charts/${c.name}.svg`, c.svg);
    files.set(`charts/${c.name}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
  }
  return files;
}
