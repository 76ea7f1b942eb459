/**
 * Benchmark (not a test): 52 weekly rounds of the EV closed loop — 50 chargers (ACN Caltech
 * sessions, Eq. 13 in a receding horizon) on CISO 2022 carbon, their charging moving the signal
 * along the merit order fitted from the fuel mix; each round the deployed MLP(64) forecasts hour by
 * hour from the realised past, the fleet acts, the week is priced on the realised signal, and the
 * model is retrained on the week's realised rows (2 epochs) and redeployed. Issue target: under
 * 5 minutes on a 2-core machine. Without ../shared/data the same loop runs on synthetic sessions.
 * Usage: pnpm --filter @equitable/bench bench:loop [--agents 50] [--rounds 52] [--method plain|equitable]
 */
import "@equitable/preset";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as tf from "@equitable/core/tf";
import { createRandom } from "@equitable/core";
import { createModel, selectBackend } from "@equitable/model";
import { buildResponse, buildWorld, modelSpecOf, parseScenario } from "@equitable/scenario";
import { hourlySignal } from "@equitable/simulator";
import { planJobs, simulateClosedLoop } from "@equitable/experiment";
import { sharedDir } from "./shared-dir.js";

const { values: args } = parseArgs({ options: { agents: { type: "string", default: "50" }, rounds: { type: "string", default: "52" }, method: { type: "string", default: "plain" } } });
const agents = Number(args.agents);
const rounds = Number(args.rounds);
const dataDir = join(sharedDir(join(dirname(fileURLToPath(import.meta.url)), "../../..")), "data");
const real = existsSync(join(dataDir, "carbon/eia-fuelmix-CISO-2022.csv"));
const backend = await selectBackend("auto");
const scenario = parseScenario({
  name: "closed-loop-year-bench", seed: 1,
  data: real ? { source: "real", carbon: "carbon/eia-fuelmix-CISO-2022.csv", ev: "ev/acn-caltech-sessions-2018-2021.csv" } : { source: "synthetic", hours: 8760 },
  window: 12, horizon: 12, trainFraction: 0.01,
  agents: [{ type: "ev", count: agents, demand: "similar", rate: "session" }],
  model: { kind: "mlp", hidden: 64 },
  training: { epochs: 2, batchSize: 128, learningRate: 0.001, policyGradient: { samples: 4 } },
  methods: [args.method], q: [2],
  feedback: real ? { model: "merit-order", loadScale: 100 } : { model: "merit-order", slope: 0.01 },
}, "bench");
const started = performance.now();
const world = buildWorld(scenario, { seed: 1, dataDir: real ? dataDir : undefined });
const response = buildResponse(scenario, hourlySignal(world.series), real ? dataDir : undefined);
const model = createModel(modelSpecOf(scenario), createRandom(1));
const objective = planJobs(scenario).find((j) => j.method === args.method)!.objective;
const built = (performance.now() - started) / 1000;
const before = tf.memory().numTensors;
const result = await simulateClosedLoop({
  scenario, world, rows: world.test, model, label: args.method!, objective, seed: 1, response,
  loop: { rounds, every: 168, epochs: 2 },
  onRound: (r) => process.stderr.write(`  round ${r.round}: signal ${r.signalMean.toFixed(3)} (history ${r.baselineMean.toFixed(3)}), model moved ${r.distance?.toFixed(3) ?? "–"}, herding ${r.herding.toFixed(3)}\n`),
});
const after = tf.memory().numTensors;
console.log(`closed loop, ${agents} EV chargers (${real ? "ACN sessions, CISO 2022, merit-order fitted" : "synthetic sessions and signal"}), MLP(64), ${args.method} retrains, backend ${backend}, ${availableParallelism()} cores`);
console.log(`  ${rounds} weekly rounds (${result.rounds.reduce((s, r) => s + r.to - r.from, 0)} hourly ticks, ${rounds - 1} retrains) in ${result.wallSeconds.toFixed(1)} s (world built in ${built.toFixed(1)} s); target < 300 s`);
console.log(`  numTensors before ${before}, after ${after}`);
model.dispose();
world.dispose();
