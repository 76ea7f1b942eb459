import fc from "fast-check";
import type { AgentKindCheck, AgentPopulation } from "@equitable/core";
import type { EvGroup } from "./ev-kind.js";
import type { EvPopulation } from "./ev-population.js";
import { evSlots } from "./ev-slots.js";
import { slotScheduleHooks } from "@equitable/solvers";

const ev = (p: AgentPopulation) => p as EvPopulation;

/** Groups of 1–8 EVs with every field drawn, windows of up to 12 slots starting in the first 4 steps. */
const group: fc.Arbitrary<EvGroup> = fc.record({
  type: fc.constant("ev" as const),
  count: fc.integer({ min: 1, max: 8 }),
  demand: fc.constantFrom("similar" as const, "different" as const),
  perturbed: fc.integer({ min: 0, max: 20 }),
  shiftMax: fc.option(fc.double({ min: 0, max: 40, noNaN: true }), { nil: undefined }),
  noiseStd: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: undefined }),
  rate: fc.constantFrom("session" as const, "agent" as const),
  firstSlot: fc.integer({ min: 0, max: 3 }),
  slots: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  utcOffset: fc.integer({ min: -12, max: 14 }),
});

/** ξ of one sample for M EVs of a T-slot window: [need, ζ] per agent, ζ ∈ [1, 7] kWh/h and need/ζ within 0.4 of an integer k ∈ [0, T]. */
export function evContexts(agents: number, slots: number): fc.Arbitrary<Float64Array> {
  const agent = fc.tuple(fc.double({ min: 1, max: 7, noNaN: true }), fc.integer({ min: 0, max: slots }), fc.double({ min: -0.4, max: 0.4, noNaN: true }))
    .map(([rate, k, off]) => [rate * Math.max(0, k + off), rate]);
  return fc.array(agent, { minLength: agents, maxLength: agents }).map((a) => Float64Array.from(a.flat()));
}

/**
 * Arbitraries and decision hooks of Eq. 13 EVs: ξ per agent is [need, ζ] with ζ ∈ [1, 7] kWh/h and
 * need/ζ within 0.4 of an integer k ∈ [0, T] (as float32-stored sessions are); the decision charges
 * the k cheapest slots of the window, k = round(need/ζ) as the population derives it, and its ILP
 * is solved by javascript-lp-solver.
 */
export const evKindCheck: AgentKindCheck<EvGroup> = {
  group,
  horizon(g) {
    // A given window must fit (refine's rule); without one the window is the rest of the horizon.
    const min = Math.max(2, g.firstSlot + (g.slots ?? 1));
    return fc.integer({ min, max: g.slots === undefined ? g.firstSlot + 12 : min + 3 });
  },
  xi: (population) => evContexts(population.ids.length, ev(population).slots),
  decisions: slotScheduleHooks<EvGroup>({
    agent(xi, j, population) {
      const rate = xi[2 * j + 1];
      return { k: evSlots(xi[2 * j], rate, ev(population).slots, population.ids[j]), weight: rate };
    },
    window: (population) => ({ first: ev(population).firstSlot, slots: ev(population).slots, horizon: ev(population).horizon }),
  }),
};
