import fc from "fast-check";
import type { AgentKindCheck, AgentPopulation } from "@equitable/core";
import { slotScheduleHooks } from "@equitable/solvers";
import type { PhoneGroup } from "./phone-kind.js";
import type { PhonePopulation } from "./phone-population.js";

const slotsOf = (p: AgentPopulation) => (p as PhonePopulation).slots;

/** Groups of 1–8 phones: kMin ≤ kMax ≤ 12, 0 < muMin ≤ muMax. */
const group: fc.Arbitrary<PhoneGroup> = fc.record({
  count: fc.integer({ min: 1, max: 8 }),
  kMin: fc.integer({ min: 1, max: 6 }),
  kSpan: fc.integer({ min: 0, max: 6 }),
  muMin: fc.double({ min: 0.005, max: 2, noNaN: true }),
  muSpan: fc.double({ min: 0, max: 2, noNaN: true }),
}).map(({ count, kMin, kSpan, muMin, muSpan }) => ({ type: "phone" as const, count, kMin, kMax: kMin + kSpan, muMin, muMax: muMin + muSpan }));

/**
 * Arbitraries and decision hooks of Appendix A.4 phones: ξ per agent is [k, μ] with k in the group's
 * [kMin, kMax] and μ in [muMin, muMax]; the decision charges the k cheapest of the forecast's slots
 * (k read from ξ as the population reads it), its ILP solved by javascript-lp-solver.
 */
export const phoneKindCheck: AgentKindCheck<PhoneGroup> = {
  group,
  horizon: (g) => fc.integer({ min: Math.max(2, g.kMax), max: 14 }),
  xi(population, g) {
    const agent = fc.tuple(fc.integer({ min: g.kMin, max: g.kMax }), fc.double({ min: g.muMin, max: g.muMax, noNaN: true }));
    return fc.array(agent, { minLength: population.ids.length, maxLength: population.ids.length }).map((a) => Float64Array.from(a.flat()));
  },
  decisions: slotScheduleHooks<PhoneGroup>({
    agent: (xi, j) => ({ k: xi[2 * j], weight: xi[2 * j + 1] }),
    window: (population) => ({ first: 0, slots: slotsOf(population), horizon: slotsOf(population) }),
  }),
};
