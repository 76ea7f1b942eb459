/**
 * The slope of a merit-order curve from history: the least-squares slope of the signal on total
 * generation after removing each hour of day's mean from both (the daily solar cycle lowers
 * intensity while load peaks, which a plain regression would read as a negative merit order).
 * Hours are indices into both arrays; `start` is the UTC hour of day of index 0.
 */
export function fitMeritOrderSlope(signal: ArrayLike<number>, generation: ArrayLike<number>, start = 0): number {
  const n = Math.min(signal.length, generation.length);
  const sy = new Float64Array(24);
  const sg = new Float64Array(24);
  const count = new Float64Array(24);
  for (let t = 0; t < n; t++) {
    const h = (start + t) % 24;
    sy[h] += signal[t];
    sg[h] += generation[t];
    count[h]++;
  }
  let cov = 0;
  let varG = 0;
  for (let t = 0; t < n; t++) {
    const h = (start + t) % 24;
    const dg = generation[t] - sg[h] / count[h];
    cov += dg * (signal[t] - sy[h] / count[h]);
    varG += dg * dg;
  }
  return varG > 0 ? cov / varG : Number.NaN;
}
