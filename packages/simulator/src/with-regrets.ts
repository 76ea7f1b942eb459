import type { AgentPopulation, ContextBatch } from "@equitable/core";
import { map, type OperatorFunction } from "rxjs";

/** A batch together with the forecast made for it and every agent's regret on every row. */
export interface RegretBatch {
  /** The contexts the forecast was made for. */
  readonly batch: ContextBatch;
  /** B×horizon forecasts ŷ. */
  readonly forecast: Float32Array;
  /** B×M regrets, row-major: regrets[b·M + m] is agent m's regret on row b. */
  readonly regrets: Float64Array;
}

/**
 * Forecasts each batch and asks the population for all agents' regrets in one call per batch.
 * `forecast` must return a fresh array per batch (the RegretBatch keeps it); a throw, or a
 * forecast or regret array of the wrong length, errors the stream.
 */
export function withRegrets(
  population: AgentPopulation,
  forecast: (batch: ContextBatch) => Float32Array,
): OperatorFunction<ContextBatch, RegretBatch> {
  return (source) =>
    source.pipe(
      map((batch): RegretBatch => {
        const yhat = forecast(batch);
        // Mismatched lengths would not fail inside a population's typed-array loops: they read
        // undefined → NaN or stray rows, so the error would surface far downstream as bad means.
        if (yhat.length !== batch.y.length) {
          throw new RangeError(`withRegrets: forecast has length ${yhat.length}, expected ${batch.y.length} (B×horizon)`);
        }
        const m = population.ids.length;
        const width = population.xiWidth;
        if (batch.xi.length !== batch.size * m * width) {
          throw new RangeError(
            `withRegrets: batch has ${batch.xi.length / batch.size} ξ values per row, population needs ${m}×${width}`,
          );
        }
        const regrets = population.regrets(yhat, batch.y, batch.xi, batch.size);
        if (regrets.length !== batch.size * m) {
          throw new RangeError(`withRegrets: population returned ${regrets.length} regrets, expected ${batch.size * m} (B×M)`);
        }
        return { batch, forecast: yhat, regrets };
      }),
    );
}
