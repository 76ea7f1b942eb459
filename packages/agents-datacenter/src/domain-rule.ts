import { InputError } from "@equitable/core";

/** Eq. 12 domain floor: c, ĉ and w are raised to max(x, 0.01) before use (the paper clamps values ≤ 0 to 0.01). */
export const DATACENTER_FLOOR = 0.01;

/** max(v, 0.01); NaN stays NaN. */
export function floored(v: number): number {
  return v > DATACENTER_FLOOR ? v : Number.isNaN(v) ? v : DATACENTER_FLOOR;
}

/** Throws InputError("lambda") unless λ is a finite number > 0 (Eq. 12's latency weight). */
export function checkLambda(lambda: number, what = "λ"): void {
  if (!(Number.isFinite(lambda) && lambda > 0)) {
    throw new InputError("lambda", `${what} = ${lambda}; the latency weight must be a finite number > 0`);
  }
}

/**
 * The scalar carbon signal an Eq. 12 agent acts on from forecast/truth steps: the mean of the
 * steps (horizon 1: the value itself, horizon > 1: the paper's Table 3 averaging), then floored.
 */
export function signalOf(steps: ArrayLike<number>, where: string): number {
  const n = steps.length;
  if (n === 0) throw new InputError(where, "needs at least one step, got none");
  let s = 0;
  for (let i = 0; i < n; i++) s += steps[i];
  return floored(s / n);
}
