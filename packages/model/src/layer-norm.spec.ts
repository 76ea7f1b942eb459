import * as tf from "@equitable/core/tf";
import { expect, it } from "vitest";
import { layerNorm } from "./layer-norm.js";
import { describeBackends, maxRelError, uniform } from "./backends.spec-helper.js";

const [N, C] = [6, 5];

/** Float64 LayerNorm per row: (x − mean)/√(var + 1e-5)·g + b with the biased variance. */
function reference(x: ArrayLike<number>, g: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(N * C);
  for (let r = 0; r < N; r++) {
    let mean = 0;
    for (let c = 0; c < C; c++) mean += x[r * C + c] / C;
    let variance = 0;
    for (let c = 0; c < C; c++) variance += (x[r * C + c] - mean) ** 2 / C;
    for (let c = 0; c < C; c++) out[r * C + c] = ((x[r * C + c] - mean) / Math.sqrt(variance + 1e-5)) * g[c] + b[c];
  }
  return out;
}

describeBackends("layerNorm", () => {
  it("matches the float64 reference, and its gradients equal tfjs' autodiff through tf.moments", () => {
    const base = tf.memory().numTensors;
    const [xv, gv, bv] = [uniform(N * C, 1, -2, 3), uniform(C, 2, 0.5, 1.5), uniform(C, 3)];
    tf.tidy(() => {
      const x = tf.tensor2d(xv, [N, C]);
      const g = tf.tensor1d(gv);
      const b = tf.tensor1d(bv);
      expect(maxRelError(layerNorm(x, g, b).dataSync(), reference(xv, gv, bv))).toBeLessThan(1e-5);
      const upstream = tf.tensor2d(uniform(N * C, 4), [N, C]);
      const viaMoments = (xs: tf.Tensor2D, gs: tf.Tensor, bs: tf.Tensor) => {
        const { mean, variance } = tf.moments(xs, 1, true);
        return tf.add(tf.mul(tf.div(tf.sub(xs, mean), tf.sqrt(tf.add(variance, 1e-5))), gs), bs);
      };
      const loss = (f: (x: tf.Tensor2D, g: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (xs: tf.Tensor, gs: tf.Tensor, bs: tf.Tensor) =>
        tf.sum(tf.mul(f(xs as tf.Tensor2D, gs, bs), upstream));
      const ours = tf.grads(loss(layerNorm))([x, g, b]);
      const theirs = tf.grads(loss(viaMoments))([x, g, b]);
      ours.forEach((grad, k) => {
        expect(grad.shape).toEqual(theirs[k].shape);
        // The x gradient is a difference of nearly equal terms: compare against its own scale.
        const scale = Math.max(...Array.from(theirs[k].dataSync(), Math.abs));
        expect(maxRelError(grad.dataSync(), theirs[k].dataSync(), scale), `input ${k}`).toBeLessThan(1e-5);
      });
    });
    expect(tf.memory().numTensors).toBe(base);
  });
});
