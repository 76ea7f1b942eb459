// Sweep benchmark: a 16-cell sweep on 1 worker thread, then on 2; prints both wall times and their
// ratio (target on a 2-core machine: 2 workers take at most 0.6× the time of 1).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ResultsDb } from "@equitable/sweep";
import { timedCommand } from "./timed-command.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(here, "../sweeps/sixteen-cells.json");
const repoRoot = path.join(here, "../../..");
const bin = path.join(repoRoot, "packages/cli/dist/bin.js");

/**
 * Wall seconds of the whole `equitable sweep <file> --workers N` as a user starts it: the built
 * command (pnpm bench builds first), else the sources through tsx, which then transpile again in
 * every worker thread.
 */
async function timeSweep(workers: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), "equitable-bench-sweep-"));
  try {
    const args = ["sweep", file, "--db", path.join(dir, "r.db"), "--workers", String(workers), "--quiet"];
    const [cmd, pre] = existsSync(bin)
      ? [process.execPath, [bin]]
      : [path.join(repoRoot, "node_modules/.bin/tsx"), ["--conditions=@equitable/source", path.join(repoRoot, "packages/cli/src/bin.ts")]];
    const t = await timedCommand(cmd, [...pre, ...args], { cwd: repoRoot });
    if (t.code !== 0) throw new Error(`equitable sweep failed (exit ${t.code}): ${t.stderr.trim().split("\n").slice(-3).join(" | ")}`);
    const db = ResultsDb.open(path.join(dir, "r.db"));
    try {
      const done = db.counts().done;
      if (done !== 16) throw new Error(`expected 16 cells done, found ${done}`);
    } finally {
      db.close();
    }
    return t.wall;
  } finally {
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
console.log(`ratio 2 workers / 1 worker: ${(two / one).toFixed(3)} (target ≤ 0.60 on a 2-core machine; whole commands, ${existsSync(bin) ? "built" : "through tsx"})`);
const spinAfter = (await spin(2)) / (await spin(1));
console.log(`machine check again: ${spinAfter.toFixed(2)}×; no sweep on this machine can beat about ${(Math.min(spinRatio, spinAfter) / 2).toFixed(2)} (half the lower check)`);
