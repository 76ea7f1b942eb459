import * as tf from "@equitable/core/tf";

// tfjs differentiates matMul(x, w) into matMul(dy, w, false, true) and matMul(x, dy, true,
// false). The wasm backend sends any matMul with a transpose flag to a naive loop instead of
// XNNPACK: at 1536×250×750 (a Transformer step at the paper's size) that is 360–680 ms
// against ~30 ms, so such a step spent over a second in those two products. Transposing
// explicitly and multiplying plainly gives the same values at a fraction of the cost.
/** Swaps the last two axes (of a matrix, or of each matrix in a batch). */
function swapLast(t: tf.Tensor): tf.Tensor {
  return t.rank === 2 ? tf.transpose(t) : tf.transpose(t, [0, 2, 1]);
}

/** ∂(x·w)/∂x and ∂(x·w)/∂w for an upstream dy, as plain products of explicit transposes. */
function productGrads(dy: tf.Tensor, xs: tf.Tensor, ws: tf.Tensor): [tf.Tensor, tf.Tensor] {
  return [tf.matMul(dy, swapLast(ws)), tf.matMul(swapLast(xs), dy)];
}

const affine = tf.customGrad((x, w, b, save) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor, w as tf.Tensor]);
  return {
    value: tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: b as tf.Tensor }),
    gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => [...productGrads(dy, xs, ws), columnSums(dy as tf.Tensor2D)],
  };
});

/** x·w + b whose gradient uses no transposed matMul (those bypass XNNPACK on wasm); x N×in, w in×out, b out. */
export function linear(x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  return affine(x, w, b) as tf.Tensor2D;
}

const product = tf.customGrad((x, w, save) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor, w as tf.Tensor]);
  return {
    value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => productGrads(dy, xs, ws),
  };
});

/**
 * x·w whose gradient uses no transposed matMul (see {@link linear}): x N×in and w in×out, or
 * batches of them (B×N×in, B×in×out).
 */
export function matMulPlainGrad<T extends tf.Tensor2D | tf.Tensor3D>(x: T, w: tf.Tensor): T {
  return product(x, w) as T;
}

/** Σ over rows of an N×C matrix as ones(1×N)·m: wasm reduces a non-last axis by transposing first, ~4× slower. */
export function columnSums(m: tf.Tensor2D): tf.Tensor1D {
  const [rows, cols] = m.shape;
  return tf.reshape(tf.matMul(tf.ones([1, rows]), m), [cols]);
}
