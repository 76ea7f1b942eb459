import { Queue, QueueEvents, type Job } from "bullmq";
import type { CellSpec } from "../cell.js";
import { CellFailure, messageLine } from "../cell-failure.js";
import type { Sweep } from "../load-sweep.js";
import type { ResultsDb } from "../results-db.js";
import type { SweepOutcome } from "../run-sweep.js";
import type { SweepProgressListener } from "../sweep-progress.js";
import { parseJobReturn } from "./job-schema.js";
import { escapeControls } from "./log-line.js";
import { DEFAULT_QUEUE, INPUT_FAILURE, jobIdOf, RETRYABLE_FAILURE, sweepTag, type CellJobData, type CellJobReturn } from "./queue-names.js";
import { checkQueueName, redactSecrets, redactUrl } from "./redis-address.js";
import { probeRedis } from "./redis-probe.js";

/** How long a coordinator waits for a Redis that stopped answering before it gives up, unless told otherwise. */
export const REDIS_WAIT_SECONDS = 30;

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
  /** Seconds Redis may stay unanswering before the sweep stops with a QueueLostError (default REDIS_WAIT_SECONDS). */
  readonly redisWaitSeconds?: number;
}

/**
 * The coordinator lost its Redis for longer than it may wait: one line naming --queue; the cells
 * not stored are left pending in the database for a rerun. Not an input error (exit 1, not 2).
 */
