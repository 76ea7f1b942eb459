import { checkLambda, floored } from "./domain-rule.js";

/** Eq. 12 regret cost(p*(ĉ); c) − cost(p*(c); c) = sqrt(λw)·(sqrt(ĉ) − sqrt(c))²/sqrt(ĉ) ≥ 0, ĉ, c, w floored at 0.01. */
export function datacenterRegret(forecastC: number, trueC: number, w: number, lambda: number): number {
  checkLambda(lambda);
  const sf = Math.sqrt(floored(forecastC));
  const d = sf - Math.sqrt(floored(trueC));
  return (Math.sqrt(lambda * floored(w)) * d * d) / sf;
}
