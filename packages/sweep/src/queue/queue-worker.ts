import { hostname } from "node:os";
import { UnrecoverableError, Worker } from "bullmq";
import { describeCell, type RunnerContext } from "../cell.js";
import { CellFailure } from "../cell-failure.js";
import { CellPool } from "../thread-pool.js";
import { DEFAULT_QUEUE, INPUT_FAILURE, type CellJobData, type CellJobReturn } from "./queue-names.js";
import { probeRedis } from "./redis-probe.js";

/** How a queue worker runs. */
export interface QueueWorkerOptions {
  readonly url: string;
  readonly queue?: string;
  /** Cells run at once, each on its own thread. */
  readonly threads: number;
  readonly entry: URL;
  readonly context: RunnerContext;
  readonly codeVersion: string;
  /** How long a job's lock lasts without renewal: a worker gone this long has its cell retried elsewhere. */
  readonly lockSeconds: number;
  readonly log?: (line: string) => void;
}

/** A running queue worker; `close` lets its cells in flight finish first. */
export interface RunningWorker {
  readonly name: string;
  close(): Promise<void>;
}

/**
 * Pulls cells from the BullMQ queue and runs them on worker threads, returning each cell's results
 * to the coordinator through the job. The main thread only talks to Redis, so job locks are renewed
 * while a cell trains; a worker killed mid-cell stops renewing and its cell returns to the queue
 * for another worker (BullMQ's stalled-job check).
 */
export async function startQueueWorker(opts: QueueWorkerOptions): Promise<RunningWorker> {
  await probeRedis(opts.url);
  const name = `${hostname()}:${process.pid}`;
  const log = opts.log ?? (() => {});
  const pool = new CellPool(opts.entry, opts.threads, opts.context);
  let warned = false;
  const worker = new Worker<CellJobData, CellJobReturn>(
    opts.queue ?? DEFAULT_QUEUE,
    async (job) => {
      const { cell, codeVersion } = job.data;
      if (codeVersion !== opts.codeVersion && !warned) {
        warned = true;
        log(`worker ${name}: the coordinator runs code ${codeVersion}, this worker ${opts.codeVersion}; each cell records the version that computed it`);
      }
      log(`worker ${name}: started cell ${cell.id} (${describeCell(cell)}), attempt ${job.attemptsMade + 1}`);
      try {
        const result = await pool.run(cell);
        log(`worker ${name}: finished cell ${cell.id}`);
        return { result, worker: name, codeVersion: opts.codeVersion };
      } catch (err) {
        // A cell's own failure would fail again anywhere: not retried.
        if (err instanceof CellFailure && err.input) throw new UnrecoverableError(`${INPUT_FAILURE}${err.message}`);
        throw err;
      }
    },
    {
      connection: { url: opts.url, maxRetriesPerRequest: null },
      concurrency: opts.threads,
      lockDuration: opts.lockSeconds * 1000,
      stalledInterval: Math.max(500, (opts.lockSeconds * 1000) / 2),
      // A cell whose workers keep dying is given up after a few tries (the coordinator leaves it pending).
      maxStalledCount: 3,
    },
  );
  worker.on("error", (err) => log(`worker ${name}: ${err.message}`));
  await worker.waitUntilReady();
  log(`worker ${name}: waiting for cells on ${opts.queue ?? DEFAULT_QUEUE} at ${opts.url} (${opts.threads} thread${opts.threads > 1 ? "s" : ""})`);
  return {
    name,
    async close() {
      await worker.close();
      await pool.close();
    },
  };
}
