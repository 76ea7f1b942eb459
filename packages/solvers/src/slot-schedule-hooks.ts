import type { AgentGroupFields, AgentPopulation, DecisionHooks } from "@equitable/core";
import { LP_BACKEND } from "./kind-backends.js";
import { rankSlotsBatch } from "./select-cheapest-batch.js";
import { solve } from "./solve.js";

/** How a k-of-T population reads its agents: k and the cost weight from ξ, and where its window lies in the forecast. */
export interface SlotScheduleReader {
  /** Agent j's k (slots to charge) and cost weight (ζ, μ) from its sample's ξ (M×2), derived as the population derives them. */
  agent(xi: Float64Array, j: number, population: AgentPopulation): { readonly k: number; readonly weight: number };
  /** The charging window [first, first + slots) inside the forecast's `horizon` steps. */
  window(population: AgentPopulation): { readonly first: number; readonly slots: number; readonly horizon: number };
}

function windowOf(values: ArrayLike<number>, rows: number, w: { first: number; slots: number; horizon: number }): Float64Array {
  const out = new Float64Array(rows * w.slots);
  for (let r = 0; r < rows; r++) for (let t = 0; t < w.slots; t++) out[r * w.slots + t] = values[r * w.horizon + w.first + t];
  return out;
}

/**
 * Decision hooks of "charge exactly k of the window's slots" agents (Eq. 13 EVs, A.4 phones): a 0/1
 * schedule over the forecast's steps; the fast path takes the k cheapest by one stable ranking per
 * row (the regret kernel's), the exact path solves the ILP with javascript-lp-solver.
 */
export function slotScheduleHooks<G extends AgentGroupFields>(reader: SlotScheduleReader): DecisionHooks<G> {
  return {
    width: (population) => reader.window(population).horizon,
    decide(population, _group, forecast, xi, batch) {
      const w = reader.window(population);
      const m = population.ids.length;
      const order = rankSlotsBatch(windowOf(forecast, batch, w), batch, w.slots);
      const out = new Float64Array(batch * m * w.horizon);
      for (let r = 0; r < batch; r++) {
        const xiRow = xi.subarray(r * m * 2, (r + 1) * m * 2);
        for (let j = 0; j < m; j++) {
          const { k } = reader.agent(xiRow, j, population);
          const at = (r * m + j) * w.horizon + w.first;
          for (let i = 0; i < k; i++) out[at + order[r * w.slots + i]] = 1;
        }
      }
      return out;
    },
    violation(x, xi, j, population) {
      const w = reader.window(population);
      const { k } = reader.agent(xi, j, population);
      let charged = 0;
      for (let t = 0; t < x.length; t++) {
        if (x[t] !== 0 && x[t] !== 1) return `x[${t}] = ${x[t]} is not 0 or 1`;
        if (x[t] === 0) continue;
        if (t < w.first || t >= w.first + w.slots) return `it charges in step ${t}, outside the window [${w.first}, ${w.first + w.slots})`;
        charged++;
      }
      return charged === k ? undefined : `it charges ${charged} slots, the need takes exactly k = ${k}`;
    },
    objective(x, xi, signal, j, population) {
      const { weight } = reader.agent(xi, j, population);
      let cost = 0;
      for (let t = 0; t < x.length; t++) if (x[t] !== 0) cost += x[t] * signal[t];
      return weight * cost;
    },
    exact(forecast, xi, j, population) {
      const w = reader.window(population);
      const { k } = reader.agent(xi, j, population);
      const chosen = solve({ kind: "k-cheapest", costs: windowOf(forecast, 1, w), k }, { backend: LP_BACKEND, ref: { agent: population.ids[j] } });
      const out = new Float64Array(w.horizon);
      for (let t = 0; t < w.slots; t++) out[w.first + t] = chosen[t];
      return out;
    },
  };
}
