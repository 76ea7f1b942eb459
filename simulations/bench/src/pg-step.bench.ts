/**
 * Benchmark (not a test): ms per policy-gradient training step for 70 EV agents × batch 128
 * (S = 8 sampled forecasts per row, REINFORCE with a leave-one-out baseline), for the MLP, a
 * small Transformer and the paper's Transformer (d = 250, 10 heads), plus the step's part that
 * is not the network: sampling, 70 × 128 × 8 ILP decisions and their regrets, score weights.
 * Usage: pnpm --filter @equitable/bench bench:pg [--data-dir ../shared/data] [--steps 20]
 */
import "@equitable/preset";
import { existsSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createRandom } from "@equitable/core";
import { createModel, selectBackend, type ModelSpec } from "@equitable/model";
import { buildWorld, loadScenario, parseScenario } from "@equitable/scenario";
import { trainToEnd, scoreWeights } from "@equitable/trainer";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: resolve(root, "../shared/data") },
    steps: { type: "string", default: "20" },
  },
});
const backend = await selectBackend("auto");
const dataDir = values["data-dir"]!;
const real = existsSync(resolve(dataDir, "ev/acn-caltech-sessions-2018-2021.csv"));
const loaded = await loadScenario(resolve(root, "scenarios/ev-different-agents.json"));
const scenario = real
  ? loaded
  : parseScenario({ ...loaded, data: { source: "synthetic", hours: 8760 }, signal: { ...loaded.signal, water: 0 } }, "bench");
const world = buildWorld(scenario, { dataDir: real ? dataDir : undefined });
const batch = 128;
const steps = Number(values.steps);
const rows = world.train.subarray(0, batch * steps);
const pg = { ...scenario.training.policyGradient, samples: 8, estimator: "reinforce-baseline" as const, baseline: "leave-one-out" as const };
console.log(`backend ${backend}, data ${real ? "real (ACN + CISO 2022)" : "synthetic"}, ${world.series.agents} EV agents, batch ${batch}, S = ${pg.samples}, ${steps} steps per model`);

const specs: [string, ModelSpec][] = [
  ["mlp (hidden 64)", { kind: "mlp", window: 12, horizon: 12, hidden: 64 }],
  ["transformer d=64, 4 heads", { kind: "transformer", window: 12, horizon: 12, dModel: 64, heads: 4, ffHidden: 64 }],
  ["transformer d=250, 10 heads (paper)", { kind: "transformer", window: 12, horizon: 12, dModel: 250, heads: 10, ffHidden: 250 }],
];
for (const [name, spec] of specs) {
  const model = createModel(spec, createRandom(1).fork("init"));
  const events = await trainToEnd({
    model, series: world.series, rows, population: world.population,
    objective: { method: "equitable", q: 2, beta: 0, form: "norm" },
    options: { epochs: 2, batchSize: batch, learningRate: 1e-3, lrStepEpochs: 50, lrGamma: 0.5, clipNorm: 5 },
    policyGradient: pg, rng: createRandom(2),
  });
  // Epoch 0 includes kernel warm-up; epoch 1 is steady state.
  console.log(`${name}: ${((events[1].seconds * 1000) / steps).toFixed(1)} ms per policy-gradient step (goal < 50 ms)`);
  model.dispose();
}

// The agents' side of a step alone: S×B sampled forecasts → 70 agents' decisions and regrets → weights.
const m = world.series.agents;
const b = world.series.xiWidth;
const s = pg.samples;
const rng = createRandom(3);
const forecast = new Float32Array(s * batch * 12).map(() => 10 + 5 * rng.normal());
const truth = new Float32Array(s * batch * 12).map(() => 10 + 5 * rng.normal());
const xi = new Float32Array(s * batch * m * b);
for (let r = 0; r < s * batch; r++) xi.set(world.series.xi.subarray((r % batch) * m * b, ((r % batch) + 1) * m * b), r * m * b);
const weights = new Float64Array(m).fill(1 / m);
const reps = 200;
const started = performance.now();
for (let k = 0; k < reps; k++) {
  const regrets = world.population.regrets(forecast, truth, xi, s * batch);
  scoreWeights({ estimator: "reinforce-baseline", regrets, samples: s, rows: batch, agents: m, agentWeights: weights });
}
const ms = (performance.now() - started) / reps;
console.log(`agents' side of one step (${s * batch * m} decisions + regrets + weights): ${ms.toFixed(2)} ms → ${((s * batch * m) / ms / 1000).toFixed(1)} M decisions/s`);
world.dispose();
