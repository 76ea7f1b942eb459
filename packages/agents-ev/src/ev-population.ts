import { agentIds, type AgentPopulation } from "@equitable/core";
import { checkSlotBatch, kCheapestRegrets, MAX_SLOTS, solve } from "@equitable/solvers";
import { EV_SLOTS, evSlots } from "./ev-slots.js";

/** How an EV population computes decisions: the O(1)-per-agent kernel, or every decision through the ILP solver. */
export type EvBackend = "fast" | "javascript-lp-solver";

/** Options of an Eq. 13 population ({@link EvPopulation}). */
export interface EvPopulationOptions {
  /** Number of agents M. */
  readonly agents: number;
  /** Window length T, hourly slots; default 12 (the paper's). Forecasts must have exactly T steps. */
  readonly slots?: number;
  /** Agent identifiers; default "ev-0" … "ev-{M−1}". */
  readonly ids?: readonly string[];
  /** "fast" (default) ranks slots once per row; "javascript-lp-solver" solves each decision as an ILP (slow; for checks and benchmarks). */
  readonly backend?: EvBackend;
  /**
   * Steps in each forecast, when the EVs are plugged in for only part of it: they can charge in
   * forecast steps [firstSlot, firstSlot + slots). Default: slots (the window is the whole forecast).
   */
  readonly horizon?: number;
  /** First forecast step of the charging window; default 0. */
  readonly firstSlot?: number;
}

/**
 * M EVs of Eq. 13 on a batch: ξ per agent is [need D − I (kWh), rate ζ (kWh/h)], k = round(need/ζ), the
 * decision is the k cheapest of T slots, and regret = ζ·(truth cost of the forecast's k cheapest − of the truth's).
 */
export class EvPopulation implements AgentPopulation {
  readonly kind = "ev";
  readonly differentiable = false;
  /** Two ξ values per agent: need (kWh) and rate ζ (kWh/h). */
  readonly xiWidth = 2;
  readonly ids: readonly string[];
  /** Number of agents M. */
  readonly size: number;
  /** Window length T. */
  readonly slots: number;
  /** Decision route. */
  readonly backend: EvBackend;
  /** Steps per forecast (≥ firstSlot + slots). */
  readonly horizon: number;
  /** First forecast step the EVs can charge in. */
  readonly firstSlot: number;
  private ks = new Uint8Array(0);
  private rates = new Float64Array(0);

  constructor(opts: EvPopulationOptions) {
    const m = opts.agents;
    const slots = opts.slots ?? EV_SLOTS;
    if (!Number.isInteger(m) || m < 1) throw new RangeError(`EvPopulation: agents must be an integer ≥ 1, got ${m}`);
    if (!Number.isInteger(slots) || slots < 1 || slots > MAX_SLOTS) {
      throw new RangeError(`EvPopulation: slots must be an integer in [1, ${MAX_SLOTS}], got ${slots}`);
    }
    const ids = agentIds("EvPopulation", "ev", m, opts.ids);
    const backend = opts.backend ?? "fast";
    if (backend !== "fast" && backend !== "javascript-lp-solver") {
      throw new RangeError(`EvPopulation: unknown backend "${String(backend)}"; expected "fast" or "javascript-lp-solver"`);
    }
    const horizon = opts.horizon ?? slots;
    const firstSlot = opts.firstSlot ?? 0;
    if (!Number.isInteger(firstSlot) || firstSlot < 0 || !Number.isInteger(horizon) || firstSlot + slots > horizon) {
      throw new RangeError(`EvPopulation: the window [${firstSlot}, ${firstSlot + slots}) must lie inside the ${horizon}-step forecast`);
    }
    this.size = m;
    this.slots = slots;
    this.backend = backend;
    this.horizon = horizon;
    this.firstSlot = firstSlot;
    this.ids = ids;
  }

