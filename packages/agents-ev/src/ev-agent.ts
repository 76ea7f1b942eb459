import { InputError, type Agent } from "@equitable/core";
import { solve } from "@equitable/solvers";
import type { EvBackend } from "./ev-population.js";
import { EV_SLOTS, evSlots, type EvContext } from "./ev-slots.js";

/** Options of a single Eq. 13 agent ({@link createEvAgent}). */
export interface EvAgentOptions {
  /** Identifier used in reports and errors. */
  readonly id: string;
  /** Window length T; default 12. */
  readonly slots?: number;
  /** Solver backend for `decide`; default "fast" (the solvers' exact k-cheapest path). */
  readonly backend?: EvBackend;
}

/** One EV of Eq. 13: ξ is {need, rate}, the decision a 0/1 schedule over T slots (a Float64Array, core's Decision type). */
export interface EvAgent extends Agent<EvContext, Float64Array> {
  /** Window length T. */
  readonly slots: number;
}

/**
 * The single-agent reference of Eq. 13: decide solves min Σ ζ·x_t·ŷ_t s.t. Σ x_t = k through solvers'
 * `solve`; cost is ζ·Σ x_t·y_t, +Infinity for a schedule that is not 0/1 with exactly k ones (it breaks
 * the constraint I + Σ ζ x_t = D); regret = cost(decide(ŷ)) − cost(decide(y)), ≥ 0.
 */
export function createEvAgent(opts: EvAgentOptions): EvAgent {
  const { id } = opts;
  const slots = opts.slots ?? EV_SLOTS;
  const backend = opts.backend ?? "fast";
  if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`createEvAgent: slots must be an integer ≥ 1, got ${slots}`);
  const checkSignal = (values: ArrayLike<number>, what: string): void => {
    if (values.length !== slots) throw new RangeError(`agent ${id}: ${what} has ${values.length} steps, expected T = ${slots}`);
    for (let t = 0; t < slots; t++) {
      if (!Number.isFinite(values[t])) throw new InputError(`agent ${id}`, `${what} is ${values[t]} at slot ${t}`);
    }
  };
  const decide = (forecast: ArrayLike<number>, xi: EvContext): Float64Array => {
    checkSignal(forecast, "forecast");
    const k = evSlots(xi.need, xi.rate, slots, id);
    return Float64Array.from(solve({ kind: "k-cheapest", costs: forecast, k }, { backend, ref: { agent: id } }));
  };
  const cost = (x: Float64Array, xi: EvContext, truth: ArrayLike<number>): number => {
    checkSignal(truth, "truth");
    const k = evSlots(xi.need, xi.rate, slots, id);
    if (x.length !== slots) throw new RangeError(`agent ${id}: schedule has ${x.length} slots, expected T = ${slots}`);
    let ones = 0;
    let c = 0;
    for (let t = 0; t < slots; t++) {
      if (x[t] === 1) {
        ones++;
        c += truth[t];
      } else if (x[t] !== 0) {
        return Infinity;
      }
    }
    return ones === k ? xi.rate * c : Infinity;
  };
  return {
    id,
    slots,
    decide,
    cost,
    regret: (forecast, xi, truth) => {
      const gap = cost(decide(forecast, xi), xi, truth) - cost(decide(truth, xi), xi, truth);
      return gap > 0 ? gap : 0;
    },
  };
}
