import { InputError } from "@equitable/core";
import { InfeasibleProblemError } from "./problem-errors.js";
import { rankSlots } from "./rank-slots.js";

// The hot path of training: every agent that reads one forecast row shares that row's ranking of
// its T slots, so a row costs one small insertion sort and each agent's decision is then O(1)
// given its k (the mask, or the prefix sum, of the first k ranked slots). Scratch buffers are
// module-level so the loops allocate nothing.
const MAX_MASK_SLOTS = 32;
const rowOrder = new Uint8Array(MAX_MASK_SLOTS);
const prefixMasks = new Uint32Array(MAX_MASK_SLOTS + 1);

/** For R rows of T slot values (row-major R×T) and an R×M matrix of k's, the chosen slots of every (row, agent) as a bitmask (bit t set = slot t charged). T ≤ 32. */
export function selectCheapestBatch(
  values: ArrayLike<number>,
  rows: number,
  slots: number,
  ks: ArrayLike<number>,
  agents: number,
  out?: Uint32Array,
): Uint32Array {
  checkCount(rows, "rows");
  checkCount(slots, "slots");
  checkCount(agents, "agents");
  if (slots > MAX_MASK_SLOTS) throw new InputError("slots", `must be ≤ ${MAX_MASK_SLOTS} (one bit per slot in a Uint32), got ${slots}`);
  checkLength(values, rows * slots, "values", `rows × slots = ${rows} × ${slots}`);
  checkLength(ks, rows * agents, "ks", `rows × agents = ${rows} × ${agents}`);
  const result = out ?? new Uint32Array(rows * agents);
  checkLength(result, rows * agents, "out", `rows × agents = ${rows} × ${agents}`);
  for (let r = 0; r < rows; r++) {
    const bad = rankSlots(values, r * slots, slots, rowOrder, 0);
    if (bad >= 0) throw nonFinite(values, r, slots, bad);
    let mask = 0;
    prefixMasks[0] = 0;
    for (let j = 0; j < slots; j++) {
      mask |= 1 << rowOrder[j];
      prefixMasks[j + 1] = mask; // the Uint32Array store reads bit 31 as unsigned
    }
    const base = r * agents;
    for (let a = 0; a < agents; a++) {
      const k = ks[base + a];
      // One comparison chain rejects NaN, fractions and out-of-range k alike.
      if (!(k >= 0 && k <= slots && (k | 0) === k)) throw badK(k, r, a, slots);
      result[base + a] = prefixMasks[k];
    }
  }
  return result;
}

/** For R rows, the slot order by ascending value (stable), R×T Uint8Array — lets callers reuse one ranking for all agents sharing a row. */
export function rankSlotsBatch(values: ArrayLike<number>, rows: number, slots: number, out?: Uint8Array): Uint8Array {
  checkCount(rows, "rows");
  checkCount(slots, "slots");
  if (slots > 256) throw new InputError("slots", `must be ≤ 256 (slot indices are stored as bytes), got ${slots}`);
  checkLength(values, rows * slots, "values", `rows × slots = ${rows} × ${slots}`);
  const result = out ?? new Uint8Array(rows * slots);
  checkLength(result, rows * slots, "out", `rows × slots = ${rows} × ${slots}`);
  for (let r = 0; r < rows; r++) {
    const bad = rankSlots(values, r * slots, slots, result, r * slots);
    if (bad >= 0) throw nonFinite(values, r, slots, bad);
  }
  return result;
}

/** Prefix sums along a ranking: out[r, j] = Σ_{i<j} source[r, order[r, i]], R×(T+1) Float64Array. Cost of the k cheapest-by-`order` slots under `source` is out[r, k]. */
export function prefixSumsByRank(
  source: ArrayLike<number>,
  order: Uint8Array,
  rows: number,
  slots: number,
  out?: Float64Array,
): Float64Array {
  checkCount(rows, "rows");
  checkCount(slots, "slots");
  checkLength(source, rows * slots, "source", `rows × slots = ${rows} × ${slots}`);
  checkLength(order, rows * slots, "order", `rows × slots = ${rows} × ${slots}`);
  const width = slots + 1;
  const result = out ?? new Float64Array(rows * width);
  checkLength(result, rows * width, "out", `rows × (slots + 1) = ${rows} × ${width}`);
  for (let r = 0; r < rows; r++) {
    const base = r * slots;
    let acc = 0;
    result[r * width] = 0;
    for (let j = 0; j < slots; j++) {
      const t = order[base + j];
      if (t >= slots) throw new InputError(`row ${r}, order[${j}]`, `slot ${t} is out of range for ${slots} slots`);
      acc += source[base + t];
      result[r * width + j + 1] = acc;
    }
  }
  return result;
}

function checkCount(n: number, field: string): void {
  if (!Number.isInteger(n) || n < 0) throw new InputError(field, `must be a non-negative integer, got ${n}`);
}

function checkLength(array: ArrayLike<number>, expected: number, field: string, shape: string): void {
  if (array?.length !== expected) throw new InputError(field, `has length ${array?.length}, expected ${shape} = ${expected}`);
}

function nonFinite(values: ArrayLike<number>, row: number, slots: number, slot: number): InputError {
  return new InputError(`row ${row}, slot ${slot}`, `value must be a finite number, got ${values[row * slots + slot]}`);
}

function badK(k: number, row: number, agent: number, slots: number): InputError {
  const ref = { instance: `row ${row}, agent ${agent}` };
  if (typeof k === "number" && Number.isInteger(k)) {
    return new InfeasibleProblemError("k-cheapest", k < 0 ? `k = ${k} < 0` : `k = ${k} > ${slots} slots`, ref);
  }
  return new InputError(`row ${row}, agent ${agent}`, `k must be an integer in [0, ${slots}], got ${k}`);
}
