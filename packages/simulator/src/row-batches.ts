import type { ContextBatch, ContextSeries } from "@equitable/core";
import { from, scheduled, type Observable, type SchedulerLike } from "rxjs";
import { checkBatchSize, checkRows, checkSeries } from "./checks.js";
import { packBatch } from "./pack-batch.js";

/** Packs the given rows batchSize at a time, in their order, keeping the last partial batch. */
export function rowBatches(
  series: ContextSeries,
  rows: Int32Array,
  batchSize: number,
  scheduler: SchedulerLike | undefined,
  where: string,
): Observable<ContextBatch> {
  checkSeries(series, where);
  checkRows(series, rows, where);
  checkBatchSize(batchSize, where);
  // Packed lazily per subscription, so an epoch never holds more than the batch in flight.
  const batches: Iterable<ContextBatch> = {
    *[Symbol.iterator]() {
      for (let k = 0; k < rows.length; k += batchSize) yield packBatch(series, rows.subarray(k, k + batchSize));
    },
  };
  return scheduler === undefined ? from(batches) : scheduled(batches, scheduler);
}

/** The rows 0..n−1 in order. */
export function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}
