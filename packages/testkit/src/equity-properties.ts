import fc from "fast-check";
import { hNorm, variance } from "@equitable/core";
import { equitableOptimum, powerLoss, type EquityLoss } from "./equitable-optimum.js";
import { quadraticPopulations, type ScalarPopulation } from "./scalar-population.js";

/** Options of the equity properties: the populations to draw, the loss under test, fast-check's seed and runs. */
export interface EquityPropertyOptions {
  /** Populations to check (default: {@link quadraticPopulations}). */
  readonly populations?: fc.Arbitrary<ScalarPopulation>;
  /** The objective under test (default: Eq. 2, Σ_m C_m^(q+1)). */
  readonly loss?: EquityLoss;
  readonly seed?: number;
  /** Populations drawn; default 200. */
  readonly numRuns?: number;
}

/** Slack for comparisons of metrics at optima found to floating-point precision. */
const SLACK = 1e-9;

function run(property: fc.IPropertyWithHooks<[ScalarPopulation]>, opts: EquityPropertyOptions): fc.RunDetails<[ScalarPopulation]> {
  return fc.check(property, { seed: opts.seed ?? 1, numRuns: opts.numRuns ?? 200 });
}

/**
 * Theorem 4.3: the optimum at q = 1 has no larger variance of agents' costs than the optimum at
 * q = 0 (Var = mean C² − (mean C)², and θ*_1 minimises the first term, θ*_0 maximises the second).
 */
export function theorem43(opts: EquityPropertyOptions = {}): fc.RunDetails<[ScalarPopulation]> {
  const loss = opts.loss ?? powerLoss;
  return run(fc.property(opts.populations ?? quadraticPopulations(), (p) => {
    const v0 = variance(p.costs(equitableOptimum(p, 0, loss)));
    const v1 = variance(p.costs(equitableOptimum(p, 1, loss)));
    return v1 <= v0 + SLACK * Math.max(1, v0);
  }), opts);
}

/**
 * Theorem 4.4 (Eq. 8): ∂/∂p H_norm(C^(q+1)(θ*_p)) at p = q is ≥ 0 — moving the optimum from q
 * to q + δ makes the distribution of C^(q+1) no less uniform. Checked at the given q with δ = 1e-3.
 * It is a statement about C^(q+1), not about C: H_norm(C) itself can fall as q rises.
 */
export function theorem44(q: number, opts: EquityPropertyOptions = {}): fc.RunDetails<[ScalarPopulation]> {
  const loss = opts.loss ?? powerLoss;
  const delta = 1e-3;
  return run(fc.property(opts.populations ?? quadraticPopulations(), (p) => {
    const powered = (theta: number) => p.costs(theta).map((c) => c ** (q + 1));
    const here = hNorm(powered(equitableOptimum(p, q, loss)));
    const next = hNorm(powered(equitableOptimum(p, q + delta, loss)));
    return next >= here - SLACK;
  }), opts);
}

/**
 * The weights of Eq. 2's gradient favour the worse-off: for any agents' mean regrets, an agent
 * with a larger C̄ never gets a smaller weight ∂L/∂C̄_m than one with a smaller C̄ (for q > 0,
 * strictly larger). `weights` is the trainer's weight function under test, e.g. equitableAgentWeights.
 */
export function weightsFavourWorseOff(
  weights: (agentMeans: Float64Array, q: number) => Float64Array,
  opts: Omit<EquityPropertyOptions, "populations" | "loss"> = {},
) {
  const means = fc.array(fc.double({ min: 1e-3, max: 10, noNaN: true }), { minLength: 2, maxLength: 8 }).map((a) => Float64Array.from(a));
  const q = fc.double({ min: 0, max: 10, noNaN: true });
  return fc.check(fc.property(means, q, (c, qv) => {
    const w = weights(c, qv);
    for (let i = 0; i < c.length; i++) {
      for (let j = 0; j < c.length; j++) {
        if (c[i] > c[j] && w[i] < w[j] * (1 - SLACK)) return false;
        if (qv > 1e-6 && c[i] > c[j] * (1 + 1e-6) && !(w[i] > w[j])) return false;
      }
    }
    return true;
  }), { seed: opts.seed ?? 1, numRuns: opts.numRuns ?? 200 });
}
