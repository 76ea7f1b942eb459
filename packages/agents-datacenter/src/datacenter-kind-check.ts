import fc from "fast-check";
import type { AgentKindCheck, AgentPopulation } from "@equitable/core";
import { datacenterCost } from "./datacenter-cost.js";
import { decideCapacity } from "./decide-capacity.js";
import type { DatacenterGroup } from "./datacenter-kind.js";
import type { DatacenterPopulation } from "./datacenter-population.js";
import { floored, signalOf } from "./domain-rule.js";

const lambdaOf = (p: AgentPopulation, j: number) => (p as DatacenterPopulation).lambdas[j];

/** Groups of 1–8 data centres: λ "same", "different" or one value in [0.1, 100] per agent; every other field drawn. */
const group: fc.Arbitrary<DatacenterGroup> = fc.integer({ min: 1, max: 8 }).chain((count) => fc.record({
  type: fc.constant("datacenter" as const),
  count: fc.constant(count),
  lambda: fc.oneof(
    fc.constantFrom("same" as const, "different" as const),
    fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: count, maxLength: count }) as fc.Arbitrary<[number, ...number[]]>,
  ),
  demand: fc.constantFrom("similar" as const, "different" as const),
  perturbed: fc.integer({ min: 0, max: count }),
  shiftMax: fc.double({ min: 0, max: 60, noNaN: true }),
  noiseStd: fc.double({ min: 0, max: 2, noNaN: true }),
}));

/**
 * Arbitraries and decision hooks of Eq. 12 data centres: horizons 1–4 (Table 3 averages the steps),
 * ξ one demand w ∈ [0, 10] per agent (the scaled trace; the floor lifts 0 to 0.01); the decision is
 * the capacity p* = w + sqrt(λw/ĉ), feasible when p > w, costing p·c + λw/(p − w). A closed form:
 * no LP stands behind it, so there is no `exact`.
 */
export const datacenterKindCheck: AgentKindCheck<DatacenterGroup> = {
  group,
  horizon: () => fc.integer({ min: 1, max: 4 }),
  xi: (population) =>
    fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: population.ids.length, maxLength: population.ids.length })
      .map((w) => Float64Array.from(w)),
  decisions: {
    width: () => 1,
    decide(population, _group, forecast, xi, batch) {
      const m = population.ids.length;
      const h = forecast.length / batch;
      const out = new Float64Array(batch * m);
      for (let r = 0; r < batch; r++) {
        const c = signalOf(forecast.subarray(r * h, (r + 1) * h), "forecast");
        for (let j = 0; j < m; j++) out[r * m + j] = decideCapacity(c, xi[r * m + j], lambdaOf(population, j));
      }
      return out;
    },
    violation(x, xi, j) {
      const w = floored(xi[j]);
      return x[0] > w && Number.isFinite(x[0]) ? undefined : `capacity p = ${x[0]} must exceed the demand w = ${w} (the delay λw/(p − w) is unbounded otherwise)`;
    },
    objective: (x, xi, signal, j, population) => datacenterCost(x[0], xi[j], lambdaOf(population, j), signalOf(signal, "signal")),
  },
};
