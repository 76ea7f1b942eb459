import * as tf from "@equitable/core/tf";
import type { Random } from "@equitable/core";
import { checkSizes, glorotUniform, modelVariable, newModelId } from "./init.js";
import type { TrainableModel } from "./trainable-model.js";
import { predictInChunks, predictInChunksAsync } from "./predict.js";

/** Options of {@link createMlp}. */
export interface MlpOptions {
  window: number;
  horizon: number;
  /** Width of the hidden layer. */
  hidden?: number;
  /** Source of the initial weights. */
  rng: Random;
}

/** A one-hidden-layer MLP public model (ReLU, softplus head): a cheap baseline to the LSTM. */
export function createMlp(opts: MlpOptions): TrainableModel {
  const hidden = opts.hidden ?? 64;
  const { window, horizon, rng } = opts;
  checkSizes("createMlp", { window, horizon, hidden });
  const id = newModelId();
  const w1 = modelVariable(glorotUniform(window, hidden, rng), [window, hidden], "mlp/w1", id);
  const b1 = modelVariable(new Float32Array(hidden), [hidden], "mlp/b1", id);
  const w2 = modelVariable(glorotUniform(hidden, horizon, rng), [hidden, horizon], "mlp/w2", id);
  const b2 = modelVariable(new Float32Array(horizon), [horizon], "mlp/b2", id);
  const variables = [w1, b1, w2, b2];
  const features = (x: tf.Tensor2D): tf.Tensor2D => tf.relu(tf.add(tf.matMul(x, w1), b1)) as tf.Tensor2D;
  const activation = (z: tf.Tensor2D): tf.Tensor2D => tf.softplus(z) as tf.Tensor2D;
  const forward = (x: tf.Tensor2D): tf.Tensor2D => activation(tf.add(tf.matMul(features(x), w2), b2) as tf.Tensor2D);
  return {
    kind: "mlp",
    window,
    horizon,
    spec: { kind: "mlp", window, horizon, hidden },
    variables,
    forward,
    head: { features, weight: w2, bias: b2, activation },
    predict: (x, batchSize) => predictInChunks(forward, x, batchSize, window, horizon),
    predictAsync: (x, batchSize) => predictInChunksAsync(forward, x, batchSize, window, horizon),
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}
