import { canonicalJson } from "../canonical-json.js";
import type { ResultsDb } from "../results-db.js";
import { reportCharts } from "./charts.js";
import { renderSvg } from "./render-chart.js";
import { reportData, type ReportCell } from "./report-data.js";
import { reportHtml } from "./report-html.js";
import { simulationCharts, type WeekRow } from "./simulation-charts.js";

/**
 * The report of a results database as files (relative path → text): index.html, self-contained,
 * and each chart as charts/<name>.svg with its Vega-Lite spec beside it; with a live simulation's
 * weekly equity, its time series too.
 */
export async function buildReport(db: ResultsDb, extra: { simulation?: readonly WeekRow[] } = {}): Promise<Map<string, string>> {
  const sweep = db.sweep();
  const regrets = db.agentRegrets();
  const cells: ReportCell[] = db.cells().map((c) => ({ ...c, agentIds: regrets.get(c.id)?.agentIds ?? [], regrets: regrets.get(c.id)?.regrets ?? [] }));
  const data = reportData(cells);
  const charts = await Promise.all([...reportCharts(data), ...simulationCharts(extra.simulation ?? [])].map(async (c) => ({ ...c, svg: await renderSvg(c.spec) })));
  const config = sweep.config as { description?: string };
  const failures = cells.filter((c) => c.status === "failed").map((c) => ({ cell: `${c.scenarioName} ${c.label} seed ${c.seed} ${canonicalJson(c.params)}`, error: c.error ?? "" }));
  const files = new Map<string, string>();
  files.set("index.html", reportHtml({ name: sweep.name, description: config.description ?? "", file: sweep.file, codeVersion: sweep.codeVersion, createdAt: sweep.createdAt, counts: db.counts(), failures }, data, charts));
  for (const c of charts) {
    files.set(`charts/${c.name}.svg`, c.svg);
    files.set(`charts/${c.name}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
  }
  return files;
}
