/** How a group's desks spread their shortfall-to-surplus price ratios u/o. */
export type RatioSpacing = "linear" | "geometric";

/**
 * Critical ratios τ_m = r_m/(1 + r_m) of M desks whose price ratios r = u/o run from rMin to rMax,
 * evenly in r ("linear": more risk-averse desks, τ skewed above 1/2) or in log r ("geometric":
 * symmetric around τ = 1/2, where the median desk is what MSE already serves).
 */
export function criticalRatiosFor(count: number, rMin: number, rMax: number, spacing: RatioSpacing): Float64Array {
  return Float64Array.from({ length: count }, (_, j) => {
    const f = count === 1 ? 0.5 : j / (count - 1);
    const r = spacing === "linear" ? rMin + (rMax - rMin) * f : rMin * (rMax / rMin) ** f;
    return r / (1 + r);
  });
}
