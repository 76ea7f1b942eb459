import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import {
  cellThreadEntry, checkQueueName, checkRedisUrl, codeVersion, databaseError, loadSweep, preflightSweep, probeRedis, QueueLostError, redactSecrets, ResultsDb,
  runSweepLocally, runSweepOnQueue, type SweepOutcome,
} from "@equitable/sweep";
import type { BackendName } from "@equitable/model";
import { InputError } from "@equitable/core";
import { integer, workerLimit } from "./options.js";
import { createSweepProgress } from "./sweep-progress.js";

/** Options of `equitable sweep`. */
export interface SweepOptions {
  db?: string;
  workers?: string;
  dataDir?: string;
  backend: BackendName;
  queue?: string;
  queueName?: string;
  redisWait?: string;
  quiet?: boolean;
  retryFailed?: boolean;
}


/** `equitable sweep <file>`: every unfinished cell of the sweep, in parallel, into the results database. */
export async function sweepCommand(file: string, opts: SweepOptions): Promise<void> {
  const workers = opts.workers === undefined ? availableParallelism() : integer("--workers", opts.workers, 1, workerLimit());
  const redisWait = opts.redisWait === undefined ? undefined : integer("--redis-wait", opts.redisWait, 1);
  // Queue options are checked with the rest, before the sweep is read or the database created.
  if (opts.queue === undefined) {
    if (redisWait !== undefined) throw new InputError("--redis-wait", "waits for the Redis of --queue: give it with --queue");
  } else {
    checkRedisUrl(opts.queue);
    checkQueueName(opts.queueName);
    // The workers train: --workers, --data-dir and --backend are theirs.
    if (opts.workers !== undefined) throw new InputError("--workers", "with --queue the cells run on `equitable worker` processes: give --workers to them");
    if (opts.dataDir !== undefined) throw new InputError("--data-dir", "with --queue the cells run on `equitable worker` processes: give --data-dir to them");
  }
  // Everything is validated before a cell runs or the database is touched.
  const version = codeVersion();
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;
  const sweep = await loadSweep(file, undefined, { dataDir, codeVersion: version });
  // Input errors a cell would meet (data, plug-ins, routes) are one line now, not a database of failed cells.
  // On a queue the data are the workers' (their --data-dir): they cannot be checked here.
  if (opts.queue === undefined) await preflightSweep(sweep, { dataDir });
  // An unreachable Redis is said within seconds, before the database is created.
  if (opts.queue !== undefined) await probeRedis(opts.queue);
  const dbPath = resolve(opts.db ?? "results.db");
  const db = ResultsDb.open(dbPath);
  try {
    await runWith(db);
  } catch (err) {
    // A database locked by another process or a full disk is said naming the file, not as an internal error.
    throw databaseError(err, dbPath, "--db");
  } finally {
    db.close();
  }

  async function runWith(db: ResultsDb): Promise<void> {
    // One sweep at a time on a database: a second would train every cell the first is training.
    db.claim();
    const context = { dataDir, backend: opts.backend };
    // The sweep emits progress events; the bar (or the lines) is drawn here.
    const progress = createSweepProgress(opts.quiet);
    let outcome: SweepOutcome;
    try {
      outcome = opts.queue !== undefined
        ? await runSweepOnQueue(sweep, { db, url: opts.queue, queue: opts.queueName, codeVersion: version, onProgress: progress.onProgress, redisWaitSeconds: redisWait })
        : await runSweepLocally(sweep, { db, workers, entry: cellThreadEntry(), context, codeVersion: version, onProgress: progress.onProgress, retryFailed: opts.retryFailed === true });
    } catch (err) {
      progress.stop();
      // Redis gone for good: one line and exit 1 (not bad input); the cells not stored stay pending.
      if (err instanceof QueueLostError) {
        process.stderr.write(`error: ${err.message}\n`);
        process.exitCode = 1;
        return;
      }
      // No message of a queue run may carry the Redis password (an ioredis error quoting the address).
      if (opts.queue !== undefined && err instanceof Error) err.message = redactSecrets(err.message, opts.queue);
      throw err;
    }
    progress.stop();
    const counts = db.counts();
    process.stdout.write(
      `Sweep ${sweep.config.name}: ${outcome.total} cells; ran ${outcome.ran} now, ${outcome.skipped} already finished, ${outcome.failed} failed` +
        `${outcome.leftPending ? `, ${outcome.leftPending} left pending (rerun to retry)` : ""}; database ${dbPath}: ${counts.done} done, ${counts.failed} failed` +
        `${counts["failed-retryable"] ? `, ${counts["failed-retryable"]} failed for a fixable reason (rerun to retry)` : ""}, ${counts.pending} pending\n`,
    );
    // A sweep with a cell not done is not a success, whether the cell failed now or before.
    if (counts.failed + counts["failed-retryable"] + counts.pending > 0) process.exitCode = 1;
  }
}
