import { worstFraction } from "./worst-fraction.js";

/** CVaR_α of sample losses: the mean of the worst ⌈α·n⌉ (Rockafellar & Uryasev 2000; DORO without its outlier cut). */
export function cvarValue(losses: Float64Array, alpha: number): number {
  const worst = worstFraction(losses, alpha);
  let s = 0;
  for (const a of worst) s += losses[a];
  return worst.length === 0 ? 0 : s / worst.length;
}

/** ∂CVaR_α/∂loss_a: 1/⌈α·n⌉ on the worst fraction, 0 elsewhere (a subgradient where losses tie). */
export function cvarWeights(losses: Float64Array, alpha: number): Float64Array {
  const worst = worstFraction(losses, alpha);
  const out = new Float64Array(losses.length);
  for (const a of worst) out[a] = 1 / worst.length;
  return out;
}
