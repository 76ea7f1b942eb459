import type { AgentPopulation } from "@equitable/core";
import { sliceSample, type DrawnBatch } from "./draw-batch.js";

/** A check's verdict on one batch: undefined when it holds, else where and how it broke. */
export type Verdict = string | undefined;

/** Regrets of a drawn batch, as the population computes them. */
export function regretsOf(population: AgentPopulation, d: DrawnBatch): Float64Array {
  return population.regrets(d.forecast, d.truth, d.xi, d.batch);
}

function at(i: number, m: number, ids: readonly string[]): string {
  return `sample ${Math.floor(i / m)}, agent ${ids[i % m]}`;
}

function scaleOf(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s = Math.max(s, Math.abs(values[i]));
  return 1 + s;
}

/** The population's names and widths are usable: ids unique and non-empty, xiWidth an integer ≥ 1. */
export function checkIdentity(p: AgentPopulation): Verdict {
  if (typeof p.kind !== "string" || p.kind === "") return "kind must be a non-empty string";
  if (p.ids.length === 0) return "ids is empty: a population has at least one agent";
  if (new Set(p.ids).size !== p.ids.length) return "ids repeat: each agent needs its own id (regrets.csv rows are keyed by it)";
  if (p.ids.some((id) => typeof id !== "string" || id === "")) return "every id must be a non-empty string";
  if (!Number.isInteger(p.xiWidth) || p.xiWidth < 1) return `xiWidth must be an integer ≥ 1, got ${p.xiWidth}`;
  if (typeof p.differentiable !== "boolean") return "differentiable must be a boolean";
  return undefined;
}

/** regrets returns a fresh Float64Array of B×M values (PyEPO's reduction "none"). */
export function checkShape(p: AgentPopulation, d: DrawnBatch, out: unknown): Verdict {
  if (!(out instanceof Float64Array)) return `regrets returned ${Object.prototype.toString.call(out)}, expected a Float64Array`;
  const expected = d.batch * p.ids.length;
  if (out.length !== expected) return `regrets returned ${out.length} values for batch ${d.batch} × ${p.ids.length} agents (expected ${expected})`;
  return undefined;
}

/** Every regret is a finite number. */
export function checkFinite(p: AgentPopulation, out: Float64Array): Verdict {
  const i = out.findIndex((v) => !Number.isFinite(v));
  return i < 0 ? undefined : `${at(i, p.ids.length, p.ids)}: regret ${out[i]}`;
}

/** C = cost(π(ŷ)) − cost(π(y)) ≥ 0: the truth's decision is optimal under the truth (Sec. 3). */
export function checkNonNegative(p: AgentPopulation, out: Float64Array, tolerance: number): Verdict {
  const floor = -tolerance * scaleOf(out);
  const i = out.findIndex((v) => v < floor);
  return i < 0 ? undefined : `${at(i, p.ids.length, p.ids)}: regret ${out[i]} < 0`;
}

/** A perfect forecast costs nothing: regrets(y, y, ξ) = 0. */
export function checkZeroAtTruth(p: AgentPopulation, d: DrawnBatch, out: Float64Array, tolerance: number): Verdict {
  const atTruth = p.regrets(d.truth, d.truth, d.xi, d.batch);
  // Rounding scales with the regrets this batch can produce, not with 1.
  const bound = tolerance * Math.max(scaleOf(out), scaleOf(d.truth));
  const i = atTruth.findIndex((v) => !(Math.abs(v) <= bound));
  return i < 0 ? undefined : `${at(i, p.ids.length, p.ids)}: regret ${atTruth[i]} with forecast = truth`;
}

/** The same inputs give bit-identical regrets (no hidden randomness or state carried between calls). */
export function checkDeterministic(p: AgentPopulation, d: DrawnBatch, first: Float64Array): Verdict {
  const again = regretsOf(p, d);
  const i = first.findIndex((v, k) => !Object.is(v, again[k]));
  return i < 0 ? undefined : `${at(i, p.ids.length, p.ids)}: ${first[i]} on one call, ${again[i]} on the next`;
}

/** regrets leaves its inputs as it found them (the trainer reuses its batch buffers). */
export function checkPure(d: DrawnBatch, before: DrawnBatch): Verdict {
  for (const key of ["forecast", "truth", "xi"] as const) {
    const i = d[key].findIndex((v, k) => !Object.is(v, before[key][k]));
    if (i >= 0) return `regrets changed ${key}[${i}] from ${before[key][i]} to ${d[key][i]}`;
  }
  return undefined;
}

/** Sample r's regrets do not depend on the other samples of its batch. */
export function checkRowsIndependent(p: AgentPopulation, d: DrawnBatch, out: Float64Array, horizon: number, tolerance: number): Verdict {
  const m = p.ids.length;
  for (let r = 0; r < d.batch; r++) {
    const alone = regretsOf(p, sliceSample(d, r, horizon, m * p.xiWidth));
    for (let j = 0; j < m; j++) {
      const inBatch = out[r * m + j];
      if (!(Math.abs(alone[j] - inBatch) <= tolerance * (1 + Math.abs(inBatch)))) {
        return `sample ${r}, agent ${p.ids[j]}: ${inBatch} in a batch of ${d.batch}, ${alone[j]} alone`;
      }
    }
  }
  return undefined;
}

/**
 * Each agent's regrets read its own ξ only: swapping in other ξ for agent j changes column j and
 * no other, for every j (one agent per trial missed an agent reading agent 0's ξ).
 */
export function checkOwnContext(p: AgentPopulation, d: DrawnBatch, other: DrawnBatch, out: Float64Array, tolerance: number): Verdict {
  const m = p.ids.length;
  const w = p.xiWidth;
  for (let j = 0; j < m; j++) {
    const xi = d.xi.slice();
    for (let r = 0; r < d.batch; r++) {
      for (let f = 0; f < w; f++) xi[(r * m + j) * w + f] = other.xi[(r * m + j) * w + f];
    }
    const swapped = p.regrets(d.forecast, d.truth, xi, d.batch);
    for (let i = 0; i < out.length; i++) {
      if (i % m === j) continue;
      if (!(Math.abs(swapped[i] - out[i]) <= tolerance * (1 + Math.abs(out[i])))) {
        return `${at(i, m, p.ids)}: regret moved from ${out[i]} to ${swapped[i]} when only agent ${p.ids[j]}'s ξ changed`;
      }
    }
  }
  return undefined;
}
