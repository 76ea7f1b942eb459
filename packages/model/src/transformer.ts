import * as tf from "@equitable/core/tf";
import type { Random } from "@equitable/core";
import { checkSizes, glorotUniform, modelVariable, newModelId } from "./init.js";
import type { TrainableModel } from "./trainable-model.js";
import { predictInChunks, predictInChunksAsync } from "./predict.js";
import { linear, matMulPlainGrad } from "./linear.js";
import { layerNorm } from "./layer-norm.js";

/** Options of {@link createTransformer}. */
export interface TransformerOptions {
  window: number;
  horizon: number;
  /** Token width d; the paper's EV study uses 250. */
  dModel?: number;
  /** Attention heads; must divide dModel (the paper: 10). */
  heads?: number;
  /** Width of the feed-forward block inside the encoder layer. */
  ffHidden?: number;
  /** Source of the initial weights. */
  rng: Random;
}

/** Sinusoidal positional encoding (Vaswani et al. 2017), window×d: sin on even columns, cos on odd. */
function positionalEncoding(window: number, dModel: number): Float32Array {
  const pe = new Float32Array(window * dModel);
  for (let t = 0; t < window; t++) {
    for (let j = 0; j < dModel; j++) {
      const angle = t / Math.pow(10000, (2 * Math.floor(j / 2)) / dModel);
      pe[t * dModel + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return pe;
}

/**
 * The paper's public model for the EV study: every window value is a token, embedded 1→d with
 * a sinusoidal positional encoding, passed through one post-LN encoder layer (PyTorch's
 * default layout, without dropout so training stays deterministic), then flattened into a
 * linear head. All B·window tokens go through each projection as one 2-D matMul and all
 * heads through one batched matMul: per-token or per-head loops would multiply the op count,
 * and tfjs' per-op overhead with it.
 */
export function createTransformer(opts: TransformerOptions): TrainableModel {
  const dModel = opts.dModel ?? 250;
  const heads = opts.heads ?? 10;
  const ffHidden = opts.ffHidden ?? 250;
  const { window, horizon, rng } = opts;
  checkSizes("createTransformer", { window, horizon, dModel, heads, ffHidden });
  if (dModel % heads !== 0) {
    throw new RangeError(`createTransformer: dModel (${dModel}) must be divisible by heads (${heads})`);
  }
  const d = dModel;
  const dh = d / heads;
  const id = newModelId();
  const ones = new Float32Array(d).fill(1);
  // Creation order is the save format's variable order; the rng draws follow it too.
  const embedW = modelVariable(glorotUniform(1, d, rng), [1, d], "embed/w", id);
  const embedB = modelVariable(new Float32Array(d), [d], "embed/b", id);
  const wqkv = modelVariable(glorotUniform(d, 3 * d, rng), [d, 3 * d], "attn/wqkv", id);
  const bqkv = modelVariable(new Float32Array(3 * d), [3 * d], "attn/bqkv", id);
  const wo = modelVariable(glorotUniform(d, d, rng), [d, d], "attn/wo", id);
  const bo = modelVariable(new Float32Array(d), [d], "attn/bo", id);
  const ln1g = modelVariable(ones, [d], "ln1/g", id);
  const ln1b = modelVariable(new Float32Array(d), [d], "ln1/b", id);
  const w1 = modelVariable(glorotUniform(d, ffHidden, rng), [d, ffHidden], "ffn/w1", id);
  const b1 = modelVariable(new Float32Array(ffHidden), [ffHidden], "ffn/b1", id);
  const w2 = modelVariable(glorotUniform(ffHidden, d, rng), [ffHidden, d], "ffn/w2", id);
  const b2 = modelVariable(new Float32Array(d), [d], "ffn/b2", id);
  const ln2g = modelVariable(ones, [d], "ln2/g", id);
  const ln2b = modelVariable(new Float32Array(d), [d], "ln2/b", id);
  const headW = modelVariable(glorotUniform(window * d, horizon, rng), [window * d, horizon], "head/w", id);
  const headB = modelVariable(new Float32Array(horizon), [horizon], "head/b", id);
  const variables = [embedW, embedB, wqkv, bqkv, wo, bo, ln1g, ln1b, w1, b1, w2, b2, ln2g, ln2b, headW, headB];
  // A constant, not a parameter: kept out of any caller's tidy and freed with the model.
  const pe = tf.keep(tf.tensor2d(positionalEncoding(window, d), [window, d]));

  function features(x: tf.Tensor2D): tf.Tensor2D {
    const batch = x.shape[0];
    const tokens = batch * window;
    // Embedding of scalar tokens is an outer product; bias and positions fold into one T×d add.
    const e = tf.reshape(
      tf.add(tf.mul(tf.reshape(x, [batch, window, 1]), embedW), tf.add(pe, embedB)),
      [tokens, d],
    ) as tf.Tensor2D;

    // Fused QKV over all tokens (columns q | k | v, heads contiguous in each), then one 4-D
    // transpose to [3, H, B·T, dh] and batched matMuls over all H·B (head, row) pairs. Heads
    // lead rather than rows because wasm transposes 4-D in ~4 ms but [3, B, H, T, dh] (5-D)
    // in ~100 ms.
    const qkv = linear(e, wqkv, bqkv);
    const byHead = tf.transpose(tf.reshape(qkv, [tokens, 3, heads, dh]), [1, 2, 0, 3]);
    // Contiguous slices, not tf.split: wasm's SplitV copies element by element (31 ms here), and
    // plain-gradient products, not transposed flags (those bypass XNNPACK on wasm).
    const [q, k, v] = [0, 1, 2].map((i) => tf.reshape(tf.slice(byHead, [i, 0, 0, 0], [1, heads, tokens, dh]), [heads * batch, window, dh]) as tf.Tensor3D);
    const scores = tf.mul(matMulPlainGrad(q, tf.transpose(k, [0, 2, 1])), 1 / Math.sqrt(dh));
    const context = matMulPlainGrad(tf.softmax(scores) as tf.Tensor3D, v);
    const merged = tf.reshape(tf.transpose(tf.reshape(context, [heads, tokens, dh]), [1, 0, 2]), [tokens, d]);
    const attended = linear(merged as tf.Tensor2D, wo, bo);
    const h = layerNorm(tf.add(e, attended), ln1g, ln1b);

    const inner = tf.relu(linear(h, w1, b1));
    const z = layerNorm(tf.add(h, linear(inner, w2, b2)), ln2g, ln2b);

    return tf.reshape(z, [batch, window * d]) as tf.Tensor2D;
  }
  const activation = (z: tf.Tensor2D): tf.Tensor2D => z;
  const forward = (x: tf.Tensor2D): tf.Tensor2D => linear(features(x), headW, headB);

  return {
    kind: "transformer",
    window,
    horizon,
    spec: { kind: "transformer", window, horizon, dModel, heads, ffHidden },
    variables,
    forward,
    head: { features, weight: headW, bias: headB, activation },
    predict: (x, batchSize) => predictInChunks(forward, x, batchSize, window, horizon),
    predictAsync: (x, batchSize) => predictInChunksAsync(forward, x, batchSize, window, horizon),
    dispose: () => {
      variables.forEach((v) => v.dispose());
      pe.dispose();
    },
  };
}
