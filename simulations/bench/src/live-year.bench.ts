/**
 * Benchmark (not a test): a year of hourly ticks through `equitable simulate`'s deployment loop —
 * clock, forecast stream, agents, daily hindsight regrets — with 50 stateless agents (Eq. 12 data
 * centres, synthetic data) and no retraining. Issue target: under 30 s on a 2-core machine.
 * Usage: pnpm --filter @equitable/bench bench:live [--agents 50] [--hours 8784]
 */
import "@equitable/preset";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import * as tf from "@equitable/core/tf";
import { createRandom } from "@equitable/core";
import { createModel, selectBackend } from "@equitable/model";
import { buildWorld, modelSpecOf, parseScenario } from "@equitable/scenario";
import { simulateDeployment } from "@equitable/experiment";

const { values: args } = parseArgs({ options: { agents: { type: "string", default: "50" }, hours: { type: "string", default: "8784" } } });
const agents = Number(args.agents);
const hours = Number(args.hours);
const backend = await selectBackend("auto");
const scenario = parseScenario({
  name: "live-year-bench", seed: 1, data: { source: "synthetic", hours: hours + 24 }, window: 12, horizon: 1, trainFraction: 0.01,
  agents: [{ type: "datacenter", count: agents, lambda: "different", demand: "different", perturbed: 20 }],
  model: { kind: "lstm", hidden: 50 }, training: { epochs: 1, batchSize: 128 }, q: [0],
}, "bench");
const built = performance.now();
const world = buildWorld(scenario, { seed: 1 });
const model = createModel(modelSpecOf(scenario), createRandom(1));
const rows = world.test;
const before = tf.memory().numTensors;
const result = await simulateDeployment({ scenario, world, rows, model, label: "plain", objective: { method: "plain" }, seed: 1 });
const after = tf.memory().numTensors;
console.log(`live simulation, ${agents} stateless data centres, LSTM(50), backend ${backend}, ${availableParallelism()} cores`);
console.log(`  ${rows.length} hourly ticks (${(rows.length / 24).toFixed(0)} days) in ${result.wallSeconds.toFixed(2)} s (world built in ${((performance.now() - built) / 1000 - result.wallSeconds).toFixed(2)} s): ${((result.wallSeconds * 1e6) / rows.length).toFixed(0)} µs per tick; target < 30 s for a year`);
console.log(`  numTensors before ${before}, after ${after}`);
model.dispose();
world.dispose();
