import { meanCi95, trainingMethods, type MeanCi } from "@equitable/core";

/** The equity metrics a cell row carries, over its agents' mean regrets on the test split. */
export const REPORT_METRICS = ["variance", "mean", "c95MinusC5", "mse", "hNorm", "worst", "worstAlpha", "jain"] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

/**
 * One cell of a sweep as the report reads it: a plain row (`@equitable/sweep`'s
 * `ResultsDb.cellRows()` gives them), its parameters, status, metrics and per-agent mean regrets.
 */
export interface ReportCell {
  readonly id: string;
  /** The scenario as the sweep file names it. */
  readonly scenario: string;
  /** The scenario's name field. */
  readonly scenarioName: string;
  readonly method: string;
  /** The cell's job label (`equitable-q+1=3`, `irwo-local-alpha=0.2`): what tells two models of one method apart. */
  readonly label: string;
  readonly q: number | null;
  readonly beta: number | null;
  readonly seed: number;
  readonly epochs: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly status: "pending" | "done" | "failed" | "failed-retryable";
  /** Null unless done. */
  readonly metrics: Readonly<Record<ReportMetric, number>> | null;
  readonly error: string | null;
  /** Each agent's id and mean regret (empty unless done). */
  readonly agentIds: readonly string[];
  readonly regrets: readonly number[];
}

/** One model of a setting, over its seeds: Table 1's row. */
export interface ModelSummary {
  readonly setting: string;
  readonly model: string;
  /** Sort position of the model within its setting (Plain PM first, then by method, β, q). */
  readonly order: number;
  readonly method: string;
  readonly methodLabel: string;
  /** The cells' job label: a model is one job of a setting. */
  readonly label: string;
  /**
   * The job label again when the method's label, q and β do not tell this model from another of
   * the same method (IRWO on cosine and on euclidean distances): the name, table and lines add it.
   */
  readonly variant: string | null;
  readonly q: number | null;
  readonly beta: number | null;
  readonly seeds: number[];
  readonly metrics: Record<ReportMetric, MeanCi>;
}

/** Rows for the report's charts and tables. */
export interface ReportData {
  readonly settings: string[];
  readonly models: ModelSummary[];
  /** Each agent's mean regret in each finished cell (Figures 2/3's distributions). */
  readonly regrets: { setting: string; model: string; order: number; seed: number; agent: string; regret: number }[];
  /** Each agent's regret change against Plain PM of the same setting and seed, averaged over seeds. */
  readonly changes: { setting: string; model: string; order: number; agent: string; rank: number; change: number; plain: number }[];
  /** Whether β varies within a setting (then it is part of the model's name). */
  readonly betaVaries: boolean;
}

