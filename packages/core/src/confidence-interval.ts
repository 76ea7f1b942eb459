/** t_{0.975, df} for df = 1 … 30 (two-sided 95 %), from the standard Student-t table. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** A sample mean with its two-sided 95 % confidence half-width (Student t; NaN for a single value). */
export interface MeanCi {
  readonly mean: number;
  readonly halfWidth: number;
  readonly n: number;
}

/** The mean of n replications and its 95 % half-width t_{0.975, n−1}·s/√n (normal quantile 1.96 beyond 30 degrees of freedom). */
export function meanCi95(values: ArrayLike<number>): MeanCi {
  const n = values.length;
  if (n === 0) throw new RangeError("meanCi95: needs at least one value");
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n === 1) return { mean, halfWidth: Number.NaN, n };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const t = n - 1 <= T975.length ? T975[n - 2] : 1.96;
  return { mean, halfWidth: (t * sd) / Math.sqrt(n), n };
}
