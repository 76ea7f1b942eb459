import * as tf from "@equitable/core/tf";
import { columnSums } from "./linear.js";

/** PyTorch's LayerNorm epsilon, so the layer matches the paper's reference implementation. */
export const LAYER_NORM_EPS = 1e-5;

// The closed-form backward of LayerNorm takes far fewer ops than tfjs' autodiff through
// tf.moments, whose column sums wasm does slowly (measured: ~40 ms of a ~250 ms Transformer
// step at the paper's size).
const normalise = tf.customGrad((x, gain, bias, save) => {
  const xs = x as tf.Tensor2D;
  const mean = tf.mean(xs, 1, true);
  const centred = tf.sub(xs, mean);
  const inv = tf.rsqrt(tf.add(tf.mean(tf.square(centred), 1, true), LAYER_NORM_EPS));
  const normed = tf.mul(centred, inv);
  (save as tf.GradSaveFunc)([normed, inv, gain as tf.Tensor]);
  return {
    value: tf.add(tf.mul(normed, gain as tf.Tensor), bias as tf.Tensor),
    gradFunc: (dy: tf.Tensor, [n, i, g]: tf.Tensor[]) => {
      // dx = (1/σ)·(dn − mean(dn) − n·mean(dn·n)) with dn = dy·gain, row by row.
      const dn = tf.mul(dy, g);
      const dx = tf.mul(i, tf.sub(tf.sub(dn, tf.mean(dn, 1, true)), tf.mul(n, tf.mean(tf.mul(dn, n), 1, true))));
      return [dx, columnSums(tf.mul(dy, n) as tf.Tensor2D), columnSums(dy as tf.Tensor2D)];
    },
  };
});

/** LayerNorm over each row of x (N×C) with learned gain and bias (C), biased variance, eps 1e-5. */
export function layerNorm(x: tf.Tensor2D, gain: tf.Tensor, bias: tf.Tensor): tf.Tensor2D {
  return normalise(x, gain, bias) as tf.Tensor2D;
}
