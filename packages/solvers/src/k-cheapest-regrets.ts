import { InputError } from "@equitable/core";
import { prefixSumsByRank, rankSlotsBatch } from "./select-cheapest-batch.js";

/** Largest window the kernel ranks: slot indices are stored in a Uint8Array. */
export const MAX_SLOTS = 256;

// Scratch reused across calls (JS is single-threaded): the kernel runs once per training batch,
// so allocating four row-sized arrays each time would be most of its garbage.
let forecastOrder = new Uint8Array(0);
let truthOrder = new Uint8Array(0);
let byForecast = new Float64Array(0);
let byTruth = new Float64Array(0);

function checkFinite(values: ArrayLike<number>, rows: number, slots: number, what: string): void {
  for (let r = 0, i = 0; r < rows; r++) {
    for (let t = 0; t < slots; t++, i++) {
      const v = values[i];
      // v − v is NaN for NaN and ±Infinity only.
      if (v - v !== 0) throw new InputError(`sample ${r}`, `${what} is ${v} at slot ${t}`);
    }
  }
}

/**
 * Regrets of "charge in exactly k of T slots" agents (Eq. 13 with a uniform rate; phones of A.4), rows×agents:
 * weight·(truth cost of the k cheapest slots by forecast − truth cost of the k cheapest by truth), ≥ 0.
 * forecast and truth are rows×slots; ks and weights rows×agents (k an integer in [0, slots], weight ≥ 0).
 * Each row's slots are ranked once per signal, so every agent costs O(1) whatever its k. Ties go to the
 * lower slot index, as the solvers' fast path breaks them. NaN or ±Infinity in forecast or truth →
 * InputError naming the row (`sample 17: forecast is NaN at slot 4`).
 */
export function kCheapestRegrets(
  forecast: ArrayLike<number>,
  truth: ArrayLike<number>,
  rows: number,
  slots: number,
  ks: ArrayLike<number>,
  weights: ArrayLike<number>,
  agents: number,
  out?: Float64Array,
): Float64Array {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`kCheapestRegrets: rows must be an integer ≥ 0, got ${rows}`);
  if (!Number.isInteger(slots) || slots < 1 || slots > MAX_SLOTS) {
    throw new RangeError(`kCheapestRegrets: slots must be an integer in [1, ${MAX_SLOTS}], got ${slots}`);
  }
  if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`kCheapestRegrets: agents must be an integer ≥ 0, got ${agents}`);
  const cells = rows * slots;
  if (forecast.length !== cells) throw new RangeError(`kCheapestRegrets: forecast has ${forecast.length} values, expected ${rows}×${slots}`);
  if (truth.length !== cells) throw new RangeError(`kCheapestRegrets: truth has ${truth.length} values, expected ${rows}×${slots}`);
  const n = rows * agents;
  if (ks.length !== n) throw new RangeError(`kCheapestRegrets: ks has ${ks.length} values, expected ${rows}×${agents}`);
  if (weights.length !== n) throw new RangeError(`kCheapestRegrets: weights has ${weights.length} values, expected ${rows}×${agents}`);
  const result = out ?? new Float64Array(n);
  if (result.length !== n) throw new RangeError(`kCheapestRegrets: out has ${result.length} values, expected ${rows}×${agents}`);
  if (n === 0) return result;
  checkFinite(forecast, rows, slots, "forecast");
  checkFinite(truth, rows, slots, "truth");

  if (forecastOrder.length < cells) {
    forecastOrder = new Uint8Array(cells);
    truthOrder = new Uint8Array(cells);
  }
  const prefixCells = rows * (slots + 1);
  if (byForecast.length < prefixCells) {
    byForecast = new Float64Array(prefixCells);
    byTruth = new Float64Array(prefixCells);
  }
  const fo = rankSlotsBatch(forecast, rows, slots, forecastOrder.subarray(0, cells));
  const to = rankSlotsBatch(truth, rows, slots, truthOrder.subarray(0, cells));
  // Both prefix sums price under the truth: [k] is the truth cost of the first k slots of each order.
  const pf = prefixSumsByRank(truth, fo, rows, slots, byForecast.subarray(0, prefixCells));
  const pt = prefixSumsByRank(truth, to, rows, slots, byTruth.subarray(0, prefixCells));

  const stride = slots + 1;
  for (let r = 0; r < rows; r++) {
    const base = r * stride;
    const row = r * agents;
    for (let m = 0; m < agents; m++) {
      const k = ks[row + m];
      const w = weights[row + m];
      if (!(k >= 0 && k <= slots && k === Math.floor(k))) {
        throw new InputError(`sample ${r}, agent index ${m}`, `k = ${k} is not an integer in [0, ${slots}]`);
      }
      if (!(w >= 0 && w < Infinity)) throw new InputError(`sample ${r}, agent index ${m}`, `weight ${w} is not a finite number ≥ 0`);
      // The same k slots summed in another order can differ in the last bit; a regret is never below 0.
      const gap = pf[base + k] - pt[base + k];
      result[row + m] = gap > 0 ? w * gap : 0;
    }
  }
  return result;
}
