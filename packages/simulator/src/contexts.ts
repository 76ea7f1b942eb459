import type { Context, ContextSeries } from "@equitable/core";
import { from, scheduled, type Observable, type SchedulerLike } from "rxjs";
import { checkRows, checkSeries } from "./checks.js";

/** Row i of the series as a Context whose x / y / xi are views onto the series' buffers. */
export function contextAt(series: ContextSeries, i: number): Context<Float32Array> {
  const { window: w, horizon: h } = series;
  const m = series.agents * series.xiWidth;
  return {
    t: series.t[i],
    x: series.x.subarray(i * w, (i + 1) * w),
    y: series.y.subarray(i * h, (i + 1) * h),
    xi: series.xi.subarray(i * m, (i + 1) * m),
  };
}

/**
 * Replays the series one Context per row, in the order of `indices` (default 0..N−1).
 * Views share memory with the series: a subscriber that keeps one past its tick must copy it.
 */
export function contexts(
  series: ContextSeries,
  indices?: Int32Array,
  scheduler?: SchedulerLike,
): Observable<Context<Float32Array>> {
  checkSeries(series, "contexts");
  if (indices !== undefined) checkRows(series, indices, "contexts");
  // A lazy iterable rather than an array: each subscription builds its contexts on demand,
  // so replaying a long series costs no up-front allocation and take(n) stops the work early.
  const rows: Iterable<Context<Float32Array>> = {
    *[Symbol.iterator]() {
      const n = indices === undefined ? series.size : indices.length;
      for (let k = 0; k < n; k++) yield contextAt(series, indices === undefined ? k : indices[k]);
    },
  };
  return scheduler === undefined ? from(rows) : scheduled(rows, scheduler);
}
