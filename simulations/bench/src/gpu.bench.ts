/**
 * Benchmark (not a test): what a GPU buys, in one run that needs nothing but this repository and
 * its node_modules (no network): the adapter, matMul throughput, and ms per training step for
 * the data-centre LSTM(50) setting (Equitable Objective, 10 agents, through the trainer), the
 * paper's Transformer (d = 250, 10 heads, window 12 → 12) on MSE (through the trainer) and on a
 * policy-gradient surrogate (S = 8 Gaussian samples, score-weighted log-density: the network part
 * of a PG step), at batch 128 and 1024; then the same networks in PyTorch when a python3 with torch
 * is found (CUDA when it has it), with the ratio — both timed here, in this run.
 * Usage: pnpm --filter @equitable/bench bench:gpu [--backend webgpu] [--steps 20] [--batches 128,1024]
 *        [--small] (tiny sizes: a smoke run on lavapipe or a CPU) [--no-torch]
 */
import "@equitable/preset";
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as tf from "@equitable/core/tf";
import { createRandom, type ContextSeries } from "@equitable/core";
import { createLstm, createTransformer, lastBackendChoice, selectBackend, type BackendName, type TrainableModel } from "@equitable/model";
import { DatacenterPopulation } from "@equitable/agents-datacenter";
import { trainToEnd } from "@equitable/trainer";
import { median } from "./median.js";

const { values } = parseArgs({
  options: {
    backend: { type: "string", default: "webgpu" },
    steps: { type: "string" },
    batches: { type: "string", default: "128,1024" },
    small: { type: "boolean", default: false },
    "no-torch": { type: "boolean", default: false },
  },
});
const small = values.small!;
const steps = Number(values.steps ?? (small ? 3 : 20));
const batches = values.batches!.split(",").map(Number);
const W = 12;
const H = 12;
const d = small ? 16 : 250;
const heads = small ? 2 : 10;
const hidden = small ? 8 : 50;
const S = 8;

const started = performance.now();
const backend = await selectBackend(values.backend as BackendName);
const choice = lastBackendChoice();
console.log(`backend ${backend}${choice?.adapter ? `, adapter ${choice.adapter}` : ""}; ${steps} steps timed after warm-up, medians${small ? "; --small sizes" : ""}`);

