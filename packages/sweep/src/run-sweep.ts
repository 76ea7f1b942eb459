import type { CellResult, CellSpec, RunnerContext } from "./cell.js";
import { CellFailure, messageLine } from "./cell-failure.js";
import { longestFirst } from "./cell-order.js";
import type { Sweep } from "./load-sweep.js";
import type { CellStatus, ResultsDb } from "./results-db.js";
import type { SweepProgressListener } from "./sweep-progress.js";
import { CellPool } from "./thread-pool.js";

/** How a sweep runs on this machine. */
export interface LocalSweepOptions {
  readonly db: ResultsDb;
  /** Worker threads (default: one per core). */
  readonly workers: number;
  /** The module whose thread body serves cells with the host's runner (see serveCells). */
  readonly entry: URL;
  readonly context: RunnerContext;
  readonly codeVersion: string;
  /** Told when the sweep starts and as each cell settles (the host draws progress from it). */
  readonly onProgress?: SweepProgressListener;
  /** Reruns cells failed for good (diverged) too; those failed for a fixable reason always rerun. */
  readonly retryFailed?: boolean;
}

/** What a sweep did: cells trained now, failed now (stored as failed, or left pending), and found finished in the database. */
export interface SweepOutcome {
  readonly ran: number;
  readonly failed: number;
  readonly leftPending: number;
  readonly skipped: number;
  readonly total: number;
}

/** Stores one cell's outcome (its own transaction) and returns how it settled, with a one-line note for progress. */
export function storeOutcome(db: ResultsDb, cell: CellSpec, outcome: CellResult | CellFailure, codeVersion: string, worker: string): { status: CellStatus; note: string } {
  if (outcome instanceof CellFailure) {
    // A cell's own failure is a result (it would fail again); a broken worker's is not: the cell
    // stays pending and a rerun retries it.
    if (!outcome.input) return { status: "pending", note: `not stored, left pending for a rerun (${outcome.message})` };
    db.fail(cell.id, outcome.message, codeVersion, worker, outcome.retryable);
    return outcome.retryable
      ? { status: "failed-retryable", note: `failed, rerun by the next sweep (${outcome.message})` }
      : { status: "failed", note: `failed (${outcome.message})` };
  }
  db.complete(cell.id, outcome, codeVersion, worker);
  return { status: "done", note: `mean regret ${outcome.row.mean.toPrecision(4)}, variance ${outcome.row.variance.toPrecision(4)}` };
}

/**
 * Runs a sweep's unfinished cells on a pool of worker threads, storing each as it finishes.
 * Cells already finished in the database are skipped, so a killed sweep resumes where it stopped.
 */
export async function runSweepLocally(sweep: Sweep, opts: LocalSweepOptions): Promise<SweepOutcome> {
  const todo = opts.db.prepare(sweep.config.name, sweep.file, sweep.config, opts.codeVersion, sweep.cells, { inputs: sweep.inputs, retryFailed: opts.retryFailed });
  const total = sweep.cells.length;
  const skipped = total - todo.length;
  const onProgress = opts.onProgress ?? (() => {});
  onProgress({ type: "start", total, done: skipped });
  let failed = 0;
  let leftPending = 0;
  let settled = skipped;
  if (todo.length === 0) return { ran: 0, failed: 0, leftPending, skipped, total };
  const pool = new CellPool(opts.entry, Math.min(opts.workers, todo.length), opts.context);
  try {
    await Promise.all(longestFirst(todo).map(async (cell) => {
      const outcome = await pool.run(cell).catch((err: unknown) => (err instanceof CellFailure ? err : new CellFailure(messageLine(err), false)));
      if (outcome instanceof CellFailure) {
        if (outcome.input) failed++;
        else leftPending++;
      }
      const { status, note } = storeOutcome(opts.db, cell, outcome, opts.codeVersion, `thread@${process.pid}`);
      onProgress({ type: "cell", cell, status, note, done: ++settled, total });
    }));
  } finally {
    await pool.close();
  }
  return { ran: todo.length - failed - leftPending, failed, leftPending, skipped, total };
}
