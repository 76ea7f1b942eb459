import type { ContextSeries } from "@equitable/core";

/**
 * The hourly signal a series was windowed from, recovered from its rows (row i's window ends at
 * hour t[i] − 1 and its truths cover t[i] … t[i] + H − 1); hours no row covers stay NaN.
 */
export function hourlySignal(series: ContextSeries): Float64Array {
  const { window: w, horizon: h } = series;
  let hours = 0;
  for (let i = 0; i < series.size; i++) hours = Math.max(hours, series.t[i] + h);
  const out = new Float64Array(hours).fill(Number.NaN);
  for (let i = 0; i < series.size; i++) {
    const t = series.t[i];
    for (let k = 0; k < w; k++) if (t - w + k >= 0) out[t - w + k] = series.x[i * w + k];
    for (let k = 0; k < h; k++) out[t + k] = series.y[i * h + k];
  }
  return out;
}

/**
 * The series as it would have been windowed from `signal` (one value per hour of its axis): the
 * same ticks, agents and ξ, with every row's features and truths read from the new signal. What
 * the closed loop prices and retrains on once the agents' load has moved the signal.
 */
export function realisedSeries(series: ContextSeries, signal: ArrayLike<number>): ContextSeries {
  const { window: w, horizon: h } = series;
  const x = new Float32Array(series.size * w);
  const y = new Float32Array(series.size * h);
  for (let i = 0; i < series.size; i++) {
    const t = series.t[i];
    if (t - w < 0 || t + h > signal.length) throw new RangeError(`realisedSeries: row ${i} (hours ${t - w} … ${t + h - 1}) is outside the ${signal.length}-hour signal`);
    for (let k = 0; k < w; k++) x[i * w + k] = signal[t - w + k];
    for (let k = 0; k < h; k++) y[i * h + k] = signal[t + k];
  }
  return { ...series, x, y };
}
