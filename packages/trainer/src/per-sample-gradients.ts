import * as tf from "@equitable/core/tf";
import type { DifferentiablePopulation, GradientScope, PopulationPart } from "@equitable/core";
import type { TrainableModel } from "@equitable/model";
import { FactoredSampleGradients } from "./factored-sample-gradients.js";

/** One block of rows for {@link batchSampleGradients}: B×window features, B×horizon truths, each chain part's ξ. */
export interface GradientRows {
  readonly size: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** ξ of each chain-rule part as its population expects it (B×count×width). */
  readonly partXi: readonly Float32Array[];
}

/** Every sample's regret (B×M, row-major) and per-sample gradients at the model's current θ. */
export interface BatchSampleGradients {
  readonly regrets: Float64Array;
  readonly gradients: FactoredSampleGradients;
}

/**
 * Regrets C_{i,m} and per-sample gradients ∇C_{i,m} of a block of rows, for the chain-rule parts
 * (agents of other parts have no gradient here and keep e = 0). "last-layer": gradients over the
 * head's weight and bias only, in closed form from the penultimate features h_i
 * (∂z_i/∂W = h_i ⊗ I, ∂z_i/∂b = I; arXiv 2411.03068 Sec. 7 takes key layers for large models).
 * "full": over every parameter, one backward pass per row and output step (B·horizon passes).
 * ∂C_{i,m}/∂output_i comes from one backward pass per part: each row is repeated once per agent
 * and agent j's copy keeps only column j, which separates the agents' gradients.
 */
export function batchSampleGradients(
  model: TrainableModel,
  scope: GradientScope,
  chain: readonly PopulationPart[],
  agents: number,
  rows: GradientRows,
): BatchSampleGradients {
  const b = rows.size;
  const h = model.horizon;
  const regrets = new Float64Array(b * agents);
  const e = new Float64Array(b * agents * h);
  let phi: Float32Array;
  let dimension: number;
  const head = model.head;
  if (scope === "last-layer" && !head) throw new TypeError(`per-sample gradients: model '${model.kind}' exposes no head; use gradients "full"`);
  tf.tidy(() => {
    const x = tf.tensor2d(rows.x, [b, model.window]);
    const y = tf.tensor2d(rows.y, [b, h]);
    // The point in output space at which e_{i,m} is taken: the head's pre-activation z for the
    // last layer (its Jacobian is then h_i ⊗ I), the forecast itself for the full model.
    let point: tf.Tensor2D;
    let toForecast: (t: tf.Tensor2D) => tf.Tensor2D;
    if (scope === "last-layer") {
      const features = head!.features(x);
      point = tf.add(tf.matMul(features, head!.weight), head!.bias) as tf.Tensor2D;
      toForecast = head!.activation;
      const f = features.shape[1];
      dimension = f * h + h;
      phi = headJacobian(features.dataSync() as Float32Array, b, f, h);
    } else {
      point = model.forward(x);
      toForecast = (t) => t;
      ({ phi, dimension } = fullJacobian(model, rows.x, b));
    }
    const forecast = toForecast(point);
    chain.forEach((part, k) => {
      const c = part.count;
      const population = part.population as DifferentiablePopulation;
      const width = population.xiWidth;
      const xi = tf.tensor2d(rows.partXi[k], [b, c * width]);
      const values = population.regretsTensor(forecast, y, xi).dataSync();
      for (let i = 0; i < b; i++) for (let j = 0; j < c; j++) regrets[i * agents + part.first + j] = values[i * c + j];
      // Agent-major copies: copy j (rows j·B … j·B + B − 1) keeps only agent j's regret.
      const tiledPoint = tf.tile(point, [c, 1]) as tf.Tensor2D;
      const tiledY = tf.tile(y, [c, 1]) as tf.Tensor2D;
      const tiledXi = tf.tile(xi, [c, 1]) as tf.Tensor2D;
      const mask = new Float32Array(c * b * c);
      for (let j = 0; j < c; j++) for (let i = 0; i < b; i++) mask[(j * b + i) * c + j] = 1;
      const maskT = tf.tensor2d(mask, [c * b, c]);
      const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(population.regretsTensor(toForecast(t as tf.Tensor2D), tiledY, tiledXi), maskT)))(tiledPoint);
      const g = grad.dataSync();
      for (let j = 0; j < c; j++) {
        for (let i = 0; i < b; i++) {
          for (let s = 0; s < h; s++) e[((i * agents) + part.first + j) * h + s] = g[(j * b + i) * h + s];
        }
      }
    });
  });
  return { regrets, gradients: new FactoredSampleGradients(b, agents, h, dimension!, phi!, e) };
}

/** Φ of the head: row (i, k) is ∂z_i[k]/∂(W, b), W flattened F×H row-major then b. */
function headJacobian(features: Float32Array, b: number, f: number, h: number): Float32Array {
  const p = f * h + h;
  const phi = new Float32Array(b * h * p);
  for (let i = 0; i < b; i++) {
    for (let k = 0; k < h; k++) {
      const row = (i * h + k) * p;
      for (let q = 0; q < f; q++) phi[row + q * h + k] = features[i * f + q];
      phi[row + f * h + k] = 1;
    }
  }
  return phi;
}

/** Φ of the whole model: row (i, k) is ∂ŷ_i[k]/∂θ, θ the model's variables flattened in order. */
function fullJacobian(model: TrainableModel, x: Float32Array, b: number): { phi: Float32Array; dimension: number } {
  const vars = model.variables as tf.Variable[];
  const dimension = vars.reduce((n, v) => n + v.size, 0);
  const h = model.horizon;
  const w = model.window;
  const phi = new Float32Array(b * h * dimension);
  for (let i = 0; i < b; i++) {
    for (let k = 0; k < h; k++) {
      tf.tidy(() => {
        const row = tf.tensor2d(x.subarray(i * w, (i + 1) * w), [1, w]);
        const { grads } = tf.variableGrads(() => tf.sum(tf.slice(model.forward(row), [0, k], [1, 1])) as tf.Scalar, vars);
        let o = (i * h + k) * dimension;
        for (const v of vars) {
          phi.set(grads[v.name].dataSync() as Float32Array, o);
          o += v.size;
        }
      });
    }
  }
  return { phi, dimension };
}
