import { canonicalJson } from "@equitable/core";
import { reportCharts } from "./charts.js";
import { renderSvg } from "./render-chart.js";
import { reportData, type ReportCell } from "./report-data.js";
import { reportHtml } from "./report-html.js";
import { simulationCharts } from "./simulation-charts.js";
import { roundCharts } from "./round-charts.js";
import type { RoundCsvRow } from "./rounds-csv.js";
import type { WeekRow } from "./weekly-equity-csv.js";

/** What a report is made of: the sweep's description and its cells as plain rows. */
export interface ReportInput {
  readonly sweep: {
    readonly name: string;
    readonly description: string;
    /** The sweep file, as the sweep was started with it. */
    readonly file: string;
    readonly codeVersion: string;
    readonly createdAt: string;
  };
  /** Every cell of the sweep in its expansion order, pending and failed ones included (they are counted). */
  readonly cells: readonly ReportCell[];
}

/**
 * The report of a sweep's rows as files (relative path → text): index.html, self-contained, and
 * each chart as charts/<name>.svg with its Vega-Lite spec beside it; with a live simulation's
 * weekly equity, its time series too; with a closed loop's rounds, theirs.
 */
export async function buildReport(input: ReportInput, extra: { simulation?: readonly WeekRow[]; rounds?: readonly RoundCsvRow[] } = {}): Promise<Map<string, string>> {
  const { sweep, cells } = input;
  const data = reportData(cells);
  const charts = await Promise.all([...reportCharts(data), ...simulationCharts(extra.simulation ?? []), ...roundCharts(extra.rounds ?? [])].map(async (c) => ({ ...c, svg: await renderSvg(c.spec) })));
  const counts = { done: 0, failed: 0, pending: 0 };
  // A cell failed for a fixable reason is a failure in the report too (it lists why).
  for (const c of cells) counts[c.status === "failed-retryable" ? "failed" : c.status]++;
  const failures = cells.filter((c) => c.status === "failed" || c.status === "failed-retryable").map((c) => ({ cell: `${c.scenarioName} ${c.label} seed ${c.seed} ${canonicalJson(c.params)}`, error: c.error ?? "" }));
  const files = new Map<string, string>();
  files.set("index.html", reportHtml({ name: sweep.name, description: sweep.description, file: sweep.file, codeVersion: sweep.codeVersion, createdAt: sweep.createdAt, counts, failures }, data, charts));
  for (const c of charts) {
    files.set(`charts/${c.name}.svg`, c.svg);
    files.set(`charts/${c.name}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
  }
  return files;
}
