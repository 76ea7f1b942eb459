import fc from "fast-check";
import type { AgentKindCheck, AgentPopulation, DecisionHooks } from "@equitable/core";
import { evContexts, evSlots } from "@equitable/agents-ev";
import { slotScheduleHooks } from "@equitable/solvers";
import type { EvOffsetsGroup } from "./ev-offsets-kind.js";
import type { OffsetFleetPopulation } from "./offset-fleet-population.js";

const fleets = (p: AgentPopulation) => p as OffsetFleetPopulation;

// The first stage is Eq. 13's schedule over the whole forecast: its hooks are the solvers' own.
const schedule = slotScheduleHooks<EvOffsetsGroup>({
  agent(xi, j, population) {
    const rate = xi[2 * j + 1];
    return { k: evSlots(xi[2 * j], rate, fleets(population).slots, population.ids[j]), weight: rate };
  },
  window: (population) => ({ first: 0, slots: fleets(population).slots, horizon: fleets(population).slots }),
});

/** The schedule's emissions ζ·Σ x_t·s_t under a signal s (the first T values of a decision are x). */
function emissions(decision: Float64Array, xi: Float64Array, signal: ArrayLike<number>, j: number, population: AgentPopulation): number {
  const slots = fleets(population).slots;
  let sum = 0;
  for (let t = 0; t < slots; t++) if (decision[t] !== 0) sum += decision[t] * signal[t];
  return xi[2 * j + 1] * sum;
}

/** A decision is [x_0 … x_{T−1}, a]: the 0/1 schedule, then the offsets bought day-ahead. */
const decisions: DecisionHooks<EvOffsetsGroup> = {
  width: (population, group) => schedule.width(population, group) + 1,
  decide(population, group, forecast, xi, batch) {
    const slots = fleets(population).slots;
    const m = population.ids.length;
    const x = schedule.decide(population, group, forecast, xi, batch);
    const out = new Float64Array(batch * m * (slots + 1));
    for (let r = 0; r < batch; r++) {
      const f = forecast.subarray(r * slots, (r + 1) * slots);
      const xiRow = xi.subarray(r * m * 2, (r + 1) * m * 2);
      for (let j = 0; j < m; j++) {
        const d = out.subarray((r * m + j) * (slots + 1), (r * m + j + 1) * (slots + 1));
        d.set(x.subarray((r * m + j) * slots, (r * m + j + 1) * slots));
        d[slots] = emissions(d, xiRow, f, j, population);
      }
    }
    return out;
  },
  violation(decision, xi, j, population, group) {
    const slots = fleets(population).slots;
    const a = decision[slots];
    if (!(Number.isFinite(a) && a >= 0)) return `it buys ${a} offsets; the purchase must be a finite amount ≥ 0`;
    return schedule.violation(decision.subarray(0, slots), xi, j, population, group);
  },
  objective(decision, xi, signal, j, population) {
    const p = fleets(population);
    const emitted = emissions(decision, xi, signal, j, population);
    const gap = emitted - decision[p.slots];
    return emitted + (gap > 0 ? p.under[j] * gap : -p.over[j] * gap);
  },
  exact(forecast, xi, j, population, group) {
    // The ILP schedules; given the schedule, buying exactly its forecast emissions is optimal under the forecast.
    const x = schedule.exact!(forecast, xi, j, population, group);
    const out = new Float64Array(x.length + 1);
    out.set(x);
    out[x.length] = emissions(out, xi, forecast, j, population);
    return out;
  },
};

/**
 * What `equitable check` draws for offset fleets: 1–6 fleets, τ anywhere in (0, 1), horizons of
 * 2–12 slots, ξ = [need, ζ] with ζ ∈ [1, 7] kWh/h and need/ζ within 0.4 of an integer k ∈ [0, T].
 */
export const evOffsetsCheck: AgentKindCheck<EvOffsetsGroup> = {
  group: fc.record({
    type: fc.constant("ev-offsets" as const),
    count: fc.integer({ min: 1, max: 6 }),
    demand: fc.constantFrom("similar" as const, "different" as const),
    perturbed: fc.integer({ min: 0, max: 6 }),
    rate: fc.constant("agent" as const),
    ratioMin: fc.double({ min: 0.05, max: 1, noNaN: true }),
    ratioMax: fc.double({ min: 1, max: 20, noNaN: true }),
    spacing: fc.constantFrom("linear" as const, "geometric" as const),
    penalty: fc.double({ min: 0.1, max: 4, noNaN: true }),
  }),
  horizon: () => fc.integer({ min: 2, max: 12 }),
  xi: (population) => evContexts(population.ids.length, fleets(population).slots),
  decisions,
};