/** Median ms of `steps` calls after `warm` (each call ends with an awaited read: the work is done). */
async function timed(step: () => Promise<void>, warm = 2): Promise<number> {
  for (let i = 0; i < warm; i++) await step();
  const ms: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    await step();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const rows: { name: string; batch: number; ms: number }[] = [];

// 1. matMul throughput.
const n = small ? 256 : 4096;
const a = tf.randomNormal([n, n]);
const b = tf.randomNormal([n, n]);
const matMs = await timed(async () => {
  const s = tf.tidy(() => tf.sum(tf.matMul(a, b)));
  await s.data();
  s.dispose();
});
tf.dispose([a, b]);
const gflops = (2 * n ** 3) / matMs / 1e6;
console.log(`matMul ${n}×${n}: ${matMs.toFixed(2)} ms, ${gflops.toFixed(1)} GFLOP/s`);

/** A seeded series of `size` rows (window 12, horizon h) with `agents` ξ columns of demand. */
function series(size: number, horizon: number, agents: number): ContextSeries {
  const rng = createRandom(size * 31 + horizon);
  const x = Float32Array.from({ length: size * W }, () => 0.5 + rng.next());
  const y = Float32Array.from({ length: size * horizon }, () => 0.5 + rng.next());
  const xi = Float32Array.from({ length: size * agents }, () => 0.5 + rng.next());
  return { size, window: W, horizon, agents, xiWidth: 1, t: Int32Array.from({ length: size }, (_, i) => i), x, y, xi };
}

/** ms per step of the trainer itself: two epochs of `steps` batches, the second one timed. */
async function trainerStep(model: TrainableModel, horizon: number, batch: number, objective: { method: string } & Record<string, unknown>): Promise<number> {
  const population = new DatacenterPopulation({ lambdas: Array.from({ length: 10 }, (_, j) => 1 + 11 * j) });
  const s = series(batch * steps, horizon, 10);
  const epochs = await trainToEnd({
    model, series: s, rows: Int32Array.from({ length: s.size }, (_, i) => i), population, objective,
    options: { epochs: 2, batchSize: batch, learningRate: 1e-3, lrStepEpochs: 50, lrGamma: 0.5, clipNorm: 5 }, rng: createRandom(3),
  });
  population.dispose();
  return (epochs[1].seconds * 1000) / steps;
}

for (const batch of batches) {
  // 2. The paper's Transformer on MSE, through the trainer (Plain PM).
  const t = createTransformer({ window: W, horizon: H, dModel: d, heads, ffHidden: d, rng: createRandom(1) });
  rows.push({ name: `transformer d=${d} mse`, batch, ms: await trainerStep(t, H, batch, { method: "plain" }) });
  report(rows.at(-1)!);

  // 3. Its policy-gradient surrogate: S samples around the mean, score-weighted log-density.
  const optimizer = tf.train.adam(1e-3);
  const x = tf.tensor2d(series(batch, H, 1).x, [batch, W]);
  const noise = tf.randomNormal([S, batch, H], 0, 0.3, "float32", 5);
  const scores = tf.div(tf.randomNormal([S, batch], 0, 1, "float32", 6), 70);
  const pgMs = await timed(async () => {
    // The samples are constants of the step (the trainer reads them ahead of its tape, too).
    const sampled = tf.tidy(() => tf.add(t.forward(x), noise));
    const loss = optimizer.minimize(() => tf.tidy(() => {
      const mean = t.forward(x);
      const logp = tf.sum(tf.div(tf.neg(tf.square(tf.sub(sampled, mean))), 2 * 0.3 ** 2), 2);
      return tf.sum(tf.mul(logp, scores)) as tf.Scalar;
    }), true, [...t.variables] as tf.Variable[]);
    await loss!.data();
    tf.dispose([loss!, sampled]);
  });
  rows.push({ name: `transformer d=${d} pg S=${S}`, batch, ms: pgMs });
  report(rows.at(-1)!);
  optimizer.dispose();
  tf.dispose([x, noise, scores]);
  t.dispose();

  // 4. The data-centre setting: LSTM, Equitable Objective (norm, q + 1 = 3) over 10 agents, through the trainer.
  const l = createLstm({ window: W, horizon: 1, hidden, rng: createRandom(2) });
  rows.push({ name: `lstm(${hidden}) datacentre equitable`, batch, ms: await trainerStep(l, 1, batch, { method: "equitable", q: 2, beta: 0, form: "norm" }) });
  report(rows.at(-1)!);
  l.dispose();
}
console.log(`tf.memory().numTensors at the end: ${tf.memory().numTensors}`);

function report(r: { name: string; batch: number; ms: number }): void {
  console.log(`${r.name}, batch ${r.batch}: ${r.ms.toFixed(1)} ms/step`);
}

// 5. PyTorch, same shapes, same run.
const python = values["no-torch"] ? undefined : findTorch();
if (!python) {
  console.log("PyTorch: no python3 with torch found (set EQUITABLE_PYTHON to one); no ratio");
} else {
  const device = spawnSync(python, ["-c", "import torch; print('cuda' if torch.cuda.is_available() else 'cpu')"], { encoding: "utf8" }).stdout.trim();
  const script = resolve(dirname(fileURLToPath(import.meta.url)), "gpu_bench_torch.py");
  const run = spawnSync(python, [script, device, String(steps), ...batches.map(String), ...(small ? ["--small"] : [])], { encoding: "utf8", timeout: 240_000 });
  if (run.status !== 0) {
    console.log(`PyTorch run failed: ${(run.stderr || run.error?.message || "").trim().split("\n").at(-1)}`);
  } else {
    const torch = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { name: string; batch?: number; ms?: number; gflops?: number; n?: number });
    const mm = torch.find((r) => r.name === "matmul");
    console.log(`\nPyTorch ${device} (${python}): matMul ${mm?.n}: ${mm?.gflops?.toFixed(1)} GFLOP/s`);
    console.log("\n| step | batch | ours (ms) | PyTorch (ms) | ours / PyTorch |\n|---|---|---|---|---|");
    for (const r of rows) {
      const peer = torch.find((p) => p.name === r.name && p.batch === r.batch);
      console.log(`| ${r.name} | ${r.batch} | ${r.ms.toFixed(1)} | ${peer?.ms?.toFixed(2) ?? "—"} | ${peer?.ms ? (r.ms / peer.ms).toFixed(1) + "×" : "—"} |`);
    }
  }
}
console.log(`\nbench:gpu took ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(0);

/** A python3 that imports torch: EQUITABLE_PYTHON, else python3 on PATH, else the system's. */
function findTorch(): string | undefined {
  for (const candidate of [process.env.EQUITABLE_PYTHON, "python3", "/usr/bin/python3"]) {
    if (!candidate) continue;
    const r = spawnSync(candidate, ["-c", "import torch"], { encoding: "utf8" });
    if (r.status === 0) return candidate;
  }
  return undefined;
}