export class QueueLostError extends Error {
  override readonly name = "QueueLostError";
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Closes a BullMQ client, or drops its connection when Redis does not answer: against a down Redis
 * both `close` and `disconnect` wait for ever (an ioredis client parked in `reconnecting` never
 * emits the `end` they wait for), so each gets a second; `disconnect` has cleared the retry timer by then.
 */
async function closeQuietly(client: Queue | QueueEvents): Promise<void> {
  await Promise.race([client.close().catch(() => {}), sleep(1000)]);
  await Promise.race([client.disconnect().catch(() => {}), sleep(1000)]);
}

/**
 * Runs a sweep through a BullMQ queue: enqueues the unfinished cells (job id = sweep tag + cell id,
 * so a restarted coordinator finds the jobs it added) and writes each result into the database as it
 * arrives, one transaction per cell. The database stores a cell once whatever the queue delivers: a
 * retried job whose first worker was merely slow is ignored the second time.
 *
 * The queue is not trusted: a result is validated before it is stored (a malformed one leaves its
 * cell pending), a job that vanished (Redis restarted without persistence) is enqueued again, and a
 * Redis silent for `redisWaitSeconds` ends the sweep with one QueueLostError, cells left pending.
 */
export async function runSweepOnQueue(sweep: Sweep, opts: QueueSweepOptions): Promise<SweepOutcome> {
  checkQueueName(opts.queue);
  await probeRedis(opts.url);
  const todo = opts.db.prepare(sweep.config.name, sweep.file, sweep.config, opts.codeVersion, sweep.cells, { inputs: sweep.inputs });
  const total = sweep.cells.length;
  const skipped = total - todo.length;
  const onProgress = opts.onProgress ?? (() => {});
  onProgress({ type: "start", total, done: skipped });
  if (todo.length === 0) return { ran: 0, failed: 0, leftPending: 0, skipped, total };
  let settled = skipped;
  const name = opts.queue ?? DEFAULT_QUEUE;
  const shown = redactUrl(opts.url);
  const waitMs = (opts.redisWaitSeconds ?? REDIS_WAIT_SECONDS) * 1000;
  const tag = sweepTag(sweep.config);
  const connection = { url: opts.url, maxRetriesPerRequest: null };
  const queue = new Queue<CellJobData, CellJobReturn>(name, { connection });
  const events = new QueueEvents(name, { connection });
  // BullMQ re-emits every connection error: kept for the one line said if Redis stays away (ioredis
  // would otherwise print each retry's stack trace).
  let lastError: string | undefined;
  const onError = (err: Error) => (lastError = redactSecrets(messageLine(err), opts.url));
  queue.on("error", onError);
  events.on("error", onError);
  const cellOf = new Map<string, CellSpec>(todo.map((c) => [jobIdOf(tag, c.id), c]));
  const remaining = new Set(cellOf.keys());
  let failed = 0;
  let leftPending = 0;
  let settle: () => void = () => {};
  let lose: (err: Error) => void = () => {};
  const allDone = new Promise<void>((resolve) => (settle = resolve));
  const lost = new Promise<never>((_, reject) => (lose = reject));
  lost.catch(() => {});
  const jobOpts = (jobId: string) => ({ jobId, attempts: opts.attempts ?? 3, backoff: { type: "fixed", delay: 1000 }, removeOnComplete: false, removeOnFail: false });

  const finish = (jobId: string, outcome: CellJobReturn | CellFailure) => {
    const cell = cellOf.get(jobId);
    if (!cell || !remaining.delete(jobId)) return;
    let status: "done" | "failed" | "failed-retryable" | "pending";
    let note: string;
    // Reasons and worker names came through the queue: escaped before they reach a terminal.
    if (outcome instanceof CellFailure) {
      // Bounded too: a forged reason could be megabytes.
      const reason = escapeControls(outcome.message.slice(0, 1000));
      if (outcome.input) {
        opts.db.fail(cell.id, outcome.message.slice(0, 1000), opts.codeVersion, "queue", outcome.retryable);
        failed++;
        [status, note] = outcome.retryable ? ["failed-retryable", `failed, rerun by the next sweep (${reason})`] : ["failed", `failed (${reason})`];
      } else {
        leftPending++;
        [status, note] = ["pending", `not stored, left pending for a rerun (${reason})`];
      }
    } else {
      opts.db.complete(cell.id, outcome.result, outcome.codeVersion, outcome.worker);
      [status, note] = ["done", `mean regret ${outcome.result.row.mean.toPrecision(4)} (${escapeControls(outcome.worker)})`];
    }
    onProgress({ type: "cell", cell, status, note, done: ++settled, total });
    // Settled: the job may go (a rerun of the sweep skips a stored cell, and enqueues a pending one afresh).
    void queue.remove(jobId).catch(() => {});
    if (remaining.size === 0) settle();
  };
  /** A completed job: its result if it is well-formed, else the cell is left pending (a malformed result fails its job, not the coordinator). */
  const completed = (jobId: string, returnvalue: unknown) => {
    const parsed = parseJobReturn(returnvalue);
    finish(jobId, parsed.ok ? parsed.value : new CellFailure(`malformed result: ${parsed.reason}`, false));
  };
  const failure = (reason: string) => {
    if (reason.startsWith(RETRYABLE_FAILURE)) return new CellFailure(reason.slice(RETRYABLE_FAILURE.length), true, true);
    return new CellFailure(reason.startsWith(INPUT_FAILURE) ? reason.slice(INPUT_FAILURE.length) : reason, reason.startsWith(INPUT_FAILURE));
  };
  /** Settles a job from its state: completed or finally failed. */
  const reconcile = async (job: Job<CellJobData, CellJobReturn> | undefined): Promise<boolean> => {
    if (!job?.id) return false;
    const state = await job.getState();
    if (state === "completed") completed(job.id, job.returnvalue);
    else if (state === "failed") finish(job.id, failure(String(job.failedReason ?? "failed")));
    else return state !== "unknown";
    return true;
  };
  /** Every cell not yet stored, checked in the queue; a job Redis no longer has (restarted empty, removed) is enqueued again. */
  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      const gone: string[] = [];
      for (const jobId of [...remaining]) {
        const job = await queue.getJob(jobId);
        // Settled meanwhile (finish removes the job after deleting it from `remaining`): not lost.
        if (!job) {
          if (remaining.has(jobId)) gone.push(jobId);
        } else await reconcile(job);
      }
      if (gone.length === 0) return;
      await queue.addBulk(gone.map((jobId) => ({ name: "cell", data: { cell: cellOf.get(jobId)!, codeVersion: opts.codeVersion }, opts: jobOpts(jobId) })));
      onProgress({ type: "requeued", cells: gone.length, queue: name });
    } catch {
      // Redis away: the health check below says so if it lasts.
    } finally {
      checking = false;
    }
  };
  // Health: a PING a second. Unanswered for waitMs, the sweep stops (cells pending); answered again, the queue is checked at once.
  let downSince: number | undefined;
  const health = setInterval(() => {
    void (async () => {
      const client = await queue.getBackend().client;
      // Any command answers as a PING would (the client's interface has no ping); the key is never set.
      const ok = await Promise.race([client.get("equitable:health").then(() => true, () => false), sleep(1000).then(() => false)]);
      if (ok) {
        if (downSince !== undefined) void check();
        downSince = undefined;
        return;
      }
      downSince ??= Date.now();
      if (Date.now() - downSince >= waitMs) {
        const n = remaining.size;
        lose(new QueueLostError(`--queue: lost Redis at ${shown} for ${Math.round(waitMs / 1000)} s (${lastError ?? "no answer"}): ${n} cell${n === 1 ? "" : "s"} left pending; rerun the sweep once Redis is back`));
      }
    })().catch(() => {});
  }, 1000);
  let poll: NodeJS.Timeout | undefined;

  const work = async () => {
    // Listening before adding: no result can arrive unseen.
    await events.waitUntilReady();
    events.on("completed", ({ jobId, returnvalue }) => {
      if (remaining.has(jobId)) completed(jobId, returnvalue);
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
    await queue.addBulk(fresh.map((cell) => ({ name: "cell", data: { cell, codeVersion: opts.codeVersion }, opts: jobOpts(jobIdOf(tag, cell.id)) })));
    onProgress({ type: "enqueued", cells: fresh.length, queue: name, url: shown });
    // A safety net under the event stream (events missed while reconnecting, jobs lost by a restarted Redis).
    poll = setInterval(() => void check(), 5000);
    await allDone;
  };

  try {
    await Promise.race([work(), lost]);
    return { ran: todo.length - failed - leftPending, failed, leftPending, skipped, total };
  } finally {
    clearInterval(health);
    clearInterval(poll);
    await closeQuietly(events);
    await closeQuietly(queue);
  }
}
