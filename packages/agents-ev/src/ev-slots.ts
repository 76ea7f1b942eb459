import { InputError } from "@equitable/core";
import { InfeasibleProblemError } from "@equitable/solvers";

/** The window of Eq. 13 in the paper: T = 12 hourly slots (half a day). */
export const EV_SLOTS = 12;

/** An EV's context ξ at one tick (Eq. 13): what it must still charge, and how fast it charges. */
export interface EvContext {
  /** Energy need D − I, kWh (≥ 0). */
  readonly need: number;
  /** Uniform charging rate ζ, kWh per slot-hour (> 0). */
  readonly rate: number;
}

function whereOf(agent: string, sample: number | undefined): string {
  return sample === undefined ? `agent ${agent}` : `agent ${agent}, sample ${sample}`;
}

/**
 * Slots k an EV must charge to meet Eq. 13's constraint I + Σ ζ·x_t = D: k = round((D − I)/ζ), the
 * rounding absorbing float32 storage of ξ. Throws InputError for a negative or non-finite need or a rate
 * that is not > 0, and InfeasibleProblemError when k > slots (the window cannot deliver the need).
 */
export function evSlots(need: number, rate: number, slots: number, agent: string, sample?: number): number {
  if (!(need >= 0 && need < Infinity)) {
    const what = need < 0 ? `negative energy need ${need} kWh` : `energy need is ${need}, not a finite number of kWh`;
    throw new InputError(whereOf(agent, sample), what);
  }
  if (!(rate > 0 && rate < Infinity)) {
    throw new InputError(whereOf(agent, sample), `charging rate ζ = ${rate} kWh/h; it must be a finite number > 0`);
  }
  const k = Math.round(need / rate);
  if (k > slots) {
    throw new InfeasibleProblemError(
      "k-cheapest",
      `need ${need} kWh at ${rate} kWh/h takes k = ${k} slots > ${slots}`,
      sample === undefined ? { agent } : { agent, instance: sample },
    );
  }
  return k;
}
