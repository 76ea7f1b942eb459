import { agentIds, InputError, type AgentPopulation } from "@equitable/core";
import { checkSlotBatch, kCheapestRegrets, MAX_SLOTS } from "@equitable/solvers";

/** The phones' window in the paper's A.4: T = 12 hourly slots, like the EVs'. */
export const PHONE_SLOTS = 12;

/** Options of a phone population ({@link PhonePopulation}). */
export interface PhonePopulationOptions {
  /** Number of phones M. */
  readonly agents: number;
  /** Window length T; default 12. Forecasts must have exactly T steps. */
  readonly slots?: number;
  /** Agent identifiers; default "phone-0" … "phone-{M−1}". */
  readonly ids?: readonly string[];
}

/**
 * M phones of Appendix A.4 on a batch: phone o charges k of T slots minimising μ_o·Σ_t x_t·E^C_t, ξ per
 * agent is [k, μ], and regret = μ·(truth cost of the forecast's k cheapest slots − of the truth's), the EV kernel.
 */
export class PhonePopulation implements AgentPopulation {
  readonly kind = "phone";
  readonly differentiable = false;
  /** Two ξ values per agent: slots to charge k, and energy per slot μ (kWh). */
  readonly xiWidth = 2;
  readonly ids: readonly string[];
  /** Number of agents M. */
  readonly size: number;
  /** Window length T. */
  readonly slots: number;
  private ks = new Uint8Array(0);
  private mus = new Float64Array(0);

  constructor(opts: PhonePopulationOptions) {
    const m = opts.agents;
    const slots = opts.slots ?? PHONE_SLOTS;
    if (!Number.isInteger(m) || m < 1) throw new RangeError(`PhonePopulation: agents must be an integer ≥ 1, got ${m}`);
    if (!Number.isInteger(slots) || slots < 1 || slots > MAX_SLOTS) {
      throw new RangeError(`PhonePopulation: slots must be an integer in [1, ${MAX_SLOTS}], got ${slots}`);
    }
    this.ids = agentIds("PhonePopulation", "phone", m, opts.ids);
    this.size = m;
    this.slots = slots;
  }

  /**
   * A.4 regrets of all phones: forecast and truth rows×T, xi rows×M×2 [k, μ]; returns rows×M. k must be an
   * integer in [1, T] and μ a finite number > 0 (InputError naming agent and sample); NaN in forecast or
   * truth → InputError naming the sample; horizon ≠ T → RangeError.
   */
  regrets(forecast: ArrayLike<number>, truth: ArrayLike<number>, xi: ArrayLike<number>, rows: number): Float64Array {
    const m = this.size;
    const slots = this.slots;
    checkSlotBatch(forecast, truth, xi, rows, m, slots);
    const n = rows * m;
    if (this.ks.length < n) {
      this.ks = new Uint8Array(n);
      this.mus = new Float64Array(n);
    }
    const ks = this.ks.subarray(0, n);
    const mus = this.mus.subarray(0, n);
    for (let r = 0, i = 0; r < rows; r++) {
      for (let j = 0; j < m; j++, i++) {
        const k = xi[2 * i];
        const mu = xi[2 * i + 1];
        if (!(k >= 1 && k <= slots && k === Math.floor(k))) {
          throw new InputError(`agent ${this.ids[j]}, sample ${r}`, `k = ${k} slots; it must be an integer in [1, ${slots}]`);
        }
        if (!(mu > 0 && mu < Infinity)) {
          throw new InputError(`agent ${this.ids[j]}, sample ${r}`, `energy per slot μ = ${mu} kWh; it must be a finite number > 0`);
        }
        ks[i] = k;
        mus[i] = mu;
      }
    }
    return kCheapestRegrets(forecast, truth, rows, slots, ks, mus, m);
  }
}
