import * as tf from "@equitable/core/tf";
import { hostReads, type Random } from "@equitable/core";
import { checkSizes, glorotUniform, modelVariable, newModelId } from "./init.js";
import type { TrainableModel } from "./trainable-model.js";
import { predictInChunks, predictInChunksAsync } from "./predict.js";
import { linear, matMulPlainGrad } from "./linear.js";
import { lstmKernel } from "./lstm-kernel.js";

/** How the LSTM computes: one wasm SIMD kernel call forward and one backward, or tfjs ops (the reference). */
export type LstmImplementation = "kernel" | "ops";

/** Options of {@link createLstm}. */
export interface LstmOptions {
  window: number;
  horizon: number;
  /** Hidden size; the paper uses 50 (A.3.1). */
  hidden?: number;
  /** Source of the initial weights. */
  rng: Random;
  /**
   * "kernel" (default): native/lstm-kernel.c, forward and hand-written backward; "ops": the same
   * maths as tfjs ops, kept as the reference the kernel is tested against. The environment
   * variable EQUITABLE_LSTM=ops selects the reference for a whole run (e.g. to time it).
   */
  implementation?: LstmImplementation;
}

/**
 * The paper's public model for data centres (A.3.1): a one-layer LSTM over the window,
 * then a dense head with softplus so forecasts stay positive.
 * Written over tfjs ops rather than tfjs-layers: it is faster on wasm (the brief measured 75 vs 106 ms per 128×12 step; this one, feature-major with plain-gradient matMuls, trains a step in about 18 ms) and its
 * parameters are plain variables the trainer and the save format can address.
 */
export function createLstm(opts: LstmOptions): TrainableModel {
  const hidden = opts.hidden ?? 50;
  const { window, horizon, rng } = opts;
  checkSizes("createLstm", { window, horizon, hidden });
  const g = 4 * hidden;
  const bias = new Float32Array(g);
  // Forget-gate bias 1 (Jozefowicz et al. 2015): keeps early gradients flowing through time.
  bias.fill(1, hidden, 2 * hidden);
  const id = newModelId();
  const wx = modelVariable(glorotUniform(1, g, rng), [1, g], "lstm/wx", id);
  const wh = modelVariable(glorotUniform(hidden, g, rng), [hidden, g], "lstm/wh", id);
  const b = modelVariable(bias, [g], "lstm/b", id);
  const wo = modelVariable(glorotUniform(hidden, horizon, rng), [hidden, horizon], "head/w", id);
  const bo = modelVariable(new Float32Array(horizon), [horizon], "head/b", id);
  const variables = [wx, wh, b, wo, bo];

  function features(x: tf.Tensor2D): tf.Tensor2D {
    const batch = x.shape[0];
    // Feature-major state (H×B, gates 4H×B): each step's gate slices and per-step inputs are then
    // contiguous blocks. Batch-major, the wasm backend's Unpack over time and SplitV over gates
    // copy strided memory: with the transposed-flag matMuls (see linear.ts) they made a step
    // 55 ms; without both, 18.5 ms (pnpm bench, data-centre setting).
    const xw = linear(tf.reshape(tf.transpose(x), [window * batch, 1]), wx, b); // (W·B)×4H, time-major rows
    const steps = tf.unstack(tf.transpose(tf.reshape(xw, [window, batch, g]), [0, 2, 1])); // W × (4H×B)
    const whT = tf.transpose(wh) as tf.Tensor2D; // 4H×H, once per forward
    let h: tf.Tensor2D = tf.zeros([hidden, batch]);
    let c: tf.Tensor2D = tf.zeros([hidden, batch]);
    for (let t = 0; t < window; t++) {
      const z = tf.add(steps[t], matMulPlainGrad(whT, h)) as tf.Tensor2D;
      // One sigmoid over all gates is cheaper than three: op overhead dominates at this size.
      const [i, f, , o] = tf.split(tf.sigmoid(z), 4, 0);
      const cand = tf.tanh(tf.slice(z, [2 * hidden, 0], [hidden, batch]));
      c = tf.add(tf.mul(f, c), tf.mul(i, cand));
      h = tf.mul(o, tf.tanh(c));
    }
    return tf.transpose(h) as tf.Tensor2D;
  }
  const activation = (z: tf.Tensor2D): tf.Tensor2D => tf.softplus(z) as tf.Tensor2D;
  // The tfjs-ops path: the reference the kernel is tested against, and the features per-sample-gradient methods read.
  const forwardOps = (x: tf.Tensor2D): tf.Tensor2D => activation(linear(features(x), wo, bo));

  // The kernel's gradient covers x and every parameter; it keeps copies of the inputs, so a
  // backward whose forward's activations were overwritten (another forward ran) redoes it.
  const fused = tf.customGrad((x, wxT, whT, bT, woT, boT) => {
    const k = lstmKernel();
    const xs = x as tf.Tensor2D;
    const read = (t: unknown) => (t as tf.Tensor).dataSync() as Float32Array;
    const sizes = { batch: xs.shape[0], window, hidden, outputs: horizon };
    const input = read(xs);
    const weights = { wx: read(wxT), wh: read(whT), b: read(bT), wo: read(woT), bo: read(boT) };
    const y = k.forward(sizes, input, weights);
    const generation = k.generation;
    return {
      value: tf.tensor2d(y, [sizes.batch, horizon]),
      gradFunc: (dy: tf.Tensor) => {
        if (k.generation !== generation) k.forward(sizes, input, weights);
        const d = k.backward(dy.dataSync() as Float32Array);
        return [
          tf.tensor2d(d.dx, [sizes.batch, window]), tf.tensor2d(d.wx, [1, g]), tf.tensor2d(d.wh, [hidden, g]),
          tf.tensor1d(d.b), tf.tensor2d(d.wo, [hidden, horizon]), tf.tensor1d(d.bo),
        ];
      },
    };
  });
  const useOps = (opts.implementation ?? (process.env.EQUITABLE_LSTM === "ops" ? "ops" : "kernel")) === "ops";
  // The kernel reads its inputs on the host: on a device backend (webgpu) the ops path runs there instead.
  const forward = useOps
    ? forwardOps
    : (x: tf.Tensor2D): tf.Tensor2D => (hostReads(tf.getBackend()) ? (fused(x, wx, wh, b, wo, bo) as tf.Tensor2D) : forwardOps(x));

  return {
    kind: "lstm",
    window,
    horizon,
    spec: { kind: "lstm", window, horizon, hidden },
    variables,
    forward,
    head: { features, weight: wo, bias: bo, activation },
    predict: (x, batchSize) => predictInChunks(forward, x, batchSize, window, horizon),
    predictAsync: (x, batchSize) => predictInChunksAsync(forward, x, batchSize, window, horizon),
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}
