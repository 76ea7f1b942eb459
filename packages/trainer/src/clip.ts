import * as tf from "@equitable/core/tf";

/** Scales gradients so their global L2 norm is at most `maxNorm` (disposes the inputs it replaces). */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  const names = Object.keys(grads);
  const norm = tf.tidy(() => tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))).dataSync()[0]);
  if (!(norm > maxNorm)) return grads;
  const factor = maxNorm / norm;
  const clipped: tf.NamedTensorMap = {};
  for (const n of names) {
    clipped[n] = tf.mul(grads[n], factor);
    grads[n].dispose();
  }
  return clipped;
}
