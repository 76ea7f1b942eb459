import { checkLambda, floored } from "./domain-rule.js";

/** Eq. 12 policy p* = w + sqrt(λ·w/ĉ), ĉ and w floored at 0.01; λ ≤ 0 throws InputError("lambda"). */
export function decideCapacity(forecastC: number, w: number, lambda: number): number {
  checkLambda(lambda);
  const c = floored(forecastC);
  const wf = floored(w);
  return wf + Math.sqrt((lambda * wf) / c);
}
