import * as tf from "@equitable/core/tf";

const CHUNK = 1024;

/** Runs `forward` over B rows in chunks (bounded memory), returning B×horizon float32. */
export function predictInChunks(
  forward: (x: tf.Tensor2D) => tf.Tensor2D,
  x: Float32Array,
  batch: number,
  window: number,
  horizon: number,
): Float32Array {
  if (!Number.isInteger(batch) || batch < 0) {
    throw new RangeError(`predict: batch must be a non-negative integer, got ${batch}`);
  }
  if (x.length !== batch * window) {
    throw new RangeError(`predict: expected ${batch}×${window} inputs, got ${x.length} values`);
  }
  const out = new Float32Array(batch * horizon);
  for (let start = 0; start < batch; start += CHUNK) {
    const rows = Math.min(CHUNK, batch - start);
    const chunk = tf.tidy(() =>
      forward(tf.tensor2d(x.subarray(start * window, (start + rows) * window), [rows, window])),
    );
    out.set(chunk.dataSync() as Float32Array, start * horizon);
    chunk.dispose();
  }
  return out;
}

/**
 * {@link predictInChunks} with asynchronous reads: what evaluation uses, since a device backend
 * (webgpu) cannot read synchronously; on host backends the values are the same.
 */
export async function predictInChunksAsync(
  forward: (x: tf.Tensor2D) => tf.Tensor2D,
  x: Float32Array,
  batch: number,
  window: number,
  horizon: number,
): Promise<Float32Array> {
  if (!Number.isInteger(batch) || batch < 0) {
    throw new RangeError(`predict: batch must be a non-negative integer, got ${batch}`);
  }
  if (x.length !== batch * window) {
    throw new RangeError(`predict: expected ${batch}×${window} inputs, got ${x.length} values`);
  }
  const out = new Float32Array(batch * horizon);
  for (let start = 0; start < batch; start += CHUNK) {
    const rows = Math.min(CHUNK, batch - start);
    const chunk = tf.tidy(() =>
      forward(tf.tensor2d(x.subarray(start * window, (start + rows) * window), [rows, window])),
    );
    try {
      out.set((await chunk.data()) as Float32Array, start * horizon);
    } finally {
      chunk.dispose();
    }
  }
  return out;
}
