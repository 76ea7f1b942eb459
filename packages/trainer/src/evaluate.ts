import { concatMap, lastValueFrom, map } from "rxjs";
import { equityMetrics, mse, type AgentPopulation, type ContextBatch, type ContextSeries, type EquityMetrics, type PublicModel } from "@equitable/core";
import { agentMeanRegrets, evaluationBatches, withRegrets } from "@equitable/simulator";
import { repeat } from "./repeat.js";

/**
 * How regrets are measured on the test split. "per-tick": every agent decides each tick with
 * that tick's forecast and pays under that tick's truth (what a user means; the default).
 * "mean-forecast": the authors' published protocol — every tick uses the mean forecast over the
 * split and pays under the mean truth, so regret measures only the forecast's bias. Kept to
 * compare with the paper's tables, not to judge models.
 */
export type EvaluationProtocol = "per-tick" | "mean-forecast";

/** A public model's evaluation on a split: per-agent mean regrets, their equity metrics, MSE. */
export interface Evaluation extends EquityMetrics {
  /** C̄_m for each agent m over the evaluated rows. */
  agentMeanRegrets: Float64Array;
  /** Forecast MSE over the evaluated rows (scaled units), per tick whatever the protocol. */
  mse: number;
}

/** Options of {@link evaluatePublicModel}. */
export interface EvaluateOptions {
  /** Rows per forecast call. */
  batchSize?: number;
  protocol?: EvaluationProtocol;
  /** The worst-off fraction α of `worstAlpha` (default 0.2). */
  alpha?: number;
}

/** Evaluates a model on the given rows: agents' mean regrets (per tick by default), equity metrics, MSE. */
export async function evaluatePublicModel(
  model: PublicModel,
  series: ContextSeries,
  rows: Int32Array,
  population: AgentPopulation,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const batchSize = options.batchSize ?? 1024;
  const h = series.horizon;
  const forecasts: Float32Array[] = [];
  const truths: Float32Array[] = [];
  await lastValueFrom(
    evaluationBatches(series, { rows, batchSize }).pipe(
      concatMap(async (b) => {
        forecasts.push(model.predictAsync ? await model.predictAsync(b.x, b.size) : model.predict(b.x, b.size));
        truths.push(b.y);
      }),
    ),
    { defaultValue: undefined },
  );
  const forecast = concat(forecasts);
  const truth = concat(truths);
  let pick: (b: ContextBatch, k: number) => { forecast: Float32Array; truth: Float32Array };
  if (options.protocol === "mean-forecast") {
    const meanF = stepMeans(forecast, h);
    const meanY = stepMeans(truth, h);
    pick = (b) => ({ forecast: repeat(meanF, b.size), truth: repeat(meanY, b.size) });
  } else {
    pick = (b, k) => ({ forecast: forecasts[k], truth: b.y });
  }
  let k = 0;
  const means = await lastValueFrom(
    evaluationBatches(series, { rows, batchSize }).pipe(
      map((b) => {
        const chosen = pick(b, k++);
        return { ...b, y: chosen.truth, forecast: chosen.forecast };
      }),
      withRegrets(population, (b) => (b as ContextBatch & { forecast: Float32Array }).forecast),
      agentMeanRegrets(),
    ),
  );
  return { ...equityMetrics(means.means, options.alpha), agentMeanRegrets: means.means, mse: mse(forecast, truth) };
}

function stepMeans(values: Float32Array, h: number): Float32Array {
  const out = new Float32Array(h);
  const n = values.length / h;
  for (let i = 0; i < values.length; i++) out[i % h] += values[i] / n;
  return out;
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
