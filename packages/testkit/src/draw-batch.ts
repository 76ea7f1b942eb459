import type { AgentPopulation, Random } from "@equitable/core";
import type { ResolvedPopulationCheckOptions } from "./population-check-options.js";

/** One batch of inputs for a population, in float64. */
export interface DrawnBatch {
  readonly batch: number;
  readonly forecast: Float64Array;
  readonly truth: Float64Array;
  readonly xi: Float64Array;
}

/** Draws forecast, truth (uniform in the signal range) and ξ (the author's sampler) for one batch. */
export function drawBatch(population: AgentPopulation, opts: ResolvedPopulationCheckOptions, rng: Random): DrawnBatch {
  const { batch, horizon } = opts;
  const [lo, hi] = opts.signalRange;
  const signal = () => {
    const out = new Float64Array(batch * horizon);
    for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * rng.next();
    return out;
  };
  const forecast = signal();
  const truth = signal();
  const xi = Float64Array.from(opts.sampleXi(rng, batch));
  const expected = batch * population.ids.length * population.xiWidth;
  if (xi.length !== expected) {
    throw new RangeError(
      `checkAgentPopulation: sampleXi gave ${xi.length} values for batch ${batch}, expected ${expected} (batch × ${population.ids.length} agents × xiWidth ${population.xiWidth})`,
    );
  }
  return { batch, forecast, truth, xi };
}

/** Sample r alone, as a batch of one. */
export function sliceSample(drawn: DrawnBatch, r: number, horizon: number, rowXi: number): DrawnBatch {
  return {
    batch: 1,
    forecast: drawn.forecast.slice(r * horizon, (r + 1) * horizon),
    truth: drawn.truth.slice(r * horizon, (r + 1) * horizon),
    xi: drawn.xi.slice(r * rowXi, (r + 1) * rowXi),
  };
}
