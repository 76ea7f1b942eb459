import type { ContextBatch, ContextSeries } from "@equitable/core";
import { checkRows, checkSeries } from "./checks.js";

/** Gathers the given rows of a series into a ContextBatch of fresh contiguous typed arrays. */
export function packBatch(series: ContextSeries, rows: Int32Array): ContextBatch {
  checkSeries(series, "packBatch");
  checkRows(series, rows, "packBatch");
  const { window: w, horizon: h } = series;
  const m = series.agents * series.xiWidth;
  const size = rows.length;
  const t = new Int32Array(size);
  const x = new Float32Array(size * w);
  const y = new Float32Array(size * h);
  const xi = new Float32Array(size * m);
  let k = 0;
  while (k < size) {
    // Coalesce runs of consecutive rows: an ordered evaluation pass then costs one memcpy
    // per array per batch, while a shuffled epoch degrades gracefully to one per row.
    const start = rows[k];
    let end = k + 1;
    while (end < size && rows[end] === rows[end - 1] + 1) end++;
    const stop = start + (end - k);
    t.set(series.t.subarray(start, stop), k);
    x.set(series.x.subarray(start * w, stop * w), k * w);
    y.set(series.y.subarray(start * h, stop * h), k * h);
    xi.set(series.xi.subarray(start * m, stop * m), k * m);
    k = end;
  }
  return { t, size, x, y, xi };
}
