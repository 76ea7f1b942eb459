import { bufferCount, map, type OperatorFunction } from "rxjs";
import type { LivePopulation } from "@equitable/core";
import type { AgentTick } from "./act-statefully.js";

/** Every agent's stateful regret and realised cost over one window of ticks [from, to). */
export interface WindowRegrets {
  readonly from: number;
  readonly to: number;
  /** Hour of the window's first tick. */
  readonly hour: number;
  /** M regrets, totals over the window (≥ 0). */
  readonly regrets: Float64Array;
  /** M realised costs, totals over the window. */
  readonly costs: Float64Array;
  /** Model versions that served in the window. */
  readonly versions: readonly number[];
}

/** Cuts the agents' ticks into windows of `length` ticks (the last may be shorter) and prices each against its hindsight optimum. */
export function windowRegrets(population: LivePopulation, length: number): OperatorFunction<AgentTick, WindowRegrets> {
  if (!(Number.isInteger(length) && length >= 1)) throw new RangeError(`windowRegrets: length must be an integer ≥ 1 tick, got ${length}`);
  const m = population.ids.length;
  const width = population.decisionWidth;
  return (ticks) => ticks.pipe(
    bufferCount(length),
    map((window) => {
      const decisions = new Float64Array(window.length * m * width);
      const costs = new Float64Array(m);
      const versions: number[] = [];
      window.forEach((t, k) => {
        decisions.set(t.decision, k * m * width);
        for (let j = 0; j < m; j++) costs[j] += t.cost[j];
        if (versions[versions.length - 1] !== t.version) versions.push(t.version);
      });
      const from = window[0].tick.index;
      const to = from + window.length;
      return { from, to, hour: window[0].tick.hour, regrets: population.regrets(from, to, decisions), costs, versions };
    }),
  );
}
