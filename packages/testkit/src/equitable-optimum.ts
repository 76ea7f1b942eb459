import type { ScalarPopulation } from "./scalar-population.js";

/** A loss of agents' costs for the paper's q ≥ 0; the default is Eq. 2, Σ_m C_m^(q+1). */
export type EquityLoss = (costs: Float64Array, q: number) => number;

/** Eq. 2 in its "power" form: Σ_m C_m^(q+1). */
export const powerLoss: EquityLoss = (costs, q) => {
  let s = 0;
  for (const c of costs) s += c ** (q + 1);
  return s;
};

/** Golden-section iterations: the bracket shrinks by 0.618 each, so 120 leave |θ − θ*| ≤ 1e-24 of the domain's width. */
const ITERATIONS = 120;

/**
 * θ*_q = argmin_θ L(C(θ), q), solved exactly up to floating point by golden-section search: L of
 * convex, non-negative costs is convex in θ (x^(q+1) is convex and increasing on x ≥ 0), so the
 * search cannot stop at a local minimum.
 */
export function equitableOptimum(population: ScalarPopulation, q: number, loss: EquityLoss = powerLoss): number {
  const f = (theta: number) => loss(population.costs(theta), q);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [lo, hi] = population.domain;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < ITERATIONS; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = f(b);
    }
  }
  return (lo + hi) / 2;
}
