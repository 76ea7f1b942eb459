import { percentile, type Random } from "@equitable/core";

/** A figure with its bootstrap interval: `lo`/`hi` the (1 ∓ level)/2 percentiles of its resampled values. */
export interface Figure {
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
}

/**
 * Percentile bootstrap over days (clusters): `resamples` times, draws as many days as there are with
 * replacement and evaluates `figures` on the multiplicity of each day; returns each figure's value on the
 * data (all multiplicities 1) with its two-sided `level` interval. Decisions of one day share their
 * outturns, so days, not decisions, are the independent units. NaN resamples (a 0/0 ratio) are left out.
 */
export function bootstrapDays(
  days: number,
  figures: (weights: Float64Array) => ArrayLike<number>,
  opts: { readonly resamples: number; readonly level: number; readonly rng: Random },
): Figure[] {
  const ones = new Float64Array(days).fill(1);
  const point = Array.from(figures(ones));
  const samples = point.map(() => new Float64Array(opts.resamples));
  const weights = new Float64Array(days);
  for (let b = 0; b < opts.resamples; b++) {
    weights.fill(0);
    for (let k = 0; k < days; k++) weights[opts.rng.int(days)]++;
    const values = figures(weights);
    for (let f = 0; f < point.length; f++) samples[f][b] = values[f];
  }
  const lo = (100 * (1 - opts.level)) / 2;
  const hi = 100 - lo;
  return point.map((value, f) => {
    const finite = samples[f].filter((x) => !Number.isNaN(x));
    return { value, lo: percentile(finite, lo), hi: percentile(finite, hi) };
  });
}
