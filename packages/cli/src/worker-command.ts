import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { cellThreadEntry, codeVersion, startQueueWorker } from "@equitable/sweep";
import type { BackendName } from "@equitable/model";
import { integer, workerLimit } from "./options.js";

/** The longest `--lock-seconds`: a day. BullMQ's lock timer is a setTimeout, whose delay past 2^31 ms (≈ 24.8 days) overflows to 1 ms and renews the lock in a busy loop. */
export const LOCK_SECONDS_LIMIT = { limit: 86_400, why: "one day; a longer lock overflows the lock timer" };

/** Options of `equitable worker`. */
export interface WorkerOptions {
  queue: string;
  queueName?: string;
  workers?: string;
  dataDir?: string;
  backend: BackendName;
  lockSeconds?: string;
  quiet?: boolean;
}

/**
 * `equitable worker --queue redis://host:port`: pulls sweep cells from the queue and trains them on
 * worker threads until stopped (SIGINT / SIGTERM let the cells in flight finish first).
 */
export async function workerCommand(opts: WorkerOptions): Promise<void> {
  const threads = opts.workers === undefined ? availableParallelism() : integer("--workers", opts.workers, 1, workerLimit());
  const lockSeconds = opts.lockSeconds === undefined ? 30 : integer("--lock-seconds", opts.lockSeconds, 1, LOCK_SECONDS_LIMIT);
  const log = opts.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const worker = await startQueueWorker({
    url: opts.queue,
    queue: opts.queueName,
    threads,
    entry: cellThreadEntry(),
    context: { dataDir: opts.dataDir ? resolve(opts.dataDir) : undefined, backend: opts.backend },
    codeVersion: codeVersion(),
    lockSeconds,
    log,
  });
  await new Promise<void>((done) => {
    const stop = () => {
      log?.(`worker ${worker.name}: stopping after the cells in flight`);
      void worker.close().then(done);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
