import type { SampleGradients } from "@equitable/core";
import { worstFraction } from "./worst-fraction.js";

/**
 * Intrinsic ReWeighting (arXiv 2411.03068 Sec. 4.2): g_w = Σ of the worst α fraction's gradients
 * (by loss), then w_a = max(0, ⟨g_a, g_w⟩) normalised to sum 1, so a sample weighs by how much
 * a step on it lowers the worst-off samples' loss, not by its own loss: a large loss with zero
 * gradient gets weight 0. Samples `keep` leaves out (IRWO's outliers) get 0 and are not among the
 * worst. When no sample helps (every ⟨g_a, g_w⟩ ≤ 0, e.g. g_w = 0) the worst fraction weighs
 * equally, which is CVaR's subgradient.
 */
export function irwWeights(losses: Float64Array, alpha: number, gradients: SampleGradients, keep?: Uint8Array): Float64Array {
  const n = losses.length;
  const worst = worstFraction(losses, alpha, keep);
  const indicator = new Float64Array(n);
  for (const a of worst) indicator[a] = 1;
  const scores = gradients.project(gradients.combine(indicator));
  const weights = new Float64Array(n);
  let total = 0;
  for (let a = 0; a < n; a++) {
    if (keep && !keep[a]) continue;
    const s = scores[a] > 0 ? scores[a] : 0;
    weights[a] = s;
    total += s;
  }
  if (total > 0 && Number.isFinite(total)) {
    for (let a = 0; a < n; a++) weights[a] /= total;
    return weights;
  }
  weights.fill(0);
  for (const a of worst) weights[a] = 1 / worst.length;
  return weights;
}
