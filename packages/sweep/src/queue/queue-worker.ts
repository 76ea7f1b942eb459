import { hostname } from "node:os";
import { UnrecoverableError, Worker } from "bullmq";
import { InputError } from "@equitable/core";
import { loadPlugin } from "@equitable/scenario";
import { HOST_URL } from "@equitable/experiment";
import { describeCell, type CellSpec, type RunnerContext } from "../cell.js";
import { CellFailure, messageLine } from "../cell-failure.js";
import { CellPool } from "../thread-pool.js";
import { checkCellScenario, parseJobShape } from "./job-schema.js";
import { escapeControls } from "./log-line.js";
import { DEFAULT_QUEUE, INPUT_FAILURE, JOB_REFUSED, RETRYABLE_FAILURE, type CellJobData, type CellJobReturn } from "./queue-names.js";
import { checkQueueName, redactSecrets, redactUrl } from "./redis-address.js";
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
  /**
   * The plug-ins this worker may load (the allow-list): paths relative to `pluginDir` or package
   * names found in node_modules above it, loaded at start. A job naming any other plug-in is refused.
   */
  readonly plugins?: readonly string[];
  /** Where `plugins` resolve from (default: the working directory). */
  readonly pluginDir?: string;
  readonly log?: (line: string) => void;
}

/** A running queue worker; `close` lets its cells in flight finish first. */
export interface RunningWorker {
  readonly name: string;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** An allow-listed plug-in: the name it was given as, and where this worker found it. */
interface Allowed {
  readonly spec: string;
  readonly path: string;
}

/** The package name a resolved path ends in (…/node_modules/@scope/name), if any. */
function packageNameOf(path: string): string | undefined {
  return /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/?$/.exec(path.replaceAll("\\", "/"))?.[1];
}

/**
 * The worker's own location of each plug-in a job names, or an InputError for the first one not
 * in the allow-list. A name matches an entry given as it, the entry's resolved path, or (a package
 * installed on both machines) a coordinator's node_modules path of the same package.
 */
function allowedPlugins(named: unknown, allowed: readonly Allowed[]): string[] {
  if (named === undefined) return [];
  if (!Array.isArray(named) || named.some((p) => typeof p !== "string")) throw new InputError("job: cell.scenario.plugins", "must be a list of plug-in names");
  return (named as string[]).map((name, i) => {
    const pkg = packageNameOf(name);
    const hit = allowed.find((a) => a.spec === name || a.path === name || (pkg !== undefined && a.spec === pkg));
    if (!hit) {
      const list = allowed.length ? allowed.map((a) => a.spec).join(", ") : "none";
      throw new InputError(`job: cell.scenario.plugins[${i}]`, `plug-in '${name}' is not in this worker's --plugins allow-list (${list}): a worker loads only the plug-ins its own command line names`);
    }
    return hit.path;
  });
}

/**
 * Pulls cells from the BullMQ queue and runs them on worker threads, returning each cell's results
 * to the coordinator through the job. The main thread only talks to Redis, so job locks are renewed
 * while a cell trains; a worker killed mid-cell stops renewing and its cell returns to the queue
 * for another worker (BullMQ's stalled-job check).
 *
 * Whoever can write to the Redis can add jobs, so a job is data, never code: its payload is validated
 * (the cell's shape, its scenario by the scenario schema, its plan against the scenario's) before any
 * use, and the only plug-ins loaded are the worker's own (`plugins`), resolved here, never from a job.
 */
export async function startQueueWorker(opts: QueueWorkerOptions): Promise<RunningWorker> {
  checkQueueName(opts.queue);
  // Loaded before Redis is reached: a wrong --plugins is said at once, and the main thread knows
  // their kinds and methods to validate the jobs' scenarios.
  const allowed: Allowed[] = [];
  for (const spec of opts.plugins ?? []) allowed.push({ spec, path: (await loadPlugin(spec, opts.pluginDir ?? process.cwd(), HOST_URL, "--plugins")).path });
  await probeRedis(opts.url);
  const name = `${hostname()}:${process.pid}`;
  const shown = redactUrl(opts.url);
  // Every line: no password, and nothing a job wrote can forge a line or drive the terminal.
  const log = (line: string) => opts.log?.(escapeControls(redactSecrets(line, opts.url)));
  const pool = new CellPool(opts.entry, opts.threads, opts.context);
  let warned = false;
  let lastError = "";
  const worker = new Worker<CellJobData, CellJobReturn>(
    opts.queue ?? DEFAULT_QUEUE,
    async (job) => {
      let cell: CellSpec;
      let codeVersion: string;
      try {
        ({ cell, codeVersion } = parseJobShape(job.data));
        const plugins = allowedPlugins(cell.scenario.plugins, allowed);
        // The worker's own copies replace what the job named: the thread loads nothing else.
        const scenario = { ...cell.scenario };
        if (plugins.length) scenario.plugins = plugins;
        else delete scenario.plugins;
        cell = { ...cell, scenario };
        checkCellScenario(cell);
      } catch (err) {
        const reason = `${JOB_REFUSED}${messageLine(err)}`;
        log(`worker ${name}: refused job ${job.id}: ${messageLine(err)}`);
        // A plug-in this worker lacks another worker may have: that try is retried. A malformed job is not.
        if (/--plugins allow-list/.test(reason)) throw new Error(reason);
        throw new UnrecoverableError(reason);
      }
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
        // A fixable input (this worker's data, a plug-in) may hold on another worker: retried there.
        if (err instanceof CellFailure && err.input && err.retryable) throw new Error(`${RETRYABLE_FAILURE}${err.message}`);
        // A cell's own failure (a diverged training) would fail again anywhere: not retried.
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
  // While Redis is down the client retries every few hundred ms: one line per new error, not one per retry.
  worker.on("error", (err) => {
    const line = messageLine(err);
    if (line === lastError) return;
    lastError = line;
    log(`worker ${name}: Redis at ${shown}: ${line} (retrying)`);
  });
  worker.on("ready", () => {
    if (lastError !== "") log(`worker ${name}: Redis at ${shown} is back`);
    lastError = "";
  });
  await worker.waitUntilReady();
  log(`worker ${name}: waiting for cells on ${opts.queue ?? DEFAULT_QUEUE} at ${shown} (${opts.threads} thread${opts.threads > 1 ? "s" : ""}${allowed.length ? `; plug-ins: ${allowed.map((a) => a.spec).join(", ")}` : ""})`);
  return {
    name,
    async close() {
      if (lastError === "") await worker.close();
      else {
        // Redis is away: no cell in flight could report, and BullMQ's close would wait for a
        // reconnection for ever. Each step gets a second.
        await Promise.race([worker.close(true).catch(() => {}), sleep(1000)]);
        await Promise.race([worker.disconnect().catch(() => {}), sleep(1000)]);
      }
      await pool.close();
    },
  };
}
