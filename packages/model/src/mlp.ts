import * as tf from "@tensorflow/tfjs";
import type { Random } from "@equitable/core";
import { glorotUniform } from "./init.js";
import type { TrainableModel } from "./trainable-model.js";
import { predictInChunks } from "./predict.js";

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
  const w1 = tf.variable(tf.tensor2d(glorotUniform(window, hidden, rng), [window, hidden]), true, "mlp/w1");
  const b1 = tf.variable(tf.zeros([hidden]), true, "mlp/b1");
  const w2 = tf.variable(tf.tensor2d(glorotUniform(hidden, horizon, rng), [hidden, horizon]), true, "mlp/w2");
  const b2 = tf.variable(tf.zeros([horizon]), true, "mlp/b2");
  const variables = [w1, b1, w2, b2];
  const forward = (x: tf.Tensor2D): tf.Tensor2D =>
    tf.softplus(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)) as tf.Tensor2D;
  return {
    kind: "mlp",
    window,
    horizon,
    spec: { kind: "mlp", window, horizon, hidden },
    variables,
    forward,
    predict: (x, batchSize) => predictInChunks(forward, x, batchSize, window, horizon),
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}
