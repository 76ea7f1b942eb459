/** 1-D Wasserstein-1 ∫|F_a − F_b| of two samples (sorted quantiles, any lengths): how far apart two agents' context distributions are. */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) throw new RangeError(`wasserstein1: needs two non-empty samples, got ${n} and ${m} values`);
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  if (n === m) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(sa[i] - sb[i]);
    return s / n;
  }
  let i = 0;
  let j = 0;
  let prev = Math.min(sa[0], sb[0]);
  let total = 0;
  while (i < n || j < m) {
    const takeA = j >= m || (i < n && sa[i] <= sb[j]);
    const x = takeA ? sa[i] : sb[j];
    total += Math.abs(i / n - j / m) * (x - prev);
    prev = x;
    if (takeA) i++;
    else j++;
  }
  return total;
}
