import { agentIds, type AgentPopulation } from "@equitable/core";
import { checkSlotBatch, MAX_SLOTS, prefixSumsByRank, rankSlotsBatch } from "@equitable/solvers";
import { evSlots } from "@equitable/agents-ev";

/** Options of a population of offset-buying EV fleets ({@link OffsetFleetPopulation}). */
export interface OffsetFleetPopulationOptions {
  /** u_m: premium per unit of emissions left uncovered by the day-ahead offsets (bought on the spot market), one per fleet, > 0. */
  readonly under: ArrayLike<number>;
  /** o_m: loss per unit of offsets bought but not needed (sold back below cost), one per fleet, > 0. */
  readonly over: ArrayLike<number>;
  /** Window length T, hourly slots (= the forecast's steps). */
  readonly slots: number;
  /** Fleet identifiers; default "ev-offsets-0" … */
  readonly ids?: readonly string[];
}

// Scratch reused across calls (JS is single-threaded): the kernel runs once per training batch.
let forecastOrder = new Uint8Array(0);
let truthOrder = new Uint8Array(0);
let truthByForecast = new Float64Array(0);
let forecastByForecast = new Float64Array(0);
let truthByTruth = new Float64Array(0);

/**
 * EV fleets that decide in two stages on the public forecast ŷ of the next T hours. First an ILP
 * (Eq. 13's): charge the k cheapest of the T slots by ŷ, k = round(need/ζ) from ξ = [need, ζ].
 * Then the recourse purchase: offsets a = ζ·Σ_{t∈S} ŷ_t bought day-ahead for the forecast's
 * emissions of that schedule. On the truth y the schedule emits E = ζ·Σ_{t∈S} y_t; the fleet pays
 * E, plus u_m per unit short (E > a) and o_m per unit over (a > E). Deciding on the truth costs the
 * least possible emissions E* and no imbalance, so
 *
 *     C_m = (E − E*) + u_m·(E − a)⁺ + o_m·(a − E)⁺ ≥ 0,
 *
 * a scheduling regret (the data of Eq. 13) plus a pinball loss at τ_m = u_m/(u_m + o_m) on the
 * schedule's total. The first part wants the ranking right and is the same for every fleet; the
 * second wants the total's τ_m-quantile, which differs across fleets: the cost is not affine in
 * the signal. The schedule is piecewise constant in ŷ, so the population is not differentiable
 * and trains by policy gradient.
 */
export class OffsetFleetPopulation implements AgentPopulation {
  readonly kind = "ev-offsets";
  readonly differentiable = false;
  /** Two ξ values per fleet: need (kWh) and charging rate ζ (kWh/h), as Eq. 13 EVs. */
  readonly xiWidth = 2;
  readonly ids: readonly string[];
  /** u_m per fleet. */
  readonly under: Float64Array;
  /** o_m per fleet. */
  readonly over: Float64Array;
  /** Window length T. */
  readonly slots: number;

  constructor(opts: OffsetFleetPopulationOptions) {
    const m = opts.under.length;
    if (m === 0) throw new RangeError("OffsetFleetPopulation: needs at least one fleet (under is empty)");
    if (opts.over.length !== m) throw new RangeError(`OffsetFleetPopulation: ${m} shortfall premiums, ${opts.over.length} surplus losses`);
    if (!Number.isInteger(opts.slots) || opts.slots < 1 || opts.slots > MAX_SLOTS) {
      throw new RangeError(`OffsetFleetPopulation: slots must be an integer in [1, ${MAX_SLOTS}], got ${opts.slots}`);
    }
    this.under = Float64Array.from(opts.under);
    this.over = Float64Array.from(opts.over);
    for (let j = 0; j < m; j++) {
      for (const [name, v] of [["under", this.under[j]], ["over", this.over[j]]] as const) {
        if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`OffsetFleetPopulation: ${name} price of fleet ${j} must be a finite number > 0, got ${v}`);
      }
    }
    this.slots = opts.slots;
    this.ids = agentIds("OffsetFleetPopulation", "ev-offsets", m, opts.ids, "fleets");
  }

  /** τ_m = u_m/(u_m + o_m): the quantile of the schedule's emissions each fleet would like forecast. */
  criticalRatios(): Float64Array {
    return this.under.map((u, j) => u / (u + this.over[j]));
  }

  /** rows×M regrets: forecast and truth rows×T, ξ rows×M×2 [need, ζ]. Each row's slots are ranked once per signal, so a fleet costs O(1). */
  regrets(forecast: ArrayLike<number>, truth: ArrayLike<number>, xi: ArrayLike<number>, rows: number): Float64Array {
    const m = this.ids.length;
    const slots = this.slots;
    checkSlotBatch(forecast, truth, xi, rows, m, slots);
    const cells = rows * slots;
    const out = new Float64Array(rows * m);
    if (rows === 0) return out;
    if (forecastOrder.length < cells) {
      forecastOrder = new Uint8Array(cells);
      truthOrder = new Uint8Array(cells);
    }
    const prefix = rows * (slots + 1);
    if (truthByForecast.length < prefix) {
      truthByForecast = new Float64Array(prefix);
      forecastByForecast = new Float64Array(prefix);
      truthByTruth = new Float64Array(prefix);
    }
    const fo = rankSlotsBatch(forecast, rows, slots, forecastOrder.subarray(0, cells));
    const to = rankSlotsBatch(truth, rows, slots, truthOrder.subarray(0, cells));
    // [r, k]: the sum over the first k slots of an order, of the truth or of the forecast.
    const yByF = prefixSumsByRank(truth, fo, rows, slots, truthByForecast.subarray(0, prefix));
    const fByF = prefixSumsByRank(forecast, fo, rows, slots, forecastByForecast.subarray(0, prefix));
    const yByY = prefixSumsByRank(truth, to, rows, slots, truthByTruth.subarray(0, prefix));
    const u = this.under;
    const o = this.over;
    const stride = slots + 1;
    for (let r = 0, i = 0; r < rows; r++) {
      for (let j = 0; j < m; j++, i++) {
        const rate = xi[2 * i + 1];
        const k = evSlots(xi[2 * i], rate, slots, this.ids[j], r);
        const at = r * stride + k;
        const emitted = rate * yByF[at];
        const bought = rate * fByF[at];
        const gap = emitted - bought;
        // Ranking ties can make E − E* a rounding error below 0; regret is ≥ 0 by definition.
        const schedule = Math.max(0, emitted - rate * yByY[at]);
        out[i] = schedule + (gap > 0 ? u[j] * gap : -o[j] * gap);
      }
    }
    return out;
  }
}