/** Which setting a cell belongs to: its scenario, params, and its epochs when the sweep has several. */
function settingOf(cell: ReportCell, epochsVary: boolean): string {
  const params = Object.entries(cell.params).map(([p, v]) => `${p}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  if (epochsVary) params.push(`epochs=${cell.epochs}`);
  return params.length ? `${cell.scenarioName} (${params.join(", ")})` : cell.scenarioName;
}

/**
 * q + 1 to `digits` significant digits. A q that is not a number (a database written by hand: a
 * REAL column holds text too) is shown as it is, never computed with.
 */
export function qPlusOneText(q: unknown, digits: number): string {
  return typeof q === "number" ? String(+(q + 1).toPrecision(digits)) : `${String(q)} + 1`;
}

/** The method's label with q + 1, and β when β varies: Table 1's name of a model. */
function baseName(cell: ReportCell, betaVaries: boolean): string {
  const label = trainingMethods.get(cell.method)?.label ?? cell.method;
  const q = cell.q === null ? "" : ` q+1=${qPlusOneText(cell.q, 6)}`;
  const beta = betaVaries && cell.beta !== null ? ` β=${cell.beta}` : "";
  return `${label}${q}${beta}`;
}

/** A finished cell's model: its name, and its job label when the name alone would not tell it apart. */
type ModelOf = (cell: ReportCell) => { readonly name: string; readonly variant: string | null };

/**
 * Names the models of the finished cells. A model is a job (a cell label) of a setting; its name is
 * Table 1's (method, q+1, β), unless cells of other labels share that name (one method with
 * different options: IRWO on cosine and on euclidean distances), when each adds its label in
 * parentheses, so that they stay separate rows, boxes and lines.
 */
function modelNamer(done: readonly ReportCell[], betaVaries: boolean): ModelOf {
  const labels = new Map<string, Set<string>>();
  for (const c of done) {
    const base = baseName(c, betaVaries);
    labels.set(base, (labels.get(base) ?? new Set()).add(c.label));
  }
  return (c) => {
    const base = baseName(c, betaVaries);
    return labels.get(base)!.size > 1 ? { name: `${base} (${c.label})`, variant: c.label } : { name: base, variant: null };
  };
}

/** Same scenario, params, seed and epochs: the cells that share a world and a Plain PM. */
const worldKey = (c: ReportCell) => JSON.stringify([c.scenario, c.params, c.seed, c.epochs]);

/** Aggregates the finished cells of a sweep into the report's tables and chart data. */
export function reportData(cells: readonly ReportCell[]): ReportData {
  const done = cells.filter((c) => c.status === "done" && c.metrics);
  const epochsVary = new Set(cells.map((c) => c.epochs)).size > 1;
  const betaVaries = new Set(cells.filter((c) => c.beta !== null).map((c) => c.beta)).size > 1;
  const settings = [...new Set(done.map((c) => settingOf(c, epochsVary)))];
  const modelOf = modelNamer(done, betaVaries);
  const modelName = (c: ReportCell) => modelOf(c).name;
  // Plain PM first, then by method, β and q.
  const sortKey = (c: ReportCell) => [c.method === "plain" ? 0 : 1, c.method, c.beta ?? -1, c.q ?? -1] as const;
  const byModel = new Map<string, ReportCell[]>();
  for (const c of done) {
    // Keyed by the model's name, which tells jobs (cell labels) apart: one row per job, never two merged.
    const key = JSON.stringify([settingOf(c, epochsVary), modelName(c)]);
    byModel.set(key, [...(byModel.get(key) ?? []), c]);
  }
  const groups = [...byModel.values()].sort((a, b) => {
    const [x, y] = [sortKey(a[0]), sortKey(b[0])];
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
    return 0;
  });
  const order = new Map<string, number>();
  for (const g of groups) {
    const name = modelName(g[0]);
    if (!order.has(name)) order.set(name, order.size);
  }
  const models: ModelSummary[] = groups.map((g) => ({
    setting: settingOf(g[0], epochsVary),
    model: modelName(g[0]),
    order: order.get(modelName(g[0]))!,
    method: g[0].method,
    methodLabel: trainingMethods.get(g[0].method)?.label ?? g[0].method,
    label: g[0].label,
    variant: modelOf(g[0]).variant,
    q: g[0].q,
    beta: g[0].beta,
    seeds: g.map((c) => c.seed),
    metrics: Object.fromEntries(REPORT_METRICS.map((m) => [m, meanCi95(g.map((c) => c.metrics![m]))])) as ModelSummary["metrics"],
  }));
  models.sort((a, b) => settings.indexOf(a.setting) - settings.indexOf(b.setting) || a.order - b.order);
  const regrets = done.flatMap((c) =>
    c.regrets.map((regret, k) => ({ setting: settingOf(c, epochsVary), model: modelName(c), order: order.get(modelName(c))!, seed: c.seed, agent: c.agentIds[k], regret })),
  );
  return { settings, models, regrets, changes: changesAgainstPlain(done, epochsVary, modelName, order), betaVaries };
}

/** Per agent: mean over seeds of (the model's regret − Plain PM's regret in the same world). */
function changesAgainstPlain(done: readonly ReportCell[], epochsVary: boolean, modelName: (c: ReportCell) => string, order: Map<string, number>): ReportData["changes"] {
  const plainOf = new Map(done.filter((c) => c.method === "plain").map((c) => [worldKey(c), c]));
  const sums = new Map<string, { setting: string; model: string; agent: string; change: number; plain: number; n: number }>();
  for (const c of done) {
    const plain = plainOf.get(worldKey(c));
    if (c.method === "plain" || !plain) continue;
    c.regrets.forEach((r, k) => {
      const key = JSON.stringify([settingOf(c, epochsVary), modelName(c), c.agentIds[k]]);
      const e = sums.get(key) ?? { setting: settingOf(c, epochsVary), model: modelName(c), agent: c.agentIds[k], change: 0, plain: 0, n: 0 };
      e.change += r - plain.regrets[k];
      e.plain += plain.regrets[k];
      e.n++;
      sums.set(key, e);
    });
  }
  const rows = [...sums.values()].map((e) => ({ setting: e.setting, model: e.model, order: order.get(e.model)!, agent: e.agent, change: e.change / e.n, plain: e.plain / e.n }));
  // Agents ranked by their regret under Plain PM within each setting (0 = best served).
  const rankOf = new Map<string, number>();
  for (const setting of new Set(rows.map((r) => r.setting))) {
    const plainBy = new Map<string, number>();
    for (const r of rows) if (r.setting === setting) plainBy.set(r.agent, r.plain);
    [...plainBy.entries()].sort((a, b) => a[1] - b[1]).forEach(([agent], k) => rankOf.set(JSON.stringify([setting, agent]), k + 1));
  }
  return rows.map((r) => ({ ...r, rank: rankOf.get(JSON.stringify([r.setting, r.agent]))! }));
}
