import { InputError, permutation, type Random } from "@equitable/core";
import type { EvSessions } from "@equitable/data";
import { MAX_SLOTS } from "@equitable/solvers";
import { EV_SLOTS } from "./ev-slots.js";

/** How EV agents' needs differ: "similar" (each its own stretch of the session log) or "different" (some also shifted). */
export type EvMode = "similar" | "different";

/** Options of the Eq. 13 population builder ({@link buildEvContexts}). */
export interface EvContextOptions {
  /** Number of agents M (the paper: 70). */
  readonly agents: number;
  /** Number of ticks N (rows of ξ). */
  readonly ticks: number;
  /** "similar": chunks of the session log only; "different": `perturbed` agents' needs also shifted and noised. */
  readonly mode: EvMode;
  /** How many agents "different" perturbs; default min(20, agents). */
  readonly perturbed?: number;
  /** Upper end of a perturbed agent's uniform need offset U[0, shiftMax], kWh; default {@link DEFAULT_EV_SHIFT_MAX}. */
  readonly shiftMax?: number;
  /** Std of a perturbed agent's per-tick Gaussian need noise, kWh; default {@link DEFAULT_EV_NOISE_STD}. */
  readonly noiseStd?: number;
  /** Window length T; default 12. Sessions that charged longer than T hours are capped at T slots. */
  readonly slots?: number;
  /**
   * Where the uniform rate ζ comes from. "session" (default): each session's own energy/duration, so k is
   * the session's duration. "agent": ζ_j is EV j's mean rate over its sessions ("ζ_{j,t} constant w.r.t. t
   * for the j-th EV", Sec. 5.2), so k = round(need/ζ_j) and agents differ in which slot counts they need.
   */
  readonly rate?: "session" | "agent";
  /**
   * Receives how many (tick, agent) needs exceeded what the window delivers (ζ·T) and were capped there,
   * and the first of them in agent-then-tick order (undefined when none was), so a caller can count them
   * or refuse the data. With "session" rates a session longer than T hours is such a need.
   */
  readonly onCapped?: (count: number, first: CappedNeed | undefined) => void;
  /** Seeded source for choosing perturbed agents and their offsets and noise. */
  readonly rng: Random;
}

/** A need the charging window cannot deliver, as {@link EvContextOptions.onCapped} reports it. */
export interface CappedNeed {
  /** The agent (column of ξ). */
  readonly agent: number;
  /** Index of its session in the session log. */
  readonly session: number;
  /** Slots the need asks for (more than the window's T). */
  readonly slotsNeeded: number;
}

/** Default number of perturbed EV agents in "different" mode (the paper perturbs 20). */
export const DEFAULT_EV_PERTURBED = 20;
/** Default upper end of a perturbed EV agent's need offset, kWh: on the ACN Caltech file it gives a pairwise W1 span like the paper's 1.33–60.36. */
export const DEFAULT_EV_SHIFT_MAX = 55;
/** Default std of a perturbed EV agent's per-tick need noise, kWh. */
export const DEFAULT_EV_NOISE_STD = 1;
/** Smallest need a perturbed agent can get, kWh: noise must not make a need ≤ 0. */
export const EV_NEED_FLOOR = 0.01;

/**
 * Eq. 13 contexts ξ (ticks×M×2, [need kWh, rate ζ kWh/h]) from chronological sessions, as the authors
 * built them: the sessions are cut into M contiguous chunks of ⌊size/M⌋, and agent m at tick t takes
 * session chunk_m[t mod chunk]: k = round(hours) slots (capped at T), ζ = energy/round(hours), need = ζ·k
 * (= energy unless capped). "different": `perturbed` agents (a seeded permutation's first entries) draw an
 * offset U[0, shiftMax] once and add it plus N(0, noiseStd²) per tick to the need, floored at 0.01 kWh,
 * keeping k (so ζ = need/k scales with the need).
 */
