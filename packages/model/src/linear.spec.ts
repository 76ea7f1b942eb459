import * as tf from "@equitable/core/tf";
import { expect, it } from "vitest";
import { columnSums, linear, matMulPlainGrad } from "./linear.js";
import { describeBackends, maxRelError, uniform } from "./backends.spec-helper.js";

const [N, IN, OUT] = [7, 5, 4];

describeBackends("linear", () => {
  it("computes x·w + b, and its gradients equal tfjs' own for matMul + add", () => {
    const base = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor2d(uniform(N * IN, 1), [N, IN]);
      const w = tf.tensor2d(uniform(IN * OUT, 2), [IN, OUT]);
      const b = tf.tensor1d(uniform(OUT, 3));
      const upstream = tf.tensor2d(uniform(N * OUT, 4), [N, OUT]);
      // A non-uniform upstream gradient, so a transposed or misplaced product cannot pass.
      const loss = (f: (x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) =>
        tf.sum(tf.mul(f(xs as tf.Tensor2D, ws, bs), upstream));
      const plain = (xs: tf.Tensor2D, ws: tf.Tensor, bs: tf.Tensor) => tf.add(tf.matMul(xs, ws as tf.Tensor2D), bs);
      expect(maxRelError(linear(x, w, b).dataSync(), plain(x, w, b).dataSync())).toBeLessThan(1e-5);
      const ours = tf.grads(loss(linear))([x, w, b]);
      const theirs = tf.grads(loss(plain))([x, w, b]);
      ours.forEach((g, k) => {
        expect(g.shape).toEqual(theirs[k].shape);
        expect(maxRelError(g.dataSync(), theirs[k].dataSync()), `input ${k}`).toBeLessThan(1e-5);
      });
    });
    expect(tf.memory().numTensors).toBe(base);
  });

  it("matMulPlainGrad equals tf.matMul, with tfjs' own gradients, for matrices and batches of them", () => {
    const base = tf.memory().numTensors;
    for (const [xShape, wShape] of [[[N, IN], [IN, OUT]], [[3, N, IN], [3, IN, OUT]]] as const) {
      tf.tidy(() => {
        const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
        const x = tf.tensor(uniform(size(xShape), 6), [...xShape]);
        const w = tf.tensor(uniform(size(wShape), 7), [...wShape]);
        const outShape = [...xShape.slice(0, -1), OUT];
        const upstream = tf.tensor(uniform(size(outShape), 8), outShape);
        const ours = (xs: tf.Tensor, ws: tf.Tensor) => tf.sum(tf.mul(matMulPlainGrad(xs as tf.Tensor3D, ws), upstream));
        const theirs = (xs: tf.Tensor, ws: tf.Tensor) => tf.sum(tf.mul(tf.matMul(xs as tf.Tensor3D, ws as tf.Tensor3D), upstream));
        expect(maxRelError(matMulPlainGrad(x as tf.Tensor3D, w).dataSync(), tf.matMul(x as tf.Tensor3D, w as tf.Tensor3D).dataSync())).toBeLessThan(1e-5);
        const a = tf.grads(ours)([x, w]);
        const b = tf.grads(theirs)([x, w]);
        a.forEach((g, k) => {
          expect(g.shape).toEqual(b[k].shape);
          expect(maxRelError(g.dataSync(), b[k].dataSync()), `rank ${xShape.length}, input ${k}`).toBeLessThan(1e-5);
        });
      });
    }
    expect(tf.memory().numTensors).toBe(base);
  });

  it("columnSums equals tf.sum over axis 0", () => {
    tf.tidy(() => {
      const m = tf.tensor2d(uniform(N * OUT, 5), [N, OUT]);
      const sums = columnSums(m);
      expect(sums.shape).toEqual([OUT]);
      expect(maxRelError(sums.dataSync(), tf.sum(m, 0).dataSync())).toBeLessThan(1e-6);
    });
  });
});
