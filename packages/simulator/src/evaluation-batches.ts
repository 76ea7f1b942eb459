import type { ContextBatch, ContextSeries } from "@equitable/core";
import type { Observable, SchedulerLike } from "rxjs";
import { allRows, rowBatches } from "./row-batches.js";

/** Options of {@link evaluationBatches}. */
export interface EvaluationOptions {
  /** Rows of the series to evaluate (e.g. the test split), in this order; default every row. */
  readonly rows?: Int32Array;
  /** Rows per batch; the last batch holds the remainder. */
  readonly batchSize: number;
  /** Scheduler to emit on (e.g. a TestScheduler); default synchronous. */
  readonly scheduler?: SchedulerLike;
}

/** A full, ordered, unshuffled pass over the rows, packed batchSize at a time. */
export function evaluationBatches(series: ContextSeries, options: EvaluationOptions): Observable<ContextBatch> {
  const rows = options.rows ?? allRows(series.size);
  return rowBatches(series, rows, options.batchSize, options.scheduler, "evaluationBatches");
}
