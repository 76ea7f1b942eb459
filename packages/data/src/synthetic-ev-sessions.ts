import { createRandom } from "@equitable/core";
import { EV_MAX_CHARGING_HOURS, EV_MIN_CHARGING_HOURS, type EvSessions } from "./ev-sessions.js";

/**
 * Seeded stand-in for the ACN sessions, so EV scenarios run without data files: one session
 * every 1–4 hours, charging for U[3, 12] h at a Level-2 rate U[1.5, 7] kWh/h (ACN's range).
 */
export function syntheticEvSessions(opts: { count: number; seed: number | string }): EvSessions {
  const { count } = opts;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`syntheticEvSessions: count must be a positive integer, got ${count}`);
  const rng = createRandom(opts.seed).fork("ev-sessions");
  const start = new Float64Array(count);
  const hours = new Float64Array(count);
  const energy = new Float64Array(count);
  let t = Date.UTC(2022, 0, 1);
  for (let i = 0; i < count; i++) {
    t += (1 + 3 * rng.next()) * 3_600_000;
    start[i] = t;
    hours[i] = EV_MIN_CHARGING_HOURS + (EV_MAX_CHARGING_HOURS - EV_MIN_CHARGING_HOURS) * rng.next();
    energy[i] = hours[i] * (1.5 + 5.5 * rng.next());
  }
  return { size: count, start, hours, energy };
}
