import { mean, variance, worst } from "@equitable/core";

/** The equity of one simulated week: across agents, of each agent's mean daily regret in it. */
export interface WeekEquity {
  readonly week: number;
  readonly variance: number;
  readonly worst: number;
  readonly mean: number;
}

/** Cuts daily regrets (days × M) into weeks of 7 days (a last partial week counts if it has any day) and measures each. */
export function weeklyEquity(daily: readonly Float64Array[]): WeekEquity[] {
  const out: WeekEquity[] = [];
  for (let w = 0; w * 7 < daily.length; w++) {
    const days = daily.slice(w * 7, w * 7 + 7);
    const m = days[0].length;
    const perAgent = new Float64Array(m);
    for (const d of days) for (let j = 0; j < m; j++) perAgent[j] += d[j] / days.length;
    out.push({ week: w, variance: variance(perAgent), worst: worst(perAgent), mean: mean(perAgent) });
  }
  return out;
}

