import { permutation, type ContextBatch, type ContextSeries, type Random } from "@equitable/core";
import type { Observable, SchedulerLike } from "rxjs";
import { allRows, rowBatches } from "./row-batches.js";

/** Options of {@link epochBatches}. */
export interface EpochOptions {
  /** Rows of the series this epoch covers (e.g. the training split); default every row. */
  readonly rows?: Int32Array;
  /** Rows per batch; the last batch holds the remainder. */
  readonly batchSize: number;
  /** Source of the shuffle; the same seed gives the same batches. */
  readonly rng: Random;
  /** Scheduler to emit on (e.g. a TestScheduler); default synchronous. */
  readonly scheduler?: SchedulerLike;
}

/**
 * One training epoch: the rows shuffled by `permutation(rows.length, rng)`, packed batchSize
 * at a time, every row exactly once. The shuffle is drawn when this is called, not on
 * subscription, so rng draws follow call order and resubscribing replays the same epoch.
 */
export function epochBatches(series: ContextSeries, options: EpochOptions): Observable<ContextBatch> {
  const rows = options.rows ?? allRows(series.size);
  const order = permutation(rows.length, options.rng);
  const shuffled = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) shuffled[k] = rows[order[k]];
  return rowBatches(series, shuffled, options.batchSize, options.scheduler, "epochBatches");
}
