/**
 * Benchmark (not a test): the whole `equitable run` of the data-centre "similar agents,
 * different λ" setting (one Equitable PM, q + 1 = 1.5, LSTM(50), batch 128, 10 epochs, no warm
 * start) against the authors' PyTorch code on the same setting (`<shared>/reference/authors-dc/run.sh`),
 * both timed in this run, back to back, `--repeat` times; then one training step split into parts.
 * No figure from another machine is used: the ratio is of two wall times measured here.
 * Usage: pnpm bench [--epochs 10] [--repeat 3] [--cli readme|npx|dist|tsx] [--backend auto] [--split-reps 20] [--ours-only]
 */
import "@equitable/preset";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as tf from "@equitable/core/tf";
import { createRandom } from "@equitable/core";
import { createModel, selectBackend, type BackendName } from "@equitable/model";
import { buildWorld, loadScenario } from "@equitable/scenario";
import { sharedDir } from "./shared-dir.js";
import { findReference, runReference, type ReferenceTiming } from "./reference-run.js";
import { CLI_STARTS, runOurs, type CliStart, type OurTiming } from "./our-command.js";
import { median } from "./median.js";
import { timedCommand } from "./timed-command.js";
import { stepSplit } from "./step-split.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const shared = sharedDir(root);
const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: resolve(shared, "data") },
    backend: { type: "string", default: "auto" },
    epochs: { type: "string", default: "10" },
    repeat: { type: "string", default: "3" },
    cli: { type: "string", default: "readme" },
    "split-reps": { type: "string", default: "20" },
    // Time only our command (e.g. `--cli tsx`, or EQUITABLE_LSTM=ops for the reference LSTM), no ratio.
    "ours-only": { type: "boolean", default: false },
  },
});
const epochs = Number(values.epochs);
const repeat = Number(values.repeat);
const cli = values.cli as CliStart;
if (!CLI_STARTS.includes(cli)) throw new Error(`--cli ${cli}: one of ${CLI_STARTS.join(", ")} (readme: the README's \`./equitable\`)`);
const dataDir = resolve(values["data-dir"]!);
const real = existsSync(resolve(dataDir, "carbon/eia-fuelmix-CISO-2022.csv"));
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const f = (x: number, d = 2) => (Number.isNaN(x) ? "n/a" : x.toFixed(d));

console.log(`load average at start: ${load()} (2 cores: above 2 every timing here is stretched)`);

