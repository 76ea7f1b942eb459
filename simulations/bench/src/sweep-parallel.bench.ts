// Sweep benchmark: a 16-cell sweep on 1 worker thread, then on 2; prints both wall times and their
// ratio (target on a 2-core machine: 2 workers take at most 0.6× the time of 1).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
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

const one = await timeSweep(1);
console.log(`sweep of 16 cells, 1 worker:  ${one.toFixed(1)} s`);
const two = await timeSweep(2);
console.log(`sweep of 16 cells, 2 workers: ${two.toFixed(1)} s`);
console.log(`ratio 2 workers / 1 worker: ${(two / one).toFixed(2)} (target ≤ 0.60 on a 2-core machine)`);