export function buildEvContexts(sessions: EvSessions, opts: EvContextOptions): Float32Array {
  const { agents: m, ticks, mode, rng } = opts;
  const slots = opts.slots ?? EV_SLOTS;
  const len = sessions.size;
  if (!Number.isInteger(m) || m < 1) throw new InputError("agents", `must be an integer ≥ 1, got ${m}`);
  if (m > len) throw new InputError("agents", `${m} agents need at least ${m} sessions, got ${len}`);
  if (!Number.isInteger(ticks) || ticks < 1) throw new InputError("ticks", `must be an integer ≥ 1, got ${ticks}`);
  if (mode !== "similar" && mode !== "different") {
    throw new InputError("mode", `unknown mode "${String(mode)}"; expected "similar" or "different"`);
  }
  if (!Number.isInteger(slots) || slots < 1 || slots > MAX_SLOTS) throw new InputError("slots", `must be an integer in [1, ${MAX_SLOTS}], got ${slots}`);
  const perturbed = opts.perturbed ?? Math.min(DEFAULT_EV_PERTURBED, m);
  const shiftMax = opts.shiftMax ?? DEFAULT_EV_SHIFT_MAX;
  const noiseStd = opts.noiseStd ?? DEFAULT_EV_NOISE_STD;
  if (!Number.isInteger(perturbed) || perturbed < 0 || perturbed > m) {
    throw new InputError("perturbed", `must be an integer in [0, ${m}], got ${perturbed}`);
  }
  if (!(Number.isFinite(shiftMax) && shiftMax >= 0)) throw new InputError("shiftMax", `must be a finite number ≥ 0, got ${shiftMax}`);
  if (!(Number.isFinite(noiseStd) && noiseStd >= 0)) throw new InputError("noiseStd", `must be a finite number ≥ 0, got ${noiseStd}`);

  const { hours, energy } = sessions;
  const chunk = Math.floor(len / m);
  if (opts.rate === "agent") {
    return perAgentRate(sessions, { m, ticks, chunk, slots, mode, perturbed, shiftMax, noiseStd, rng, onCapped: opts.onCapped });
  }
  const out = new Float32Array(ticks * m * 2);
  // k per session, kept in float64 so "different" can rescale ζ = need/k without reading back float32.
  const kOf = (s: number): number => Math.min(Math.max(Math.round(hours[s]), 1), slots);
  const capped = new CappedCount();
  for (let j = 0; j < m; j++) {
    const first = j * chunk;
    for (let t = 0; t < ticks; t++) {
      const s = first + (t % chunk);
      const full = Math.max(Math.round(hours[s]), 1);
      if (full > slots) capped.add(j, s, full);
      const rate = energy[s] / full;
      const i = 2 * (t * m + j);
      out[i] = rate * kOf(s);
      out[i + 1] = rate;
    }
  }
  capped.report(opts.onCapped);
  if (mode === "similar" || perturbed === 0) return out;

  const chosen = permutation(m, rng).subarray(0, perturbed).sort();
  for (const j of chosen) {
    const offset = rng.next() * shiftMax;
    const first = j * chunk;
    for (let t = 0; t < ticks; t++) {
      const s = first + (t % chunk);
      const full = Math.max(Math.round(hours[s]), 1);
      const need = (energy[s] / full) * kOf(s) + offset + noiseStd * rng.normal();
      const floored = need > EV_NEED_FLOOR ? need : EV_NEED_FLOOR;
      const i = 2 * (t * m + j);
      out[i] = floored;
      out[i + 1] = floored / kOf(s);
    }
  }
  return out;
}

/**
 * ξ with one rate per EV: ζ_j = mean of energy/hours over agent j's chunk; need = the session's energy (plus
 * the "different" offset and noise), k = round(need/ζ_j) clamped to [1, T]. A need above what the window
 * delivers (ζ_j·T) is capped there and the stored need is ζ_j·k, so k = need/ζ exactly.
 */
function perAgentRate(
  sessions: EvSessions,
  o: {
    m: number; ticks: number; chunk: number; slots: number; mode: EvMode; perturbed: number; shiftMax: number; noiseStd: number; rng: Random;
    onCapped?: EvContextOptions["onCapped"];
  },
): Float32Array {
  const { m, ticks, chunk, slots } = o;
  const out = new Float32Array(ticks * m * 2);
  const rates = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let c = 0; c < chunk; c++) s += sessions.energy[j * chunk + c] / sessions.hours[j * chunk + c];
    rates[j] = s / chunk;
  }
  const offsets = new Float64Array(m);
  const noisy = new Uint8Array(m);
  if (o.mode === "different" && o.perturbed > 0) {
    for (const j of permutation(m, o.rng).subarray(0, o.perturbed)) {
      offsets[j] = o.rng.next() * o.shiftMax;
      noisy[j] = 1;
    }
  }
  const capped = new CappedCount();
  for (let t = 0; t < ticks; t++) {
    for (let j = 0; j < m; j++) {
      const s = j * chunk + (t % chunk);
      let need = sessions.energy[s] + offsets[j];
      if (noisy[j]) need += o.noiseStd * o.rng.normal();
      const wanted = Math.max(Math.round(need / rates[j]), 1);
      if (wanted > slots) capped.add(j, s, wanted);
      const k = Math.min(wanted, slots);
      const i = 2 * (t * m + j);
      out[i] = rates[j] * k;
      out[i + 1] = rates[j];
    }
  }
  capped.report(o.onCapped);
  return out;
}

/** Counts capped needs and keeps the first in agent-then-tick order, whatever order the loop visits them in. */
class CappedCount {
  private count = 0;
  private first: CappedNeed | undefined;

  add(agent: number, session: number, slotsNeeded: number): void {
    this.count++;
    const f = this.first;
    if (f === undefined || agent < f.agent || (agent === f.agent && session < f.session)) this.first = { agent, session, slotsNeeded };
  }

  report(onCapped: EvContextOptions["onCapped"]): void {
    onCapped?.(this.count, this.first);
  }
}
