import { Queue, QueueEvents, type Job } from "bullmq";
import type { CellSpec } from "../cell.js";
import { CellFailure } from "../cell-failure.js";
import type { Sweep } from "../load-sweep.js";
import type { ResultsDb } from "../results-db.js";
import type { SweepOutcome } from "../run-sweep.js";
import type { SweepProgressListener } from "../sweep-progress.js";
import { DEFAULT_QUEUE, INPUT_FAILURE, jobIdOf, sweepTag, type CellJobData, type CellJobReturn } from "./queue-names.js";
import { probeRedis } from "./redis-probe.js";

/** How a coordinator runs. */
export interface QueueSweepOptions {
  readonly db: ResultsDb;
  readonly url: string;
  readonly queue?: string;
  readonly codeVersion: string;
  /** Told when the sweep starts, when its cells are enqueued and as each cell settles (the host draws progress from it). */
  readonly onProgress?: SweepProgressListener;
  /** Tries of a cell whose worker fails for reasons of its own (a crashed thread). */
  readonly attempts?: number;
}

/**
 * Runs a sweep through a BullMQ queue: enqueues the unfinished cells (job id = sweep tag + cell id,
 * so a restarted coordinator finds the jobs it added) and writes each result into the database as it
 * arrives, one transaction per cell. The database stores a cell once whatever the queue delivers: a
 * retried job whose first worker was merely slow is ignored the second time.
 */
export async function runSweepOnQueue(sweep: Sweep, opts: QueueSweepOptions): Promise<SweepOutcome> {
  await probeRedis(opts.url);
  const todo = opts.db.prepare(sweep.config.name, sweep.file, sweep.config, opts.codeVersion, sweep.cells, { inputs: sweep.inputs });
  const total = sweep.cells.length;
  const skipped = total - todo.length;
  const onProgress = opts.onProgress ?? (() => {});
  onProgress({ type: "start", total, done: skipped });
  let settled = skipped;
  const name = opts.queue ?? DEFAULT_QUEUE;
  const tag = sweepTag(sweep.config);
  const connection = { url: opts.url, maxRetriesPerRequest: null };
  const queue = new Queue<CellJobData, CellJobReturn>(name, { connection });
  const events = new QueueEvents(name, { connection });
  const cellOf = new Map<string, CellSpec>(todo.map((c) => [jobIdOf(tag, c.id), c]));
  const remaining = new Set(cellOf.keys());
  let failed = 0;
  let leftPending = 0;
  let settle: () => void = () => {};
  const allDone = new Promise<void>((resolve) => (settle = resolve));

  const finish = (jobId: string, outcome: CellJobReturn | CellFailure) => {
    const cell = cellOf.get(jobId);
    if (!cell || !remaining.delete(jobId)) return;
    let status: "done" | "failed" | "pending";
    let note: string;
    if (outcome instanceof CellFailure) {
      if (outcome.input) {
        opts.db.fail(cell.id, outcome.message, opts.codeVersion, "queue");
        failed++;
        [status, note] = ["failed", `failed (${outcome.message})`];
      } else {
        leftPending++;
        [status, note] = ["pending", `not stored, left pending for a rerun (${outcome.message})`];
      }
    } else {
      opts.db.complete(cell.id, outcome.result, outcome.codeVersion, outcome.worker);
      [status, note] = ["done", `mean regret ${outcome.result.row.mean.toPrecision(4)} (${outcome.worker})`];
    }
    onProgress({ type: "cell", cell, status, note, done: ++settled, total });
    // Stored: the job may go (a rerun of the sweep skips the cell in the database).
    void queue.remove(jobId).catch(() => {});
    if (remaining.size === 0) settle();
  };
  const failure = (reason: string) => new CellFailure(reason.startsWith(INPUT_FAILURE) ? reason.slice(INPUT_FAILURE.length) : reason, reason.startsWith(INPUT_FAILURE));
  /** Settles a job from its state: completed or finally failed. */
  const reconcile = async (job: Job<CellJobData, CellJobReturn> | undefined): Promise<boolean> => {
    if (!job?.id) return false;
    const state = await job.getState();
    if (state === "completed") finish(job.id, typeof job.returnvalue === "string" ? JSON.parse(job.returnvalue) : job.returnvalue);
    else if (state === "failed") finish(job.id, failure(job.failedReason ?? "failed"));
    else return state !== "unknown";
    return true;
  };

  try {
    if (todo.length === 0) return { ran: 0, failed: 0, leftPending: 0, skipped, total };
    // Listening before adding: no result can arrive unseen.
    await events.waitUntilReady();
    events.on("completed", ({ jobId, returnvalue }) => {
      if (remaining.has(jobId)) finish(jobId, typeof returnvalue === "string" ? JSON.parse(returnvalue) : (returnvalue as unknown as CellJobReturn));
    });
    events.on("failed", ({ jobId }) => {
      // Emitted for a try that will be retried, too: the job's state says which.
      if (remaining.has(jobId)) void queue.getJob(jobId).then(reconcile).catch(() => {});
    });
    const fresh: CellSpec[] = [];
    for (const [jobId, cell] of cellOf) {
      // A job a previous coordinator of this sweep added: finished meanwhile, or still queued.
      if (!(await reconcile(await queue.getJob(jobId)))) fresh.push(cell);
    }
    await queue.addBulk(fresh.map((cell) => ({
      name: "cell",
      data: { cell, codeVersion: opts.codeVersion },
      opts: { jobId: jobIdOf(tag, cell.id), attempts: opts.attempts ?? 3, backoff: { type: "fixed", delay: 1000 }, removeOnComplete: false, removeOnFail: false },
    })));
    onProgress({ type: "enqueued", cells: fresh.length, queue: name, url: opts.url });
    // A safety net under the event stream (events missed while reconnecting).
    const poll = setInterval(() => {
      for (const jobId of [...remaining]) void queue.getJob(jobId).then(reconcile).catch(() => {});
    }, 5000);
    try {
      await allDone;
    } finally {
      clearInterval(poll);
    }
    return { ran: todo.length - failed - leftPending, failed, leftPending, skipped, total };
  } finally {
    await events.close();
    await queue.close();
  }
}
