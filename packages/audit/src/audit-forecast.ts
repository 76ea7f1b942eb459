import { createRandom, equityMetrics, type EquityMetrics } from "@equitable/core";
import { bootstrapDays, type Figure } from "./bootstrap.js";
import type { DecisionPlan } from "./decisions.js";
import { xiOfRows, type AuditAgents } from "./audit-agents.js";

/** The equity metrics an audit reports, in its tables' order. */
export const AUDIT_METRICS = ["mean", "variance", "c95MinusC5", "worst", "worstAlpha", "jain", "hNorm"] as const;

/** One of {@link AUDIT_METRICS}. */
export type AuditMetric = (typeof AUDIT_METRICS)[number];

/** Every audit metric with its bootstrap interval. */
export type MetricSet = Readonly<Record<AuditMetric, Figure>>;

/**
 * A forecast to audit, as a public model backed by what it published: its vector for each planned
 * decision (rows×steps). The published vintages, persistence, the perfect forecast and a recalibration
 * layer are all sources, so every one is scored by the same agents' regret machinery.
 */
export interface ForecastSource {
  readonly name: string;
  /** rows×steps forecasts of the plan's rows (or of `rows` of them, when given). */
  forecast(plan: DecisionPlan, rows?: Int32Array): Float64Array;
}

/** The published forecast, as issued. */
export const publishedSource: ForecastSource = { name: "published", forecast: (p, rows) => pick(p.published, p.steps, rows) };
/** Persistence: each target's latest outturn of the same time of day known at issue time ("yesterday's outturn"). */
export const persistenceSource: ForecastSource = { name: "persistence", forecast: (p, rows) => pick(p.persistence, p.steps, rows) };
/** The perfect forecast (the outturn itself): every regret is 0, a check of the machinery. */
export const perfectSource: ForecastSource = { name: "perfect", forecast: (p, rows) => pick(p.truth, p.steps, rows) };

function pick(values: Float64Array, steps: number, rows: Int32Array | undefined): Float64Array {
  if (!rows) return values;
  const out = new Float64Array(rows.length * steps);
  rows.forEach((r, i) => out.set(values.subarray(r * steps, (r + 1) * steps), i * steps));
  return out;
}

/**
 * Fairlearn's MetricFrame for one forecast and band: `overall` (all agents), `byGroup` (each agent
 * group), `difference` (largest minus smallest group value) and `ratio` (smallest over largest), every
 * figure with a bootstrap interval over decision days; plus the forecast's error against the outturn.
 */
export interface AuditFrame {
  readonly forecast: string;
  /** A band's name, or "all" (every band's decisions pooled). */
  readonly band: string;
  readonly decisions: number;
  readonly days: number;
  readonly overall: MetricSet;
  readonly byGroup: Readonly<Record<string, MetricSet>>;
  readonly difference: MetricSet;
  readonly ratio: MetricSet;
  /** Mean squared and absolute error against the outturn over the frame's decisions' steps. */
  readonly mse: Figure;
  readonly mae: Figure;
  /** Each agent's mean regret over the frame's decisions (the audit's regret distribution). */
  readonly agentMeans: Float64Array;
  /**
   * Overall metrics of this forecast minus the baseline's (the published forecast) on the same decisions,
   * with paired intervals (both evaluated on the same resampled days); absent for the baseline itself.
   */
  readonly change?: MetricSet;
}

/** Options of {@link auditForecast}. */
export interface AuditOptions {
  /** Worst-off fraction of worst-α. */
  readonly alpha: number;
  readonly resamples: number;
  /** Interval level, 0.95 for 95 %. */
  readonly level: number;
  /** Seeds the bootstrap: every forecast of one band resamples the same days (common random numbers). */
  readonly seed: number;
  /** Also pool every band's decisions into an "all" frame (default true when there are several bands). */
  readonly pooled?: boolean;
  /** The source every other is compared with, paired (`change`); default "published" when it is among the sources. */
  readonly baseline?: string;
}

/**
 * Audits forecasts on the planned decisions: every agent decides on each source's vector, pays its
 * regret under the outturn (its kind's own policy and cost), and each (source, band) gets an
 * {@link AuditFrame}. Restricting to `rows` audits a subset (the recalibration's test days).
 */
export function auditForecast(
  plan: DecisionPlan,
  agents: AuditAgents,
  sources: readonly ForecastSource[],
  opts: AuditOptions,
  rows?: Int32Array,
): AuditFrame[] {
  const all = rows ?? Int32Array.from({ length: plan.rows }, (_, r) => r);
  const scopes: { band: string; rows: Int32Array }[] = plan.bands.map((b, k) => ({ band: b.name, rows: all.filter((r) => plan.band[r] === k) }));
  if (opts.pooled ?? plan.bands.length > 1) scopes.push({ band: "all", rows: all });
  const m = agents.ids.length;
  const frames: AuditFrame[] = [];
  const truthAll = pick(plan.truth, plan.steps, all);
  const xiAll = xiOfRows(agents, Array.from(all, (r) => plan.day[r]));
  const index = new Map(Array.from(all, (r, i) => [r, i]));
  const regretsOf = (source: ForecastSource) => {
    const forecast = source.forecast(plan, all);
    return { forecast, regrets: agents.population.regrets(forecast, truthAll, xiAll, all.length) };
  };
  const baselineSource = sources.find((s) => s.name === (opts.baseline ?? "published"));
  const baseline = baselineSource ? regretsOf(baselineSource).regrets : undefined;
  for (const source of sources) {
    const { forecast, regrets } = regretsOf(source);
    for (const scope of scopes) {
      if (scope.rows.length === 0) continue;
      const paired = source === baselineSource ? undefined : baseline;
      frames.push(frameOf(plan, agents, source.name, scope, (r) => index.get(r)!, regrets, forecast, truthAll, m, opts, paired));
    }
  }
  return frames;
}

