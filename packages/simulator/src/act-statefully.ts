import { scan, map, type OperatorFunction } from "rxjs";
import type { LivePopulation } from "@equitable/core";
import type { DeployedForecast } from "./forecast-stream.js";
import type { SimTick } from "./simulation-clock.js";

/** What every agent did at one tick: its decision, its state after, and the cost it realised on the truth. */
export interface AgentTick {
  readonly tick: SimTick;
  readonly version: number;
  /** M×stateWidth after the tick. */
  readonly state: Float64Array;
  /** M×decisionWidth. */
  readonly decision: Float64Array;
  /** M realised costs. */
  readonly cost: Float64Array;
}

/** Runs a live population over the forecast stream: a reducer over (state, tick, forecast) → (state, decision), then each tick's realised cost. */
export function actStatefully(population: LivePopulation): OperatorFunction<DeployedForecast, AgentTick> {
  return (forecasts) => forecasts.pipe(
    scan(
      (prev: { state: Float64Array } & Partial<AgentTick>, f: DeployedForecast) => {
        const { state, decision } = population.step(prev.state, f.tick.index, f.forecast);
        return { tick: f.tick, version: f.version, state, decision, cost: population.cost(decision, f.tick.index) };
      },
      { state: population.initialState() },
    ),
    map((t) => t as AgentTick),
  );
}
