import type { Context, ContextBatch } from "@equitable/core";
import { bufferCount, map, type OperatorFunction } from "rxjs";
import { checkBatchSize } from "./checks.js";

/** Copies a list of same-shaped contexts into one ContextBatch of contiguous typed arrays. */
export function packContexts(contexts: readonly Context<Float32Array>[]): ContextBatch {
  const size = contexts.length;
  const w = size === 0 ? 0 : contexts[0].x.length;
  const h = size === 0 ? 0 : contexts[0].y.length;
  const m = size === 0 ? 0 : contexts[0].xi.length;
  const t = new Int32Array(size);
  const x = new Float32Array(size * w);
  const y = new Float32Array(size * h);
  const xi = new Float32Array(size * m);
  for (let k = 0; k < size; k++) {
    const c = contexts[k];
    // A ragged context would otherwise be silently truncated or zero-padded by .set.
    if (c.x.length !== w || c.y.length !== h || c.xi.length !== m) {
      throw new RangeError(
        `packContexts: context ${k} (t=${c.t}) has shape ${c.x.length}/${c.y.length}/${c.xi.length}, expected ${w}/${h}/${m}`,
      );
    }
    t[k] = c.t;
    x.set(c.x, k * w);
    y.set(c.y, k * h);
    xi.set(c.xi, k * m);
  }
  return { t, size, x, y, xi };
}

/** Groups a context stream into ContextBatches of `size` rows; the last, partial batch is emitted on completion. */
export function batchContexts(size: number): OperatorFunction<Context<Float32Array>, ContextBatch> {
  checkBatchSize(size, "batchContexts");
  return (source) => source.pipe(bufferCount(size), map(packContexts));
}
