import { parentPort } from "node:worker_threads";
import type { CellRunner, CellSpec, RunnerContext } from "./cell.js";
import { isCellInputError, isRetryableInputError, messageLine } from "./cell-failure.js";

/** A message from the pool to a worker thread. */
export interface CellRequest {
  readonly cell: CellSpec;
  readonly context: RunnerContext;
}

/** A worker thread's answer: the cell's results or why it failed. */
export type CellReply =
  | { readonly ok: true; readonly id: string; readonly result: Awaited<ReturnType<CellRunner>> }
  | { readonly ok: false; readonly id: string; readonly message: string; readonly input: boolean; readonly retryable?: boolean };

/** The body of a worker thread: runs each cell it is sent with `runner`, one at a time, and replies. */
export function serveCells(runner: CellRunner): void {
  const port = parentPort;
  if (!port) throw new Error("serveCells: not in a worker thread");
  port.on("message", async ({ cell, context }: CellRequest) => {
    let reply: CellReply;
    try {
      reply = { ok: true, id: cell.id, result: await runner(cell, context) };
    } catch (err) {
      reply = { ok: false, id: cell.id, message: messageLine(err), input: isCellInputError(err), retryable: isRetryableInputError(err) };
    }
    port.postMessage(reply);
  });
}