  /**
   * Eq. 13 regrets of all agents: forecast and truth rows×T, xi rows×M×2 [need, ζ]; returns rows×M.
   * One validation pass over ξ names agent and sample: need < 0 or ζ ≤ 0 → InputError, k > T →
   * InfeasibleProblemError; NaN in forecast/truth → InputError naming the sample; horizon ≠ T → RangeError.
   */
  regrets(forecast: ArrayLike<number>, truth: ArrayLike<number>, xi: ArrayLike<number>, rows: number): Float64Array {
    const m = this.size;
    const slots = this.slots;
    checkSlotBatch(forecast, truth, xi, rows, m, this.horizon);
    if (this.horizon !== slots) {
      // Only the window's steps matter to these EVs: cut them out once for the whole batch.
      forecast = windowOf(forecast, rows, this.horizon, this.firstSlot, slots);
      truth = windowOf(truth, rows, this.horizon, this.firstSlot, slots);
    }
    const n = rows * m;
    if (this.ks.length < n) {
      this.ks = new Uint8Array(n);
      this.rates = new Float64Array(n);
    }
    const ks = this.ks.subarray(0, n);
    const rates = this.rates.subarray(0, n);
    const ids = this.ids;
    for (let r = 0, i = 0; r < rows; r++) {
      for (let j = 0; j < m; j++, i++) {
        const need = xi[2 * i];
        const rate = xi[2 * i + 1];
        // The common case stays inline; evSlots re-derives k and throws the right error otherwise.
        const k = Math.round(need / rate);
        if (need >= 0 && rate > 0 && rate < Infinity && k <= slots) {
          ks[i] = k;
          rates[i] = rate;
        } else {
          ks[i] = evSlots(need, rate, slots, ids[j], r);
          rates[i] = rate;
        }
      }
    }
    if (this.backend === "fast") return kCheapestRegrets(forecast, truth, rows, slots, ks, rates, m);
    return this.regretsBySolver(forecast, truth, rows, ks, rates);
  }

  /** The same regrets with every distinct decision (per row and k) solved by javascript-lp-solver through solvers' `solve`. */
  private regretsBySolver(forecast: ArrayLike<number>, truth: ArrayLike<number>, rows: number, ks: Uint8Array, rates: Float64Array): Float64Array {
    const m = this.size;
    const slots = this.slots;
    // Shape and NaN checks (with the kernel's messages) before any solver call.
    kCheapestRegrets(forecast, truth, rows, slots, new Uint8Array(rows), new Float64Array(rows), 1);
    const out = new Float64Array(rows * m);
    for (let r = 0; r < rows; r++) {
      const f = Float64Array.from({ length: slots }, (_, t) => forecast[r * slots + t]);
      const y = Float64Array.from({ length: slots }, (_, t) => truth[r * slots + t]);
      const byForecast = new Map<number, number>();
      const byTruth = new Map<number, number>();
      const truthCost = (x: Uint8Array): number => {
        let c = 0;
        for (let t = 0; t < slots; t++) if (x[t] === 1) c += y[t];
        return c;
      };
      for (let j = 0; j < m; j++) {
        const i = r * m + j;
        const k = ks[i];
        const ref = { agent: this.ids[j], instance: r };
        let cf = byForecast.get(k);
        if (cf === undefined) {
          cf = truthCost(solve({ kind: "k-cheapest", costs: f, k }, { backend: "javascript-lp-solver", ref }));
          byForecast.set(k, cf);
        }
        let ct = byTruth.get(k);
        if (ct === undefined) {
          ct = truthCost(solve({ kind: "k-cheapest", costs: y, k }, { backend: "javascript-lp-solver", ref }));
          byTruth.set(k, ct);
        }
        const gap = cf - ct;
        out[i] = gap > 0 ? rates[i] * gap : 0;
      }
    }
    return out;
  }
}

/** Columns [first, first + slots) of a rows×horizon matrix, as rows×slots. */
function windowOf(values: ArrayLike<number>, rows: number, horizon: number, first: number, slots: number): Float64Array {
  const out = new Float64Array(rows * slots);
  for (let r = 0; r < rows; r++) for (let t = 0; t < slots; t++) out[r * slots + t] = values[r * horizon + first + t];
  return out;
}
