import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { cellThreadEntry, checkQueueName, checkRedisUrl, codeVersion, redactSecrets, startQueueWorker } from "@equitable/sweep";
import type { BackendName } from "@equitable/model";
import { InputError } from "@equitable/core";
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
  plugins?: string;
  quiet?: boolean;
}

/**
 * `equitable worker --queue redis://host:port`: pulls sweep cells from the queue and trains them on
 * worker threads until stopped (SIGINT / SIGTERM let the cells in flight finish first). It loads
 * only the plug-ins of its own --plugins: a job naming any other is refused.
 */
export async function workerCommand(opts: WorkerOptions): Promise<void> {
  const threads = opts.workers === undefined ? availableParallelism() : integer("--workers", opts.workers, 1, workerLimit());
  const lockSeconds = opts.lockSeconds === undefined ? 30 : integer("--lock-seconds", opts.lockSeconds, 1, LOCK_SECONDS_LIMIT);
  checkRedisUrl(opts.queue);
  checkQueueName(opts.queueName);
  // The allow-list: the only plug-ins this worker loads, whatever a job names.
  const plugins = opts.plugins === undefined ? [] : opts.plugins.split(",").map((p) => p.trim());
  if (plugins.some((p) => p === "")) throw new InputError("--plugins", "is a comma list of plug-in paths or package names, with none empty");
  const log = opts.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const worker = await startQueueWorker({
    url: opts.queue,
    queue: opts.queueName,
    threads,
    entry: cellThreadEntry(),
    context: { dataDir: opts.dataDir ? resolve(opts.dataDir) : undefined, backend: opts.backend },
    codeVersion: codeVersion(),
    lockSeconds,
    plugins,
    pluginDir: process.cwd(),
    log,
  }).catch((err: unknown) => {
    // No error of a worker may carry the Redis password (an ioredis error quoting the address).
    if (err instanceof Error) err.message = redactSecrets(err.message, opts.queue);
    throw err;
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
