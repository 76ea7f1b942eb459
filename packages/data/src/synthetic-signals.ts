import { InputError, createRandom, type Random } from "@equitable/core";
import { CARBON_FACTORS } from "./carbon-intensity.js";

/** Settings of the synthetic generator; only hours and seed are required. */
export interface SyntheticOptions {
  /** Length of both series, in hours; hour 0 is midnight on a Monday. */
  readonly hours: number;
  /** Seed of every random draw: the same seed gives identical series. */
  readonly seed: number | string;
  /** Clear-sky solar output at noon as a fraction of mean grid load (default 0.45). */
  readonly solarPeak?: number;
  /** Mean wind output as a fraction of mean grid load (default 0.2). */
  readonly windMean?: number;
  /** Standard deviation of the persistent workload noise, relative to mean demand (default 0.05). */
  readonly demandNoise?: number;
}

/** Two hourly series that stand in for the real files. */
export interface SyntheticSignals {
  /** Grid carbon intensity, kg CO2/kWh, from a simulated fuel mix. */
  readonly carbon: Float64Array;
  /** Data-centre workload demand, dimensionless with mean about 1. */
  readonly demand: Float64Array;
}

const TAU = 2 * Math.PI;
// Firm generation as fractions of mean grid load; gas is the balancing fuel on top of them.
const NUCLEAR = 0.18;
const COAL = 0.06;
const HYDRO = 0.1;
// Gas never falls below this share of load: it provides reserve even in the sunniest hour.
const MIN_GAS_SHARE = 0.05;

/** A stationary AR(1) process with unit variance: persistence φ, so shocks fade over ~1/(1−φ) steps. */
function ar1(rng: Random, phi: number): () => number {
  let state = rng.normal();
  const innovation = Math.sqrt(1 - phi * phi);
  return () => {
    state = phi * state + innovation * rng.normal();
    return state;
  };
}

function validate(options: SyntheticOptions): void {
  if (!Number.isInteger(options.hours) || options.hours < 1) {
    throw new InputError("hours", `must be a positive integer, got ${options.hours}`);
  }
  for (const field of ["solarPeak", "windMean", "demandNoise"] as const) {
    const value = options[field];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new InputError(field, `must be a non-negative number, got ${value}`);
    }
  }
}

function carbonSeries(hours: number, rng: Random, solarPeak: number, windMean: number): Float64Array {
  const loadNoise = ar1(rng.fork("load"), 0.9);
  const wind = ar1(rng.fork("wind"), 0.97);
  let gust = wind();
  const clouds = ar1(rng.fork("clouds"), 0.6);
  const f = CARBON_FACTORS;
  const out = new Float64Array(hours);
  let clearness = 1;
  for (let h = 0; h < hours; h++) {
    const hour = h % 24;
    const day = Math.floor(h / 24);
    if (hour === 0) clearness = Math.min(1, Math.max(0.3, 0.8 + 0.2 * clouds()));
    const weekend = day % 7 >= 5 ? 1 : 0;
    const load =
      1 + 0.15 * Math.sin((TAU * (hour - 10)) / 24) + 0.05 * Math.cos((TAU * (day - 200)) / 365) - 0.06 * weekend + 0.02 * loadNoise();
    const solar = solarPeak * clearness * Math.max(0, Math.sin((Math.PI * (hour - 6)) / 12)) ** 1.5;
    // Exponential smoothing of the AR(1) keeps hour-to-hour wind changes gradual, as real fleets are.
    gust = 0.6 * gust + 0.4 * wind();
    // Log-normal around windMean, a little stronger at night as on most continental grids.
    let windOut = windMean * Math.exp(0.6 * gust - 0.18) * (1 + 0.15 * Math.cos((TAU * hour) / 24));
    const hydro = HYDRO * (1 + 0.3 * Math.sin((TAU * (hour - 10)) / 24));
    let solarOut = solar;
    const room = load * (1 - MIN_GAS_SHARE) - NUCLEAR - COAL - hydro;
    if (solarOut + windOut > room) {
      // Curtail wind and sun in proportion rather than let gas go below its reserve share.
      const keep = Math.max(0, room) / (solarOut + windOut);
      solarOut *= keep;
      windOut *= keep;
    }
    const gas = load - NUCLEAR - COAL - hydro - solarOut - windOut;
    const total = NUCLEAR + COAL + hydro + solarOut + windOut + gas;
    out[h] = (NUCLEAR * f.NUC + COAL * f.COL + hydro * f.WAT + solarOut * f.SUN + windOut * f.WND + gas * f.NG) / total;
  }
  return out;
}

function demandSeries(hours: number, rng: Random, noise: number): Float64Array {
  const slow = ar1(rng.fork("slow"), 0.8);
  const fast = rng.fork("fast");
  const out = new Float64Array(hours);
  for (let h = 0; h < hours; h++) {
    const hour = h % 24;
    const weekend = Math.floor(h / 24) % 7 >= 5 ? 1 : 0;
    const daily = 0.3 * Math.sin((TAU * (hour - 9)) / 24) + 0.08 * Math.sin((TAU * (hour - 3)) / 12);
    const value = 1 + daily * (1 - 0.4 * weekend) - 0.12 * weekend + noise * slow() + 0.4 * noise * fast.normal();
    out[h] = Math.max(0.05, value);
  }
  return out;
}

/**
 * Seeded synthetic carbon intensity and workload demand, so runs need no data files. Carbon comes
 * from a simulated fuel mix (bell-shaped solar under day-to-day clouds, log-normal AR(1) wind,
 * fixed nuclear, coal and hydro, gas filling the rest of a load curve with daily and weekly cycles)
 * weighted by {@link CARBON_FACTORS}; demand has daily and weekly cycles plus persistent and white noise.
 * Both are finite and positive; the same seed gives identical arrays.
 */
export function syntheticSignals(options: SyntheticOptions): SyntheticSignals {
  validate(options);
  const rng = createRandom(options.seed);
  return {
    carbon: carbonSeries(options.hours, rng.fork("carbon"), options.solarPeak ?? 0.45, options.windMean ?? 0.2),
    demand: demandSeries(options.hours, rng.fork("demand"), options.demandNoise ?? 0.05),
  };
}
