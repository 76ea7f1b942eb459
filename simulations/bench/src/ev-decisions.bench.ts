/**
 * Benchmark (not a test): EV / phone charging decisions per second (Eq. 13, choose the k cheapest
 * of T = 12 slots) through @equitable/solvers' batch hot path, the per-problem fast path, and
 * the general javascript-lp-solver ILP backend.
 * Usage: pnpm --filter @equitable/bench bench:ev [--rows 1024] [--agents 70] [--seconds 1] [--ilps 2000]
 */
import { availableParallelism, cpus } from "node:os";
import { parseArgs } from "node:util";
import { createRandom } from "@equitable/core";
import { prefixSumsByRank, rankSlotsBatch, selectCheapestBatch, solve } from "@equitable/solvers";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "1024" },
    agents: { type: "string", default: "70" },
    seconds: { type: "string", default: "1" },
    ilps: { type: "string", default: "2000" },
  },
});
const SLOTS = 12;
const rows = Number(args.rows);
const agents = Number(args.agents);
const seconds = Number(args.seconds);
const ilps = Number(args.ilps);

const rng = createRandom(12);
// Prices with a daily shape plus noise, like a forecast row; ties are rare, as in real forecasts.
const forecast = Float64Array.from({ length: rows * SLOTS }, (_, i) => 50 + 30 * Math.sin((i % SLOTS) / 2) + 10 * rng.normal());
const truth = Float64Array.from(forecast, (v) => v + 5 * rng.normal());
const ks = Uint8Array.from({ length: rows * agents }, () => 1 + rng.int(SLOTS));

/** Runs `step` (which makes `perStep` decisions) for about `seconds` after a short warm-up; decisions/s. */
function rate(perStep: number, step: () => number): { perSecond: number; checksum: number } {
  let checksum = 0;
  const warmUntil = performance.now() + 200;
  while (performance.now() < warmUntil) checksum += step();
  let steps = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    checksum += step();
    steps++;
  }
  return { perSecond: (steps * perStep) / ((performance.now() - started) / 1000), checksum };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? "unknown CPU"}); T = ${SLOTS}, ${agents} agents, ${rows} rows`);

// 1. The hot path: one ranking per row, then an O(1) mask per agent.
const masks = new Uint32Array(rows * agents);
const batch = rate(rows * agents, () => {
  selectCheapestBatch(forecast, rows, SLOTS, ks, agents, masks);
  return masks[masks.length - 1];
});
console.log(`selectCheapestBatch: ${fmt(batch.perSecond)} decisions/s (goal ≥ 1,000,000)`);

// 2. The regret path: rank forecast and truth once per row, prefix sums of the truth along both.
const forecastOrder = new Uint8Array(rows * SLOTS);
const truthOrder = new Uint8Array(rows * SLOTS);
const byForecast = new Float64Array(rows * (SLOTS + 1));
const byTruth = new Float64Array(rows * (SLOTS + 1));
const regrets = new Float64Array(rows * agents);
const regret = rate(rows * agents, () => {
  rankSlotsBatch(forecast, rows, SLOTS, forecastOrder);
  rankSlotsBatch(truth, rows, SLOTS, truthOrder);
  prefixSumsByRank(truth, forecastOrder, rows, SLOTS, byForecast);
  prefixSumsByRank(truth, truthOrder, rows, SLOTS, byTruth);
  for (let r = 0; r < rows; r++) {
    for (let a = 0; a < agents; a++) {
      const k = ks[r * agents + a];
      regrets[r * agents + a] = byForecast[r * (SLOTS + 1) + k] - byTruth[r * (SLOTS + 1) + k];
    }
  }
  return regrets[0];
});
console.log(`rankSlotsBatch + prefixSumsByRank (decision and its regret): ${fmt(regret.perSecond)} decisions/s`);

// 3. One problem at a time through the registry (validation + fast backend + a fresh Uint8Array).
const singleRows = Math.min(rows, 256);
const perProblem = rate(singleRows, () => {
  let s = 0;
  for (let r = 0; r < singleRows; r++) {
    s += solve({ kind: "k-cheapest", costs: forecast.subarray(r * SLOTS, (r + 1) * SLOTS), k: ks[r * agents] }, { backend: "fast" })[0];
  }
  return s;
});
console.log(`solve(…, { backend: "fast" }), one problem per call: ${fmt(perProblem.perSecond)} decisions/s`);

// 4. The general ILP backend on `ilps` random 12-slot instances.
const problems = Array.from({ length: ilps }, () => ({
  kind: "k-cheapest" as const,
  costs: Float64Array.from({ length: SLOTS }, () => 50 + 30 * rng.next()),
  k: rng.int(SLOTS + 1),
}));
for (const p of problems.slice(0, 50)) solve(p, { backend: "javascript-lp-solver" }); // warm-up
const started = performance.now();
let chosen = 0;
for (const p of problems) chosen += solve(p, { backend: "javascript-lp-solver" }).reduce((s, v) => s + v, 0);
const lpSeconds = (performance.now() - started) / 1000;
console.log(`solve(…, { backend: "javascript-lp-solver" }): ${fmt(ilps / lpSeconds)} decisions/s (${ilps} ILPs in ${lpSeconds.toFixed(2)} s)`);
console.log(`speed-up of selectCheapestBatch over the ILP backend: ${fmt(batch.perSecond / (ilps / lpSeconds))}×`);
// Keeps the loops' results alive (and shows they did work).
console.log(`checksums: ${batch.checksum + regret.checksum + perProblem.checksum + chosen}`);
