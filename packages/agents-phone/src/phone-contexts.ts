import { InputError, type Random } from "@equitable/core";
import { MAX_SLOTS } from "@equitable/solvers";
import { PHONE_SLOTS } from "./phone-population.js";

/** Options of the phone context builder ({@link buildPhoneContexts}). */
export interface PhoneContextOptions {
  /** Number of phones M. */
  readonly agents: number;
  /** Number of ticks N (rows of ξ). */
  readonly ticks: number;
  /** Fewest slots a phone charges at a tick; default 1. */
  readonly kMin?: number;
  /** Most slots a phone charges at a tick; default 11. */
  readonly kMax?: number;
  /** Lower end of a phone's energy per slot μ, kWh; default {@link DEFAULT_MU_MIN}. */
  readonly muMin?: number;
  /** Upper end of a phone's energy per slot μ, kWh; default {@link DEFAULT_MU_MAX}. */
  readonly muMax?: number;
  /** Window length T; default 12. kMax must not exceed it. */
  readonly slots?: number;
  /** Seeded source of every μ and k. */
  readonly rng: Random;
}

/** Default fewest slots a phone charges (the paper's phones draw k at random). */
export const DEFAULT_K_MIN = 1;
/** Default most slots a phone charges: 11 of the 12, so some choice always remains. */
export const DEFAULT_K_MAX = 11;
/** Default lower end of μ, kWh per hourly slot: a 10 W charger. */
export const DEFAULT_MU_MIN = 0.01;
/** Default upper end of μ, kWh per hourly slot: a 20 W charger. */
export const DEFAULT_MU_MAX = 0.02;

/**
 * Phone contexts ξ (ticks×M×2, [k, μ]) for Appendix A.4. The authors drew k at random with no seed; here
 * every draw comes from `rng`: first each phone's μ ~ U[muMin, muMax] once (its charger), in agent order,
 * then each tick's k ~ uniform integer in [kMin, kMax] per phone, tick by tick. Same seed, same array.
 */
export function buildPhoneContexts(opts: PhoneContextOptions): Float32Array {
  const { agents: m, ticks, rng } = opts;
  const slots = opts.slots ?? PHONE_SLOTS;
  const kMin = opts.kMin ?? DEFAULT_K_MIN;
  const kMax = opts.kMax ?? Math.min(DEFAULT_K_MAX, slots);
  const muMin = opts.muMin ?? DEFAULT_MU_MIN;
  const muMax = opts.muMax ?? Math.max(DEFAULT_MU_MAX, muMin);
  if (!Number.isInteger(m) || m < 1) throw new InputError("agents", `must be an integer ≥ 1, got ${m}`);
  if (!Number.isInteger(ticks) || ticks < 1) throw new InputError("ticks", `must be an integer ≥ 1, got ${ticks}`);
  if (!Number.isInteger(slots) || slots < 1 || slots > MAX_SLOTS) throw new InputError("slots", `must be an integer in [1, ${MAX_SLOTS}], got ${slots}`);
  if (!Number.isInteger(kMin) || kMin < 1 || kMin > slots) throw new InputError("kMin", `must be an integer in [1, ${slots}], got ${kMin}`);
  if (!Number.isInteger(kMax) || kMax < kMin || kMax > slots) throw new InputError("kMax", `must be an integer in [kMin = ${kMin}, ${slots}], got ${kMax}`);
  if (!(Number.isFinite(muMin) && muMin > 0)) throw new InputError("muMin", `must be a finite number > 0, got ${muMin}`);
  if (!(Number.isFinite(muMax) && muMax >= muMin)) throw new InputError("muMax", `must be a finite number ≥ muMin = ${muMin}, got ${muMax}`);

  const mus = Float64Array.from({ length: m }, () => muMin + (muMax - muMin) * rng.next());
  const span = kMax - kMin + 1;
  const out = new Float32Array(ticks * m * 2);
  for (let t = 0, i = 0; t < ticks; t++) {
    for (let j = 0; j < m; j++, i++) {
      out[2 * i] = kMin + rng.int(span);
      out[2 * i + 1] = mus[j];
    }
  }
  return out;
}
