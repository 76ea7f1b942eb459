import type { CellSpec } from "./cell.js";

/**
 * What a running sweep reports, for its host to show (the CLI draws a bar on a terminal, a line per
 * cell otherwise): the library itself draws nothing.
 */
export type SweepProgressEvent =
  /** The database is prepared: the sweep has `total` cells, `done` of them finished before this run. */
  | { readonly type: "start"; readonly total: number; readonly done: number }
  /** On a queue: `cells` jobs added to the queue `queue` at `url`, for workers to take. */
  | { readonly type: "enqueued"; readonly cells: number; readonly queue: string; readonly url: string }
  /** On a queue: `cells` jobs Redis no longer had (restarted without persistence) added again. */
  | { readonly type: "requeued"; readonly cells: number; readonly queue: string }
  /**
   * A cell settled: stored `done`, `failed` or `failed-retryable` (a fixable cause: the next sweep reruns it), or left `pending` for a rerun (its worker broke).
   * `done` counts the cells settled so far, those finished before this run included; `note` is a
   * one-line account of the outcome (its mean regret, or why it failed).
   */
  | {
      readonly type: "cell";
      readonly cell: CellSpec;
      readonly status: "done" | "failed" | "failed-retryable" | "pending";
      readonly note: string;
      readonly done: number;
      readonly total: number;
    };

/** Receives a sweep's progress events as they happen. */
export type SweepProgressListener = (event: SweepProgressEvent) => void;
