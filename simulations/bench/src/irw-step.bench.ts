/**
 * Benchmark (not a test): ms per training step at batch 128 of IRW and IRWO (last-layer and
 * full-model per-sample gradients, local scheme) against an Equitable PM step, on the
 * procurement desks (10 agents) and the data-centre "different agents, different λ" setting
 * (50 agents), LSTM(50). Each method trains `--steps` steps per epoch for 2 epochs; the second
 * epoch is reported (the first includes kernel warm-up).
 * Usage: pnpm bench:irw [--data-dir ../shared/data] [--backend wasm] [--steps 8]
 */
import "@equitable/preset";
import { existsSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createRandom, type TrainingObjective } from "@equitable/core";
import { createModel, selectBackend, type BackendName } from "@equitable/model";
import { buildWorld, loadScenario } from "@equitable/scenario";
import { trainToEnd } from "@equitable/trainer";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: resolve(root, "../shared/data") },
    backend: { type: "string", default: "auto" },
    steps: { type: "string", default: "8" },
  },
});
const backend = await selectBackend(values.backend as BackendName);
const dataDir = values["data-dir"]!;
const real = existsSync(resolve(dataDir, "carbon/eia-fuelmix-CISO-2022.csv"));
const steps = Number(values.steps);
const batchSize = 128;

const methods: [string, TrainingObjective][] = [
  ["Equitable (q+1 = 3)", { method: "equitable", q: 2, beta: 0, form: "norm" }],
  ["IRW  last-layer", { method: "irw", alpha: 0.2, scheme: "local", gradients: "last-layer" }],
  ["IRWO last-layer", { method: "irwo", alpha: 0.2, scheme: "local", gradients: "last-layer" }],
  ["IRW  full model", { method: "irw", alpha: 0.2, scheme: "local", gradients: "full" }],
];

console.log(`backend ${backend}, data ${real ? "real" : "synthetic (no --data-dir)"}, batch ${batchSize}, ${steps} steps per epoch`);
for (const name of ["procurement-few-averse-desks", "datacenter-different-agents-different-lambda"]) {
  const scenario = await loadScenario(resolve(root, `scenarios/${name}.json`));
  const world = real ? buildWorld(scenario, { dataDir }) : buildWorld({ ...scenario, data: { source: "synthetic", hours: 8760 } });
  const rows = world.train.subarray(0, steps * batchSize);
  let baseline = Number.NaN;
  console.log(`\n${name}: ${world.series.agents} agents (${batchSize * world.series.agents} samples per batch)`);
  for (const [label, objective] of methods) {
    const model = createModel({ kind: "lstm", window: 12, horizon: 1, hidden: 50 }, createRandom(1).fork("init"));
    const events = await trainToEnd({
      model,
      series: world.series,
      rows,
      population: world.population,
      objective,
      options: { ...scenario.training, batchSize, epochs: 2 },
      rng: createRandom(1).fork("shuffle"),
      policyGradient: scenario.training.policyGradient,
    });
    const ms = (events[1].seconds * 1000) / steps;
    if (objective.method === "equitable") baseline = ms;
    console.log(`  ${label.padEnd(20)} ${ms.toFixed(1).padStart(8)} ms/step  (${(ms / baseline).toFixed(2)}× Equitable)  tensors ${events.map((e) => e.numTensors).join(",")}`);
    model.dispose();
  }
  world.dispose();
}
