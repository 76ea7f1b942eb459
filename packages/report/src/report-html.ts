import type { MeanCi } from "@equitable/core";
import type { ChartSpec } from "./charts.js";
import { qPlusOneText, type ReportData } from "./report-data.js";

/** What the report says about the sweep beside the data. */
export interface ReportMeta {
  readonly name: string;
  readonly description: string;
  readonly file: string;
  readonly codeVersion: string;
  readonly createdAt: string;
  readonly counts: { done: number; failed: number; pending: number };
  readonly failures: { cell: string; error: string }[];
}

/** Text made safe for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * Any value as HTML text, escaped: the report's values come from a results database that anyone may
 * have written (a text β in a REAL column is valid SQLite), so nothing is interpolated raw.
 */
function html(value: unknown): string {
  return escapeHtml(String(value));
}

/** A number as the tables print it: 4 significant digits, exponent form for the very small or large. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : v.toPrecision(4);
}

function cellText(m: MeanCi): string {
  return Number.isNaN(m.halfWidth) ? formatNumber(m.mean) : `${formatNumber(m.mean)} ± ${formatNumber(m.halfWidth)}`;
}

const COLUMNS = [
  ["variance", "Variance"], ["mean", "Mean"], ["c95MinusC5", "C95−C5"], ["worst", "Worst"], ["worstAlpha", "Worst-α"], ["jain", "Jain"], ["hNorm", "H<sub>norm</sub>"], ["mse", "MSE"],
] as const;

/** Table 1's layout per setting: mean ± 95 % CI over seeds per model. */
function tables(data: ReportData): string {
  return data.settings.map((setting) => {
    const rows = data.models.filter((m) => m.setting === setting).map((m) => `<tr><td>${html(m.variant === null ? m.methodLabel : `${m.methodLabel} (${m.variant})`)}</td><td>${html(m.q ?? "–")}</td><td>${html(m.q === null ? "–" : qPlusOneText(m.q, 6))}</td><td>${html(m.beta ?? "–")}</td><td>${m.seeds.length}</td>${COLUMNS.map(([k]) => `<td>${html(cellText(m.metrics[k]))}</td>`).join("")}</tr>`);
    return `<h3>${html(setting)}</h3>
<table><thead><tr><th>Method</th><th>q</th><th>q+1</th><th>β</th><th>seeds</th>${COLUMNS.map(([, t]) => `<th>${t}</th>`).join("")}</tr></thead>
<tbody>${rows.join("\n")}</tbody></table>`;
  }).join("\n");
}

const STYLE = `body{font-family:Helvetica,Arial,sans-serif;margin:2rem auto;max-width:1800px;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}h3{font-size:1rem;margin:1.4rem 0 .4rem}
table{border-collapse:collapse;font-size:.85rem;margin-bottom:1rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}
thead{background:#f4f4f4}.meta{color:#555;font-size:.9rem}figure{margin:1.2rem 0;overflow-x:auto}figcaption{color:#555;font-size:.85rem;max-width:70rem}code{background:#f4f4f4;padding:0 .2rem}`;

/** The whole report as one self-contained HTML page: tables, inline SVG charts, no script, no external file. */
export function reportHtml(meta: ReportMeta, data: ReportData, charts: readonly (ChartSpec & { svg: string })[]): string {
  const { done, failed, pending } = meta.counts;
  const failures = meta.failures.length
    ? `<h2>Failed cells</h2><table><thead><tr><th>Cell</th><th>Error</th></tr></thead><tbody>${meta.failures.map((f) => `<tr><td>${html(f.cell)}</td><td>${html(f.error)}</td></tr>`).join("")}</tbody></table>`
    : "";
  // c.svg is vega's own SVG markup, which escapes the labels and titles it draws (the spec checks it in a browser).
  const figures = charts.map((c) => `<figure id="${html(c.name)}" class="chart"><h3>${html(c.title)}</h3>
${c.svg}
<figcaption>${html(c.caption)} (<a href="charts/${html(encodeURIComponent(c.name))}.svg">SVG</a>, <a href="charts/${html(encodeURIComponent(c.name))}.vl.json">Vega-Lite spec</a>)</figcaption></figure>`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Sweep ${html(meta.name)}</title><style>${STYLE}</style></head>
<body>
<h1>Sweep <code>${html(meta.name)}</code></h1>
<p>${html(meta.description)}</p>
<p class="meta">Sweep file ${html(meta.file)} · code ${html(meta.codeVersion)} · started ${html(meta.createdAt)} · cells: ${html(done)} done, ${html(failed)} failed, ${html(pending)} pending</p>
<p class="meta">Metrics are over the agents' mean regrets on the test split. q is the paper's q: the Equitable Objective raises mean regrets to the power q+1 (q+1 = 1 is total regret). Cells show mean ± 95 % confidence half-width over seeds (Student t).</p>
<h2>Equity of agents' mean regrets (Table 1 layout)</h2>
${data.settings.length ? tables(data) : "<p>No finished cells yet.</p>"}
<h2>Charts</h2>
${figures.join("\n") || "<p>No finished cells yet.</p>"}
${failures}
</body></html>
`;
}
