import { checkLambda, floored } from "./domain-rule.js";

/** Eq. 12 cost p·c + λ·w/(p − w), c and w floored at 0.01, +Infinity when p ≤ w; λ ≤ 0 throws InputError("lambda"). */
export function datacenterCost(p: number, w: number, lambda: number, c: number): number {
  checkLambda(lambda);
  const wf = floored(w);
  const cf = floored(c);
  if (!(p > wf)) return Number.isNaN(p) ? Number.NaN : Number.POSITIVE_INFINITY;
  return p * cf + (lambda * wf) / (p - wf);
}