// 1. Whole commands, ours and the reference's, back to back.
if (!real) {
  console.log(`whole-command comparison skipped: no real data in ${dataDir} (the scenario reads CISO 2022 and Azure 2019; give --data-dir)`);
} else {
  if (cli === "dist" && !existsSync(resolve(root, "packages/cli/dist/bin.js"))) {
    throw new Error("packages/cli/dist/bin.js is missing: run `pnpm build` first (the root `pnpm bench` does)");
  }
  if (cli === "readme" || cli === "npx") {
    // A stale or missing build would be rebuilt inside the first timed run: build it untimed first.
    const warm = await timedCommand(resolve(root, "equitable"), ["--help"], { cwd: root });
    if (warm.code !== 0) throw new Error(`./equitable --help failed (exit ${warm.code}): ${warm.stderr.trim().split("\n").slice(-3).join(" | ")}`);
    console.log(`./equitable --help (the README's command; built first if stale): ${f(warm.wall)} s`);
  }
  const reference = values["ours-only"] ? { missing: "--ours-only given" } : findReference(shared);
  if ("missing" in reference) console.log(`reference: skipped, ${reference.missing}; no ratio printed`);
  const ours: OurTiming[] = [];
  const ref10: ReferenceTiming[] = [];
  const ref1: ReferenceTiming[] = [];
  for (let r = 0; r < repeat; r++) {
    // Alternate who goes first so that a load change between them does not always favour one.
    const runRef = async () => {
      if ("missing" in reference) return;
      ref1.push(await runReference(reference.script, 1, dataDir));
      ref10.push(await runReference(reference.script, epochs, dataDir));
      const a = ref10.at(-1)!;
      console.log(`  rep ${r + 1} reference: run.sh ${epochs} → reference_seconds ${f(a.seconds)} (script ${f(a.wall)} s, cpu ${f(a.cpu)} s, peak RSS ${f(a.peakRssMiB, 0)} MiB); run.sh 1 → ${f(ref1.at(-1)!.seconds)} s  [load ${load()}]`);
    };
    const runMine = async () => {
      ours.push(await runOurs(root, epochs, dataDir, cli));
      const o = ours.at(-1)!;
      console.log(`  rep ${r + 1} ours: ${f(o.wall)} s wall (cpu ${f(o.cpu)} s, peak RSS ${f(o.peakRssMiB, 0)} MiB), training ${f(o.trainSeconds)} s  [load ${load()}]`);
    };
    if (r % 2 === 0) {
      await runMine();
      await runRef();
    } else {
      await runRef();
      await runMine();
    }
  }
  const o = ours[0];
  console.log(`ours: ${o.commandLine}`);
  const oWall = median(ours.map((t) => t.wall));
  const oTrain = median(ours.map((t) => t.trainSeconds));
  // Epoch 0 includes kernel warm-up; the steady per-epoch time is the median of the others.
  const oEpoch = median(ours.flatMap((t) => t.secondsPerEpoch.slice(1)));
  console.log(`ours, median of ${ours.length}: ${f(oWall)} s wall, cpu ${f(median(ours.map((t) => t.cpu)))} s, peak RSS ${f(median(ours.map((t) => t.peakRssMiB)), 0)} MiB; training ${f(oTrain)} s (${f(oEpoch, 3)} s per epoch after the first, first ${f(median(ours.map((t) => t.secondsPerEpoch[0])), 3)} s); start-up + data + evaluation ${f(oWall - oTrain)} s`);
  console.log(`ours, numTensors after each epoch (rep 1): ${o.tensorsPerEpoch.join(",")}; loss per epoch: ${o.lossPerEpoch.map((l) => l.toPrecision(4)).join(",")}`);
  if (ref10.length > 0) {
    const rSec = median(ref10.map((t) => t.seconds));
    // The reference prints no per-epoch times: (T(N) − T(1)) / (N − 1) from its two runs here.
    const rEpoch = median(ref10.map((t, k) => (t.seconds - ref1[k].seconds) / Math.max(1, epochs - 1)));
    console.log(`reference, median of ${ref10.length}: reference_seconds ${f(rSec)} (whole run.sh ${f(median(ref10.map((t) => t.wall)))} s, cpu ${f(median(ref10.map((t) => t.cpu)))} s incl. its data conversion, peak RSS ${f(median(ref10.map((t) => t.peakRssMiB)), 0)} MiB); ${f(rEpoch, 3)} s per epoch from (T(${epochs}) − T(1))/${epochs - 1}; start-up + data + evaluation ≈ ${f(median(ref1.map((t) => t.seconds)) - rEpoch)} s`);
    const ratios = ours.map((t, k) => t.wall / ref10[k].seconds);
    const cpuRatios = ours.map((t, k) => t.cpu / ref10[k].cpu);
    // Two summaries of the same runs: the median of each back-to-back pair's ratio, and the ratio of the medians.
    console.log(`RATIO ours / reference, whole command wall: per rep ${ratios.map((x) => f(x)).join(", ")} → median ${f(median(ratios))}×; ratio of medians ${f(oWall / rSec)}× (target ≤ 0.25×); cpu-time ratio ${f(median(cpuRatios))}×; per epoch ${f(oEpoch / rEpoch)}×`);
  }
}

// 2. One training step in parts, in this process.
const backend = await selectBackend(values.backend as BackendName);
const scenario = await loadScenario(resolve(root, "scenarios/datacenter-similar-agents-different-lambda.json"));
const world = real ? buildWorld(scenario, { dataDir }) : buildWorld({ ...scenario, data: { source: "synthetic", hours: 8760 } });
const model = createModel({ kind: "lstm", window: 12, horizon: 1, hidden: 50 }, createRandom(1).fork("init"));
const split = stepSplit(model, world, { method: "equitable", q: 0.5, beta: 0, form: "norm" }, {
  batchSize: scenario.training.batchSize, clipNorm: scenario.training.clipNorm, learningRate: 0.01, reps: Number(values["split-reps"]),
});
console.log(`one step (backend ${backend}, batch ${scenario.training.batchSize}×12, ${world.series.agents} agents, median of ${values["split-reps"]}): ${f(split.step, 1)} ms = model forward ${f(split.forward, 1)} + model backward ${f(split.backward, 1)} + agent costs (fwd+bwd) ${f(split.agents, 1)} + optimiser (clip + Adam) ${f(split.optimiser, 1)} ms`);
model.dispose();
world.dispose();
console.log(`numTensors before ${split.numTensorsBefore}, after ${split.numTensorsAfter} (the split bench's own variables included); peak RSS of this process ${f(process.resourceUsage().maxRSS / 1024, 0)} MiB; tf.memory().numTensors at exit ${tf.memory().numTensors}`);
console.log(`load average at end: ${load()}`);
