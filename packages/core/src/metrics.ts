/** Arithmetic mean; NaN for an empty list. */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Population variance (ddof = 0, as numpy's default), Def. 4.1 across agents. */
export function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return s / values.length;
}

/** The p-th percentile (0–100) with linear interpolation between order statistics (numpy's default). */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** C95 − C5: the spread between the 95th and 5th percentile of agents' mean regrets (Table 1). */
export function c95MinusC5(values: ArrayLike<number>): number {
  return percentile(values, 95) - percentile(values, 5);
}

/**
 * Entropy of the normalised performance distribution C_m / Σ C (Def. 4.2, Eq. 7), divided by
 * log M so that 1 means perfectly even regrets; an all-zero list counts as perfectly even.
 */
export function hNorm(values: ArrayLike<number>): number {
  const m = values.length;
  if (m <= 1) return 1;
  let total = 0;
  for (let i = 0; i < m; i++) total += values[i];
  if (total <= 0) return 1;
  let h = 0;
  for (let i = 0; i < m; i++) {
    const p = values[i] / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return h / Math.log(m);
}

/** The worst-off agent's regret: max_m C_m. */
export function worst(values: ArrayLike<number>): number {
  let w = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > w) w = values[i];
  return w;
}

/**
 * The mean of the worst-off α fraction of agents' mean regrets: the ⌈α·M⌉ largest values, averaged
 * (α-sized worst-case fairness, arXiv 2411.03068 Sec. 3). α = 1/M gives `worst`, α = 1 the mean.
 */
export function worstAlpha(values: ArrayLike<number>, alpha: number): number {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`worstAlpha: alpha must be in (0, 1], got ${alpha}`);
  if (values.length === 0) return Number.NaN;
  const k = Math.max(1, Math.ceil(alpha * values.length - 1e-9));
  const sorted = Float64Array.from(values).sort();
  let s = 0;
  for (let i = sorted.length - k; i < sorted.length; i++) s += sorted[i];
  return s / k;
}

/** Jain's fairness index (Σx)² / (M·Σx²), 1 when all equal, 1/M when one agent takes all. */
export function jain(values: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i];
    s2 += values[i] * values[i];
  }
  return s2 === 0 ? 1 : (s * s) / (values.length * s2);
}

/** Mean squared error between forecasts and truths of equal length. */
export function mse(forecast: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (forecast.length !== truth.length) {
    throw new RangeError(`mse: forecast has ${forecast.length} values, truth ${truth.length}`);
  }
  let s = 0;
  for (let i = 0; i < truth.length; i++) s += (forecast[i] - truth[i]) ** 2;
  return s / truth.length;
}

/** The equity figures reported for one trained model (one row of summary.json). */
export interface EquityMetrics {
  /** Variance of agents' mean regrets. */
  variance: number;
  /** Mean of agents' mean regrets. */
  mean: number;
  /** 95th minus 5th percentile of agents' mean regrets. */
  c95MinusC5: number;
  /** Normalised entropy (Def. 4.2 / log M). */
  hNorm: number;
  /** Largest agent mean regret. */
  worst: number;
  /** Jain's index of agents' mean regrets. */
  jain: number;
  /** Mean regret of the worst-off ⌈α·M⌉ agents ({@link worstAlpha}). */
  worstAlpha: number;
  /** The α behind `worstAlpha`. */
  alpha: number;
}

/** The α of `worstAlpha` when none is given: the worst-off fifth of the agents. */
export const DEFAULT_WORST_ALPHA = 0.2;

/** All equity metrics of a vector of per-agent mean regrets C̄_1..C̄_M; α sets the worst-off fraction of `worstAlpha`. */
export function equityMetrics(agentMeanRegrets: ArrayLike<number>, alpha = DEFAULT_WORST_ALPHA): EquityMetrics {
  return {
    variance: variance(agentMeanRegrets),
    mean: mean(agentMeanRegrets),
    c95MinusC5: c95MinusC5(agentMeanRegrets),
    hNorm: hNorm(agentMeanRegrets),
    worst: worst(agentMeanRegrets),
    jain: jain(agentMeanRegrets),
    worstAlpha: worstAlpha(agentMeanRegrets, alpha),
    alpha,
  };
}
