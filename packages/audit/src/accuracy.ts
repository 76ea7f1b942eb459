import type { ForecastVintages } from "./vintages.js";

/** Mean absolute error of the published forecast in one horizon band [from, to) hours, over rows with an outturn. */
export interface HorizonAccuracy {
  readonly from: number;
  readonly to: number;
  readonly mae: number;
  readonly n: number;
}

/**
 * MAE of every published value against its outturn by horizon band; horizon = target start minus the
 * issue time rounded down to the grid step (the NESO README's `horizon_h`), bands half-open [from, to).
 */
export function accuracyByHorizon(v: ForecastVintages, edges: readonly number[] = [0, 6, 24, 48]): HorizonAccuracy[] {
  const sums = new Float64Array(edges.length - 1);
  const counts = new Float64Array(edges.length - 1);
  for (const issue of v.issues) {
    const base = Math.floor(issue.issuedAt / v.stepMs) * v.stepMs;
    for (let k = 0; k < issue.values.length; k++) {
      const t = issue.start + k * v.stepMs;
      const actual = v.actuals.get(t);
      if (actual === undefined || Number.isNaN(issue.values[k])) continue;
      const h = (t - base) / 3_600_000;
      for (let b = 0; b + 1 < edges.length; b++) {
        if (h >= edges[b] && h < edges[b + 1]) {
          sums[b] += Math.abs(issue.values[k] - actual);
          counts[b]++;
        }
      }
    }
  }
  return Array.from(sums, (s, b) => ({ from: edges[b], to: edges[b + 1], mae: s / counts[b], n: counts[b] }));
}
