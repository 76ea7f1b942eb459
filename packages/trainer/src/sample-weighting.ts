import * as tf from "@equitable/core/tf";
import type { ContextBatch, ContextSeries, DifferentiablePopulation, PopulationPart, TrainingMethod, TrainingObjective } from "@equitable/core";
import type { TrainableModel } from "@equitable/model";
import { batchSampleGradients, type GradientRows } from "./per-sample-gradients.js";
import { FactoredSampleGradients } from "./factored-sample-gradients.js";

/** What {@link createSampleWeighting} needs from the routed step. */
export interface SampleWeightingConfig {
  model: TrainableModel;
  method: TrainingMethod;
  objective: TrainingObjective;
  chain: readonly PopulationPart[];
  agents: number;
  /** ξ of one part out of a rows×M×W block. */
  partXi: (xi: Float32Array, rows: number, part: PopulationPart) => Float32Array;
  series?: ContextSeries;
  rows?: Int32Array;
  batchSize?: number;
}

/** A block's regrets, with their per-sample gradients when the method reads them. */
type Measured = { readonly regrets: Float64Array; readonly gradients?: FactoredSampleGradients };

/** A batch's per-sample weights W_{i,m} (B×M), computed from the model's current θ. */
export type SampleWeighting = (b: ContextBatch, epoch: number) => Float64Array;

/**
 * The per-sample weights of methods that need more than the batch's regrets: per-sample
 * gradients (IRW's ⟨g_i, g_w⟩, per batch: the "local" scheme) or every training sample at once
 * (the "global" scheme, arXiv 2411.03068 Sec. 4.3: weights from the global top Nα at the start
 * of each epoch, then read per batch and not recomputed). Undefined for methods the step
 * handles itself. Global weights sum to 1 over all N samples; a batch's are scaled by
 * rows/B so they sum to 1 per batch on average, as the local scheme's do.
 */
export function createSampleWeighting(config: SampleWeightingConfig): SampleWeighting | undefined {
  const { model, method, objective, chain, agents } = config;
  const perSample = method.perSample;
  if (!perSample) return undefined;
  const scope = perSample.gradients?.(objective);
  const scheme = perSample.scheme?.(objective) ?? "local";
  if (!scope && scheme === "local") return undefined;
  const block = (b: { size: number; x: Float32Array; y: Float32Array; xi: Float32Array }): GradientRows => ({
    size: b.size, x: b.x, y: b.y, partXi: chain.map((part) => config.partXi(b.xi, b.size, part)),
  });
  const measure = (rows: GradientRows): Measured =>
    scope ? batchSampleGradients(model, scope, chain, agents, rows) : { regrets: blockRegrets(model, chain, agents, rows) };
  if (scheme === "local") {
    return (b) => {
      const { regrets, gradients } = measure(block(b));
      return perSample.weights(regrets, b.size, agents, objective, gradients);
    };
  }
  const { series, rows, batchSize } = config;
  if (!series || !rows || !batchSize) throw new TypeError(`method '${method.name}': the global scheme needs the training series and rows`);
  const position = new Map<number, number>();
  rows.forEach((r, k) => position.set(series.t[r], k));
  let epochOf = -1;
  let table: Float64Array = new Float64Array(0);
  return (b, epoch) => {
    if (epoch !== epochOf) {
      table = epochTable(rows.length, batchSize, agents, (first, size) => measure(block(seriesRows(series, rows, first, size))), (regrets, gradients) => perSample.weights(regrets, rows.length, agents, objective, gradients));
      epochOf = epoch;
    }
    const scale = rows.length / b.size;
    const out = new Float64Array(b.size * agents);
    for (let i = 0; i < b.size; i++) {
      const k = position.get(b.t[i]);
      if (k === undefined) throw new RangeError(`global weights: tick ${b.t[i]} is not a training row`);
      for (let j = 0; j < agents; j++) out[i * agents + j] = table[k * agents + j] * scale;
    }
    return out;
  };
}

/** Every training sample's weight at the epoch's start: blocks of rows measured at the same θ, then one call of the method. */
function epochTable(
  total: number,
  batchSize: number,
  agents: number,
  measure: (first: number, size: number) => Measured,
  weigh: (regrets: Float64Array, gradients: FactoredSampleGradients | undefined) => Float64Array,
): Float64Array {
  const regrets = new Float64Array(total * agents);
  const parts: FactoredSampleGradients[] = [];
  for (let first = 0; first < total; first += batchSize) {
    const size = Math.min(batchSize, total - first);
    const measured = measure(first, size);
    regrets.set(measured.regrets, first * agents);
    if (measured.gradients) parts.push(measured.gradients);
  }
  // Full-model gradients of every training row are held for this call: rows × P floats (≈ 250 MB for 5 900 rows of LSTM(50)).
  return weigh(regrets, parts.length > 0 ? FactoredSampleGradients.concat(parts) : undefined);
}

/** Rows [first, first + size) of the training rows, in their stored order, as one block. */
function seriesRows(series: ContextSeries, rows: Int32Array, first: number, size: number): { size: number; x: Float32Array; y: Float32Array; xi: Float32Array } {
  const { window: w, horizon: h } = series;
  const xiRow = series.agents * series.xiWidth;
  const x = new Float32Array(size * w);
  const y = new Float32Array(size * h);
  const xi = new Float32Array(size * xiRow);
  for (let k = 0; k < size; k++) {
    const r = rows[first + k];
    x.set(series.x.subarray(r * w, (r + 1) * w), k * w);
    y.set(series.y.subarray(r * h, (r + 1) * h), k * h);
    xi.set(series.xi.subarray(r * xiRow, (r + 1) * xiRow), k * xiRow);
  }
  return { size, x, y, xi };
}

/** Regrets of a block (B×M) for a global scheme that reads no gradients. */
function blockRegrets(model: TrainableModel, chain: readonly PopulationPart[], agents: number, rows: GradientRows): Float64Array {
  const out = new Float64Array(rows.size * agents);
  tf.tidy(() => {
    const forecast = model.forward(tf.tensor2d(rows.x, [rows.size, model.window]));
    const y = tf.tensor2d(rows.y, [rows.size, model.horizon]);
    chain.forEach((part, k) => {
      const population = part.population as DifferentiablePopulation;
      const values = population.regretsTensor(forecast, y, tf.tensor2d(rows.partXi[k], [rows.size, part.count * population.xiWidth])).dataSync();
      for (let i = 0; i < rows.size; i++) for (let j = 0; j < part.count; j++) out[i * agents + part.first + j] = values[i * part.count + j];
    });
  });
  return out;
}
