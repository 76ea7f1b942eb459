import { InputError, permutation, type Random } from "@equitable/core";
import { floored } from "./domain-rule.js";

/** How Eq. 12 agents' demand series differ: "similar" (shifted copies of one trace) or "different" (some perturbed). */
export type DemandMode = "similar" | "different";

/** Options of the Eq. 12 demand builder ({@link buildDemandMatrix}). */
export interface DemandMatrixOptions {
  /** Number of agents M (columns). */
  readonly agents: number;
  /** "similar": shifted trace only; "different": `perturbed` agents also get offset + noise. */
  readonly mode: DemandMode;
  /** How many agents "different" perturbs; default min(20, agents). */
  readonly perturbed?: number;
  /** Upper end of the uniform per-agent offset [0, shiftMax]; default 60. */
  readonly shiftMax?: number;
  /** Std of the per-tick Gaussian noise; default 1. */
  readonly noiseStd?: number;
  /** Seeded source for choosing perturbed agents and their noise. */
  readonly rng: Random;
}

/** Default number of perturbed Eq. 12 agents in "different" mode (20 of the paper's 50). */
export const DEFAULT_PERTURBED = 20;
/** Default upper end of a perturbed Eq. 12 agent's uniform demand offset. */
export const DEFAULT_SHIFT_MAX = 60;
/** Default std of a perturbed Eq. 12 agent's per-tick Gaussian demand noise. */
export const DEFAULT_NOISE_STD = 1;

/** Eq. 12 demands (hours×M): w_{t,j} = trace[(t + j·⌊len/M⌋) mod len]; "different" adds U[0, shiftMax] + N(0, noiseStd²) to `perturbed` agents, floored at 0.01. */
export function buildDemandMatrix(trace: ArrayLike<number>, hours: number, opts: DemandMatrixOptions): Float64Array {
  const len = trace.length;
  const m = opts.agents;
  if (len === 0) throw new InputError("trace", "the demand trace is empty");
  if (!Number.isInteger(hours) || hours < 1) throw new InputError("hours", `must be an integer ≥ 1, got ${hours}`);
  if (!Number.isInteger(m) || m < 1) throw new InputError("agents", `must be an integer ≥ 1, got ${m}`);
  if (m > len) throw new InputError("agents", `${m} agents need a trace of at least ${m} values, got ${len}`);
  if (opts.mode !== "similar" && opts.mode !== "different") {
    throw new InputError("mode", `unknown mode "${String(opts.mode)}"; expected "similar" or "different"`);
  }
  const perturbed = opts.perturbed ?? Math.min(DEFAULT_PERTURBED, m);
  const shiftMax = opts.shiftMax ?? DEFAULT_SHIFT_MAX;
  const noiseStd = opts.noiseStd ?? DEFAULT_NOISE_STD;
  if (!Number.isInteger(perturbed) || perturbed < 0 || perturbed > m) {
    throw new InputError("perturbed", `must be an integer in [0, ${m}], got ${perturbed}`);
  }
  if (!(Number.isFinite(shiftMax) && shiftMax >= 0)) throw new InputError("shiftMax", `must be ≥ 0, got ${shiftMax}`);
  if (!(Number.isFinite(noiseStd) && noiseStd >= 0)) throw new InputError("noiseStd", `must be ≥ 0, got ${noiseStd}`);

  const chunk = Math.floor(len / m);
  const out = new Float64Array(hours * m);
  for (let j = 0; j < m; j++) {
    const start = j * chunk;
    for (let t = 0; t < hours; t++) out[t * m + j] = trace[(t + start) % len];
  }
  if (opts.mode === "similar" || perturbed === 0) return out;

  const { rng } = opts;
  const chosen = permutation(m, rng).subarray(0, perturbed).sort();
  for (const j of chosen) {
    const offset = rng.next() * shiftMax;
    for (let t = 0; t < hours; t++) {
      const k = t * m + j;
      out[k] = floored(out[k] + offset + noiseStd * rng.normal());
    }
  }
  return out;
}
