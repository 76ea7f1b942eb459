/**
 * Replaces every value ≤ 0 by `floor` (the paper clamps scaled signals to 0.01 before agents use
 * them, since a zero price or intensity makes their cost ratios degenerate). Returns a new array.
 */
export function clampPositive(values: ArrayLike<number>, floor = 0.01): Float64Array {
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) if (out[i] <= 0) out[i] = floor;
  return out;
}
