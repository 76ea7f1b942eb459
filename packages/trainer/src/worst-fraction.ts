/** How many of n samples the worst α fraction holds: ⌈α·n⌉, at least one (n > 0). */
export function worstCount(n: number, alpha: number): number {
  return n === 0 ? 0 : Math.min(n, Math.max(1, Math.ceil(alpha * n - 1e-9)));
}

/**
 * Indices of the worst (largest-loss) α fraction of the samples, among those `keep` marks when
 * given: the ⌈α·n⌉ largest, ties broken by the lower index so the choice is deterministic.
 */
export function worstFraction(losses: Float64Array, alpha: number, keep?: Uint8Array): Int32Array {
  const candidates: number[] = [];
  for (let a = 0; a < losses.length; a++) if (!keep || keep[a]) candidates.push(a);
  candidates.sort((a, b) => losses[b] - losses[a] || a - b);
  return Int32Array.from(candidates.slice(0, worstCount(candidates.length, alpha)));
}
