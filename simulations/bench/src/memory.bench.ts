/**
 * Benchmark check (not a test: it takes minutes): Equitable PM on the data-centre "similar
 * agents, different λ" setting for 50 epochs in one process; numTensors must stay constant and
 * the resident set size within 10 % of epoch 5's from epoch 5 on. Exits 1 when either fails.
 * Usage: pnpm --filter @equitable/bench bench:memory [--epochs 50] [--data-dir ../shared/data]
 */
import "@equitable/preset";
import { existsSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { lastValueFrom, tap } from "rxjs";
import { createRandom } from "@equitable/core";
import { createModel, selectBackend } from "@equitable/model";
import { buildWorld, loadScenario } from "@equitable/scenario";
import { trainPublicModel } from "@equitable/trainer";
import { sharedDir } from "./shared-dir.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: resolve(sharedDir(root), "data") },
    epochs: { type: "string", default: "50" },
  },
});
const epochs = Number(values.epochs);
const FROM = 5;
const backend = await selectBackend("auto");
const dataDir = values["data-dir"]!;
const real = existsSync(resolve(dataDir, "carbon/eia-fuelmix-CISO-2022.csv"));
const scenario = await loadScenario(resolve(root, "scenarios/datacenter-similar-agents-different-lambda.json"));
const world = real ? buildWorld(scenario, { dataDir }) : buildWorld({ ...scenario, data: { source: "synthetic", hours: 8760 } });
const model = createModel({ kind: "lstm", window: 12, horizon: 1, hidden: 50 }, createRandom(1).fork("init"));
const tensors: number[] = [];
const rssMiB: number[] = [];
const seconds: number[] = [];
await lastValueFrom(
  trainPublicModel({
    model, series: world.series, rows: world.train, population: world.population,
    objective: { method: "equitable", q: 0.5, beta: 0, form: "norm" },
    options: { ...scenario.training, learningRate: scenario.training.equitableLearningRate ?? scenario.training.learningRate, epochs },
    rng: createRandom(1).fork("shuffle"),
  }).pipe(tap((e) => {
    if (e.type !== "epoch") return;
    tensors.push(e.numTensors);
    rssMiB.push(process.memoryUsage().rss / 2 ** 20);
    seconds.push(e.seconds);
  })),
);
model.dispose();
world.dispose();
const base = rssMiB[Math.min(FROM, rssMiB.length - 1)];
const drift = Math.max(...rssMiB.slice(FROM).map((r) => Math.abs(r - base) / base));
const flat = tensors.every((n) => n === tensors[0]);
console.log(`backend ${backend}, data ${real ? "real" : "synthetic"}, ${epochs} epochs, ${seconds.reduce((a, b) => a + b, 0).toFixed(1)} s of training`);
console.log(`numTensors per epoch: ${tensors.join(",")} → ${flat ? "constant" : "NOT constant"}`);
console.log(`RSS MiB per epoch: ${rssMiB.map((r) => r.toFixed(0)).join(",")} → largest change from epoch ${FROM}: ${(100 * drift).toFixed(1)} % (limit 10 %)`);
const ok = flat && drift <= 0.1;
console.log(ok ? "memory check: PASS" : "memory check: FAIL");
process.exitCode = ok ? 0 : 1;