function frameOf(
  plan: DecisionPlan,
  agents: AuditAgents,
  name: string,
  scope: { band: string; rows: Int32Array },
  at: (row: number) => number,
  regrets: Float64Array,
  forecast: Float64Array,
  truth: Float64Array,
  m: number,
  opts: AuditOptions,
  baseline?: Float64Array,
): AuditFrame {
  const days = plan.days.length;
  const steps = plan.steps;
  // Per-day sufficient statistics: a resample only reweights days.
  const sums = new Float64Array(days * m);
  const baseSums = new Float64Array(baseline ? days * m : 0);
  const counts = new Float64Array(days);
  const sq = new Float64Array(days);
  const abs = new Float64Array(days);
  for (const r of scope.rows) {
    const d = plan.day[r];
    const i = at(r);
    counts[d]++;
    for (let j = 0; j < m; j++) sums[d * m + j] += regrets[i * m + j];
    if (baseline) for (let j = 0; j < m; j++) baseSums[d * m + j] += baseline[i * m + j];
    for (let k = 0; k < steps; k++) {
      const e = forecast[i * steps + k] - truth[i * steps + k];
      sq[d] += e * e;
      abs[d] += Math.abs(e);
    }
  }
  const used = Int32Array.from({ length: days }, (_, d) => d).filter((d) => counts[d] > 0);
  const groups = agents.groups;
  const means = new Float64Array(m);
  const baseMeans = new Float64Array(m);
  const figures = (weights: Float64Array): number[] => {
    means.fill(0);
    baseMeans.fill(0);
    let n = 0;
    let e2 = 0;
    let e1 = 0;
    for (let u = 0; u < used.length; u++) {
      const d = used[u];
      const w = weights[u];
      if (w === 0) continue;
      n += w * counts[d];
      e2 += w * sq[d];
      e1 += w * abs[d];
      for (let j = 0; j < m; j++) means[j] += w * sums[d * m + j];
      if (baseline) for (let j = 0; j < m; j++) baseMeans[j] += w * baseSums[d * m + j];
    }
    for (let j = 0; j < m; j++) {
      means[j] /= n;
      baseMeans[j] /= n;
    }
    const overall = pickMetrics(equityMetrics(means, opts.alpha));
    const byGroup = groups.map((g) => pickMetrics(equityMetrics(means.subarray(g.first, g.first + g.count), opts.alpha)));
    const difference = AUDIT_METRICS.map((_, k) => Math.max(...byGroup.map((b) => b[k])) - Math.min(...byGroup.map((b) => b[k])));
    const ratio = AUDIT_METRICS.map((_, k) => {
      const hi = Math.max(...byGroup.map((b) => b[k]));
      return hi === 0 ? Number.NaN : Math.min(...byGroup.map((b) => b[k])) / hi;
    });
    const change = baseline ? pickMetrics(equityMetrics(baseMeans, opts.alpha)).map((b, k) => overall[k] - b) : [];
    return [...overall, ...byGroup.flat(), ...difference, ...ratio, e2 / (n * steps), e1 / (n * steps), ...change];
  };
  const rng = createRandom(`${opts.seed}`).fork(`bootstrap/${scope.band}`);
  const out = bootstrapDays(used.length, figures, { resamples: opts.resamples, level: opts.level, rng });
  // Evaluated last on the data itself, so `means` holds the point estimate's agent means.
  figures(new Float64Array(used.length).fill(1));
  const agentMeans = Float64Array.from(means);
  const k = AUDIT_METRICS.length;
  const set = (offset: number): MetricSet =>
    Object.fromEntries(AUDIT_METRICS.map((name, i) => [name, out[offset + i]])) as unknown as MetricSet;
  return {
    forecast: name,
    band: scope.band,
    decisions: scope.rows.length,
    days: used.length,
    overall: set(0),
    byGroup: Object.fromEntries(groups.map((g, i) => [g.name, set(k * (1 + i))])),
    difference: set(k * (1 + groups.length)),
    ratio: set(k * (2 + groups.length)),
    mse: out[k * (3 + groups.length)],
    mae: out[k * (3 + groups.length) + 1],
    agentMeans,
    ...(baseline ? { change: set(k * (3 + groups.length) + 2) } : {}),
  };
}

function pickMetrics(e: EquityMetrics): number[] {
  return AUDIT_METRICS.map((name) => e[name]);
}
