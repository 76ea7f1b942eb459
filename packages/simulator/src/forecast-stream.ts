import { map, type OperatorFunction } from "rxjs";
import type { Deployment } from "./deploy-models.js";
import type { SimTick } from "./simulation-clock.js";

/** A tick with the deployed model's forecast of the next H steps. */
export interface DeployedForecast {
  readonly tick: SimTick;
  readonly version: number;
  /** H values: the forecast made at the tick. */
  readonly forecast: Float64Array;
}

/** The forecast stream: each tick's deployed model forecasts from that tick's public features. */
export function forecastStream<M>(forecast: (model: M, tick: SimTick, version: number) => Float64Array): OperatorFunction<Deployment<M>, DeployedForecast> {
  return map(({ tick, version, model }) => ({ tick, version, forecast: forecast(model, tick, version) }));
}
