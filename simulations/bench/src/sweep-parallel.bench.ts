// Sweep benchmark: a 16-cell sweep on 1 worker thread, then on 2; prints both wall times and their
// ratio (target on a 2-core machine: 2 workers take at most 0.6× the time of 1).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { codeVersion, loadSweep, ResultsDb, runSweepLocally } from "@equitable/sweep";

const here = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(here, "../sweeps/sixteen-cells.json");
// The CLI's thread body: the same training code `equitable sweep` runs.
const entry = new URL("../../../packages/cli/src/sweep-thread.ts", import.meta.url);

async function timeSweep(workers: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), "equitable-bench-sweep-"));
  const db = ResultsDb.open(path.join(dir, "r.db"));
  try {
    const sweep = await loadSweep(file);
    const started = performance.now();
    const outcome = await runSweepLocally(sweep, { db, workers, entry, context: { backend: "auto" }, codeVersion: codeVersion(), quiet: true });
    const seconds = (performance.now() - started) / 1000;
    if (outcome.ran !== 16) throw new Error(`expected 16 cells, ran ${outcome.ran} (${outcome.failed} failed)`);
    return seconds;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What the machine gives: wall time of n threads each spinning the same loop. On two free cores 2
 * threads take as long as 1; on a machine shared with other work they take longer, and no sweep
 * can beat that ratio.
 */
async function spin(n: number): Promise<number> {
  const code = "let x = 0; for (let i = 0; i < 2e8; i++) x += i % 7; require('node:worker_threads').parentPort.postMessage(x);";
  const started = performance.now();
  await Promise.all(Array.from({ length: n }, () => new Promise<void>((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once("message", () => void w.terminate().then(() => resolve()));
    w.once("error", reject);
  })));
  return performance.now() - started;
}

const spinRatio = (await spin(2)) / (await spin(1));
console.log(`machine check: 2 busy threads take ${spinRatio.toFixed(2)}× the time of 1 (1.00 = two free cores)`);
const one = await timeSweep(1);
console.log(`sweep of 16 cells, 1 worker:  ${one.toFixed(1)} s`);
const two = await timeSweep(2);
console.log(`sweep of 16 cells, 2 workers: ${two.toFixed(1)} s`);
console.log(`ratio 2 workers / 1 worker: ${(two / one).toFixed(2)} (target ≤ 0.60 on a 2-core machine)`);
