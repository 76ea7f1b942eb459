import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { CellResult, CellSpec, RunnerContext } from "./cell.js";
import { CellFailure } from "./cell-failure.js";
import type { CellReply } from "./serve-cells.js";

/**
 * A worker thread running `entry`. Run from TypeScript sources (tsx), the thread inherits
 * --conditions but not tsx's loader, so it registers tsx's ESM hooks first, then imports the entry.
 */
function startThread(entry: URL): Worker {
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry);
  const api = tsxEsmApi();
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(code, { eval: true });
}

/** tsx's ESM API module: its package's `import` export of ./esm/api (import.meta.resolve is missing under vitest). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const entry = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports["./esm/api"];
  return pathToFileURL(join(dirname(manifest), entry.import.default)).href;
}

interface Pending {
  readonly cell: CellSpec;
  resolve(result: CellResult): void;
  reject(err: CellFailure): void;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
}

/**
 * A fixed pool of worker threads that run cells, one per thread at a time (node:worker_threads:
 * threads die with the process, so a killed sweep leaves no orphan training on). `entry` is the
 * module that calls serveCells with the host's cell runner. A thread that dies mid-cell fails that
 * cell and is replaced.
 */
export class CellPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(private readonly entry: URL, size: number, private readonly context: RunnerContext) {
    for (let k = 0; k < size; k++) this.slots.push(this.spawn());
  }

  /** Number of threads. */
  get size(): number {
    return this.slots.length;
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startThread(this.entry) };
    slot.worker.on("message", (reply: CellReply) => {
      const job = slot.busy;
      slot.busy = undefined;
      if (job) {
        if (reply.ok) job.resolve(reply.result);
        else job.reject(new CellFailure(reply.message, reply.input, reply.retryable === true));
      }
      this.dispatch();
    });
    let dead = false;
    const died = (why: string) => {
      // 'error' is followed by 'exit': one replacement.
      if (dead) return;
      dead = true;
      const job = slot.busy;
      slot.busy = undefined;
      if (this.closed) return;
      const k = this.slots.indexOf(slot);
      if (k >= 0) this.slots[k] = this.spawn();
      job?.reject(new CellFailure(`worker thread ${why}`, false));
      this.dispatch();
    };
    slot.worker.on("error", (err) => died(`failed: ${err.message}`));
    slot.worker.on("exit", (code) => died(`exited with code ${code}`));
    // An idle pool must not keep the process alive.
    slot.worker.unref();
    return slot;
  }

  /** Runs a cell on the next free thread. */
  run(cell: CellSpec): Promise<CellResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ cell, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.busy = job;
      slot.worker.ref();
      slot.worker.postMessage({ cell: job.cell, context: this.context });
    }
    for (const slot of this.slots) if (!slot.busy) slot.worker.unref();
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
