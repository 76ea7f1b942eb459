import type { AgentPopulation, ContextSeries, PublicModel } from "@equitable/core";
import { packBatch } from "@equitable/simulator";

/** What {@link measureDisagreement} found: what each agent wants from the forecast, and how much a shared one costs them. */
export interface Disagreement {
  /** The probe grid: forecast ŷ + Q_τ(residual) per step, for these τ. */
  readonly taus: Float64Array;
  /** τ*_m: the probe each agent's regret is least at. */
  readonly bestTau: Float64Array;
  /** Each agent's mean regret at its own τ*_m. */
  readonly atBest: Float64Array;
  /** Each agent's mean regret at the consensus τ̂ (the probe of least total regret). */
  readonly atConsensus: Float64Array;
  /** τ̂. */
  readonly consensusTau: number;
  /** Σ_m (R_m(τ̂) − R_m(τ*_m)) / Σ_m R_m(τ̂): the share of regret that one shared forecast costs the agents, within the probe family. */
  readonly index: number;
  /** max_m τ*_m − min_m τ*_m. */
  readonly spread: number;
  /** Whether the index is under the threshold: one forecast serves everyone, q has (almost) nothing to trade. */
  readonly agrees: boolean;
  /** The threshold used. */
  readonly threshold: number;
}

/** Options of {@link measureDisagreement}. */
export interface DisagreementOptions {
  /** Probe quantiles; default 0.02, 0.05, 0.1, …, 0.9, 0.95, 0.98. */
  readonly taus?: readonly number[];
  /** Index below which agents are said to agree; default 0.02 (2 % of regret). */
  readonly threshold?: number;
  /** Rows per forecast and regret call; default 1024. */
  readonly batchSize?: number;
}

const DEFAULT_TAUS = [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98];

function quantile(sorted: Float64Array, tau: number): number {
  const pos = tau * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Do the agents want different forecasts? On the given rows (the train split), the model's
 * forecast is moved to each residual quantile, ŷ_h + Q_τ(y_h − ŷ_h) per step h, and every agent's
 * mean regret is measured under each τ. If one τ̂ is (nearly) best for everyone — as it is for
 * costs affine in the signal, where every agent wants E[y | x] (docs/design.md) — no objective of
 * agents' regrets can trade one agent against another, whatever q. The index is the share of
 * regret the agents would save with forecasts of their own, from measured regrets only.
 */
export async function measureDisagreement(
  model: PublicModel,
  series: ContextSeries,
  rows: Int32Array,
  population: AgentPopulation,
  options: DisagreementOptions = {},
): Promise<Disagreement> {
  const taus = Float64Array.from(options.taus ?? DEFAULT_TAUS);
  const threshold = options.threshold ?? 0.02;
  const batch = options.batchSize ?? 1024;
  const h = series.horizon;
  const m = population.ids.length;
  const rowXi = series.agents * series.xiWidth;
  const n = rows.length;
  const { x, y, xi } = packBatch(series, rows);
  const forecast = new Float64Array(n * h);
  for (let s = 0; s < n; s += batch) {
    const size = Math.min(batch, n - s);
    const rowsX = x.subarray(s * series.window, (s + size) * series.window);
    forecast.set(model.predictAsync ? await model.predictAsync(rowsX, size) : model.predict(rowsX, size), s * h);
  }
  // Residual quantiles per step: the probe keeps the forecast's shape, moving each step's level.
  const perStep: Float64Array[] = [];
  for (let k = 0; k < h; k++) {
    const res = new Float64Array(n);
    for (let i = 0; i < n; i++) res[i] = y[i * h + k] - forecast[i * h + k];
    res.sort();
    perStep.push(Float64Array.from(taus, (t) => quantile(res, t)));
  }
  const byTau: Float64Array[] = [];
  taus.forEach((_, ti) => {
    const sums = new Float64Array(m);
    const moved = new Float64Array(batch * h);
    for (let s = 0; s < n; s += batch) {
      const size = Math.min(batch, n - s);
      for (let i = 0; i < size; i++) for (let k = 0; k < h; k++) moved[i * h + k] = forecast[(s + i) * h + k] + perStep[k][ti];
      const c = population.regrets(moved.subarray(0, size * h), y.subarray(s * h, (s + size) * h), xi.subarray(s * rowXi, (s + size) * rowXi), size);
      for (let i = 0; i < size; i++) for (let j = 0; j < m; j++) sums[j] += c[i * m + j];
    }
    for (let j = 0; j < m; j++) sums[j] /= n;
    byTau.push(sums);
  });
  const totals = byTau.map((r) => r.reduce((a, b) => a + b, 0));
  const consensus = totals.indexOf(Math.min(...totals));
  const bestTau = new Float64Array(m);
  const atBest = new Float64Array(m);
  const atConsensus = Float64Array.from(byTau[consensus]);
  for (let j = 0; j < m; j++) {
    let best = 0;
    for (let ti = 1; ti < taus.length; ti++) if (byTau[ti][j] < byTau[best][j]) best = ti;
    bestTau[j] = taus[best];
    atBest[j] = byTau[best][j];
  }
  const total = atConsensus.reduce((a, b) => a + b, 0);
  const saved = atConsensus.reduce((a, v, j) => a + (v - atBest[j]), 0);
  const index = total > 0 ? saved / total : 0;
  return {
    taus, bestTau, atBest, atConsensus, consensusTau: taus[consensus], index,
    spread: Math.max(...bestTau) - Math.min(...bestTau), agrees: index < threshold, threshold,
  };
}
