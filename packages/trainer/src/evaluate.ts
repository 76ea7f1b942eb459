import { lastValueFrom } from "rxjs";
import { equityMetrics, mse, type AgentPopulation, type ContextSeries, type EquityMetrics, type PublicModel } from "@equitable/core";
import { agentMeanRegrets, evaluationBatches, withRegrets } from "@equitable/simulator";

/** A public model's evaluation on a split: per-agent mean regrets, their equity metrics, MSE. */
export interface Evaluation extends EquityMetrics {
  /** C̄_m for each agent m over the evaluated rows, evaluated per time step. */
  agentMeanRegrets: Float64Array;
  /** Forecast MSE over the evaluated rows (scaled units). */
  mse: number;
}

/** Evaluates a model on the given rows: every tick decided with the model's own forecast. */
export async function evaluatePublicModel(
  model: PublicModel,
  series: ContextSeries,
  rows: Int32Array,
  population: AgentPopulation,
  batchSize = 1024,
): Promise<Evaluation> {
  const forecasts: Float32Array[] = [];
  const truths: Float32Array[] = [];
  const means = await lastValueFrom(
    evaluationBatches(series, { rows, batchSize }).pipe(
      withRegrets(population, (b) => {
        const f = model.predict(b.x, b.size);
        forecasts.push(f);
        truths.push(b.y);
        return f;
      }),
      agentMeanRegrets(),
    ),
  );
  const agentMeans = means.means;
  return {
    ...equityMetrics(agentMeans),
    agentMeanRegrets: agentMeans,
    mse: mse(concat(forecasts), concat(truths)),
  };
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
