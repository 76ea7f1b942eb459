// Test-only helpers (not exported from index.ts): brute-force references for the k-cheapest kernel.

/** Every subset of k of the slots 0..slots−1, as index arrays. */
export function subsets(slots: number, k: number): number[][] {
  const out: number[][] = [];
  const pick = (from: number, chosen: number[]): void => {
    if (chosen.length === k) {
      out.push([...chosen]);
      return;
    }
    for (let t = from; t <= slots - (k - chosen.length); t++) pick(t + 1, [...chosen, t]);
  };
  pick(0, []);
  return out;
}

/** Σ values[row, t] over a subset. */
export function subsetCost(values: ArrayLike<number>, row: number, slots: number, subset: readonly number[]): number {
  let c = 0;
  for (const t of subset) c += values[row * slots + t];
  return c;
}

/**
 * Brute force over all C(T, k) schedules of one row: the truth optimum, and the best and worst truth
 * cost among the schedules that are optimal for the forecast (ties make the forecast's choice ambiguous).
 */
export function bruteForce(
  forecast: ArrayLike<number>,
  truth: ArrayLike<number>,
  row: number,
  slots: number,
  k: number,
): { truthOptimum: number; bestOfForecastOptima: number; worstOfForecastOptima: number } {
  const all = subsets(slots, k);
  let fMin = Infinity;
  let truthOptimum = Infinity;
  for (const s of all) {
    fMin = Math.min(fMin, subsetCost(forecast, row, slots, s));
    truthOptimum = Math.min(truthOptimum, subsetCost(truth, row, slots, s));
  }
  let bestOfForecastOptima = Infinity;
  let worstOfForecastOptima = -Infinity;
  for (const s of all) {
    if (subsetCost(forecast, row, slots, s) <= fMin + 1e-9) {
      const c = subsetCost(truth, row, slots, s);
      bestOfForecastOptima = Math.min(bestOfForecastOptima, c);
      worstOfForecastOptima = Math.max(worstOfForecastOptima, c);
    }
  }
  return { truthOptimum, bestOfForecastOptima, worstOfForecastOptima };
}
