import { createHash } from "node:crypto";
import { canonicalJson } from "@equitable/core";

/** The BullMQ queue cells go through unless --queue-name says otherwise: every worker of a Redis pulls from it. */
export const DEFAULT_QUEUE = "equitable-cells";

/** A sweep's tag: the same sweep file on the same code gives the same job ids, so a restarted coordinator finds its jobs. */
export function sweepTag(config: unknown): string {
  const { description: _d, $schema: _s, ...cells } = config as Record<string, unknown>;
  return createHash("sha1").update(canonicalJson(cells)).digest("hex").slice(0, 12);
}

/** The BullMQ job id of a cell of a sweep (BullMQ ignores a second add with the same id). */
export const jobIdOf = (tag: string, cellId: string) => `${tag}-${cellId}`;

/** What a queue job carries: the cell and the coordinator's code version. */
export interface CellJobData {
  readonly cell: import("../cell.js").CellSpec;
  readonly codeVersion: string;
}

/** What a worker returns for a job: the cell's results, who computed them and with which code. */
export interface CellJobReturn {
  readonly result: import("../cell.js").CellResult;
  readonly worker: string;
  readonly codeVersion: string;
}

/** The failedReason prefix of a cell's own failure (not retried: it would fail again). */
export const INPUT_FAILURE = "cell refused: ";

/**
 * The failedReason prefix of an input failure the operator can fix on a worker (its --data-dir, a
 * plug-in): retried on the queue, where another worker may succeed, and stored failed-retryable
 * after the last try, so one misconfigured worker never poisons a cell for good.
 */
export const RETRYABLE_FAILURE = "cell failed on this worker: ";

/** The failedReason prefix of a job a worker refused (a plug-in it lacks, a malformed payload): the cell is left pending, never stored failed. */
export const JOB_REFUSED = "job refused: ";
