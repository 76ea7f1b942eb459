/**
 * Benchmark (not a test): ms per training step and s per epoch of Equitable PM on the paper's
 * data-centre "similar agents, different λ" setting (LSTM(50), batch 128, q+1 = 1.5, 10 epochs),
 * the configuration in which the authors' PyTorch code takes 22.7 s on a 2-core machine.
 * Usage: pnpm bench [--data-dir ../shared/data] [--backend wasm] [--epochs 10]
 */
import { existsSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { createRandom } from "@equitable/core";
import { createModel, selectBackend, type BackendName } from "@equitable/model";
import { buildWorld, loadScenario } from "@equitable/scenario";
import { trainToEnd } from "@equitable/trainer";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: resolve(root, "../shared/data") },
    backend: { type: "string", default: "auto" },
    epochs: { type: "string", default: "10" },
  },
});
const PYTORCH_SECONDS_10_EPOCHS = 22.7;

const backend = await selectBackend(values.backend as BackendName);
const dataDir = values["data-dir"]!;
const real = existsSync(resolve(dataDir, "carbon/eia-fuelmix-CISO-2022.csv"));
const scenario = await loadScenario(resolve(root, "scenarios/datacenter-similar-agents-different-lambda.json"));
const world = real
  ? buildWorld(scenario, { dataDir })
  : buildWorld({ ...scenario, data: { source: "synthetic", hours: 8760 } });
const epochs = Number(values.epochs);
const model = createModel({ kind: "lstm", window: 12, horizon: 1, hidden: 50 }, createRandom(1).fork("init"));
const started = performance.now();
const events = await trainToEnd({
  model,
  series: world.series,
  rows: world.train,
  population: world.population,
  objective: { method: "equitable", q: 0.5, beta: 0, form: "norm" },
  options: { ...scenario.training, epochs },
  rng: createRandom(1).fork("shuffle"),
});
const total = (performance.now() - started) / 1000;
const steps = Math.ceil(world.train.length / scenario.training.batchSize);
// The first epoch includes kernel warm-up; report steady state from the rest.
const steady = events.slice(1);
const perEpoch = steady.reduce((s, e) => s + e.seconds, 0) / Math.max(1, steady.length);
const per10 = total * (10 / epochs);
console.log(`backend ${backend}, data ${real ? "real (CISO 2022 + Azure 2019)" : "synthetic (no --data-dir)"}, ${world.train.length} train rows, ${steps} steps/epoch, ${world.series.agents} agents`);
console.log(`ms per training step (batch ${scenario.training.batchSize}, steady state): ${((perEpoch * 1000) / steps).toFixed(1)}`);
console.log(`s per epoch (steady state): ${perEpoch.toFixed(3)}`);
console.log(`${epochs} epochs: ${total.toFixed(2)} s (≈ ${per10.toFixed(2)} s per 10 epochs; authors' PyTorch: ${PYTORCH_SECONDS_10_EPOCHS} s → ${(PYTORCH_SECONDS_10_EPOCHS / per10).toFixed(2)}× , goal ≥ 2×)`);
console.log(`tf.memory().numTensors per epoch: ${events.map((e) => e.numTensors).join(",")}`);
model.dispose();
world.dispose();
