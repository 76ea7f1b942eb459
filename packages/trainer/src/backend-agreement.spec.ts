// The backend-agreement suite: every model kind's forward and gradient, the fused ops, and short
// training runs (chain rule and policy gradient) on every backend available here, against cpu.
// Tolerance: largest |x − x_cpu| / max(|x_cpu|, floor), per case below; float32 everywhere, so the
// differences are rounding (GPU transcendentals, summation order), amplified by training steps.
// webgpu runs where an adapter exists (CI: Mesa's lavapipe); elsewhere its tests are skipped,
// saying why. Reads are asynchronous throughout, as on webgpu they must be.
import * as tf from "@equitable/core/tf";
import { describe, expect, it } from "vitest";
import { createRandom, type TrainableModel, type TrainingObjective } from "@equitable/core";
import { createLstm, createMlp, createTransformer, lastBackendChoice, selectBackend } from "@equitable/model";
import { DatacenterPopulation } from "@equitable/agents-datacenter";
import { equitableLossOfMeans } from "./losses.js";
import { trainToEnd } from "./train.js";
import { evaluatePublicModel } from "./evaluate.js";
import { world } from "./spec-fixtures.js";

/** Why each backend besides cpu cannot run here (undefined: it can). */
const unavailable = new Map<string, string | undefined>();
for (const name of ["wasm", "webgpu"] as const) {
  try {
    await selectBackend(name);
    unavailable.set(name, undefined);
  } catch (e) {
    unavailable.set(name, e instanceof Error ? e.message : String(e));
    console.warn(`backend-agreement: skipping ${name}: ${unavailable.get(name)}`);
  }
}
const adapter = unavailable.get("webgpu") === undefined ? await webgpuAdapter() : undefined;
await selectBackend("cpu");

async function webgpuAdapter(): Promise<string | undefined> {
  await selectBackend("webgpu");
  const a = lastBackendChoice()?.adapter;
  await selectBackend("cpu");
  return a;
}

/** Uniform floats in [lo, hi), seeded. */
function uniform(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rng = createRandom(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * rng.next());
}

/** Reads tensors asynchronously (disposing them), as webgpu requires. */
async function readAll(tensors: tf.Tensor[]): Promise<Float32Array[]> {
  const out = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
  tf.dispose(tensors);
  return out;
}

/** Largest |a − b| / max(|b|, floor) over arrays of arrays. */
function maxRelError(actual: Float32Array[], expected: Float32Array[], floor: number): number {
  expect(actual.map((a) => a.length)).toEqual(expected.map((e) => e.length));
  let worst = 0;
  expected.forEach((e, k) => {
    for (let i = 0; i < e.length; i++) {
      const err = Math.abs(actual[k][i] - e[i]) / Math.max(Math.abs(e[i]), floor);
      if (!(err <= worst)) worst = err; // NaN fails
    }
  });
  return worst;
}

/** A model's forecast and the gradient of a squared loss in every parameter and the input. */
async function forwardAndGradient(make: () => TrainableModel): Promise<Float32Array[]> {
  const model = make();
  const b = 16;
  const x = tf.tensor2d(uniform(b * model.window, 3, 0, 2), [b, model.window]);
  const y = tf.tidy(() => model.forward(x));
  const { grads, value } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(model.forward(x), 0.5))) as tf.Scalar, [...model.variables] as tf.Variable[]);
  const dx = tf.grad((xs: tf.Tensor) => tf.sum(tf.mul(model.forward(xs as tf.Tensor2D), tf.range(0, model.horizon))))(x);
  const out = await readAll([y, value, dx, ...model.variables.map((v) => grads[v.name])]);
  x.dispose();
  model.dispose();
  return out;
}

const window = 12;
const cases: { name: string; floor: number; tolerance: number; run: () => Promise<Float32Array[]> }[] = [
  { name: "lstm forward and gradient (kernel on cpu/wasm, ops on webgpu)", floor: 1e-3, tolerance: 5e-4, run: () => forwardAndGradient(() => createLstm({ window, horizon: 2, hidden: 8, rng: createRandom(1) })) },
  { name: "lstm (tfjs ops) forward and gradient", floor: 1e-3, tolerance: 5e-4, run: () => forwardAndGradient(() => createLstm({ window, horizon: 2, hidden: 8, rng: createRandom(1), implementation: "ops" })) },
  { name: "mlp forward and gradient", floor: 1e-3, tolerance: 5e-4, run: () => forwardAndGradient(() => createMlp({ window, horizon: 2, hidden: 8, rng: createRandom(2) })) },
  { name: "transformer forward and gradient", floor: 1e-3, tolerance: 5e-4, run: () => forwardAndGradient(() => createTransformer({ window, horizon: 2, dModel: 8, heads: 2, ffHidden: 8, rng: createRandom(3) })) },
  {
    name: "Equitable Objective (fused on host backends) value and gradient, power and norm forms",
    floor: 1e-3,
    tolerance: 1e-4,
    run: async () => {
      const means = tf.tensor1d(uniform(7, 4, 0.1, 2));
      const parts: tf.Tensor[] = [];
      for (const [p, form] of [[3, "power"], [10, "norm"], [1, "norm"]] as const) {
        const { value, grad } = tf.valueAndGrad((c: tf.Tensor) => equitableLossOfMeans(c as tf.Tensor1D, p, form))(means);
        parts.push(value, grad);
      }
      means.dispose();
      return readAll(parts);
    },
  },
  {
    name: "data-centre regrets (fused on host backends) value and gradient",
    floor: 1e-3,
    tolerance: 1e-4,
    run: async () => {
      const population = new DatacenterPopulation({ lambdas: [2, 10, 50] });
      const b = 9;
      // Forecasts straddle the floor, so the floored branch is covered too.
      const forecast = tf.tensor2d(uniform(b * 2, 5, -0.5, 3), [b, 2]);
      const truth = tf.tensor2d(uniform(b * 2, 6, 0, 3), [b, 2]);
      const demand = tf.tensor2d(uniform(b * 3, 7, 0, 4), [b, 3]);
      const regrets = population.regretsTensor(forecast, truth, demand);
      const weights = tf.tensor2d(uniform(b * 3, 8, 0, 1), [b, 3]);
      const grad = tf.grad((f: tf.Tensor) => tf.sum(tf.mul(population.regretsTensor(f as tf.Tensor2D, truth, demand), weights)))(forecast);
      const out = await readAll([regrets, grad]);
      tf.dispose([forecast, truth, demand, weights]);
      population.dispose();
      return out;
    },
  },
  {
    name: "2 epochs of Equitable PM training (LSTM, data centres) and its test evaluation, tensors flat",
    // 10 Adam steps: rounding differences grow with each step (measured: under 1e-4).
    floor: 1e-2,
    tolerance: 1e-3,
    run: async () => {
      const w = world("agreement");
      const model = createLstm({ window, horizon: 1, hidden: 8, rng: createRandom(11) });
      const objective: TrainingObjective = { method: "equitable", q: 2, beta: 0, form: "norm" } as TrainingObjective;
      const epochs = await trainToEnd({ model, ...w, objective, options: { epochs: 2, batchSize: 64, learningRate: 0.02, lrStepEpochs: 50, lrGamma: 0.5, clipNorm: 0.05 }, rng: createRandom(12) });
      expect(epochs[1].numTensors).toBe(epochs[0].numTensors);
      const evaluation = await evaluatePublicModel(model, w.series, w.test, w.population);
      const params = await Promise.all(model.variables.map((v) => v.data() as Promise<Float32Array>));
      model.dispose();
      w.population.dispose();
      return [Float32Array.from(epochs.map((e) => e.loss)), Float32Array.from(evaluation.agentMeanRegrets), ...params];
    },
  },
  {
    // 16 parameters: more than WebGPU's 8 storage buffers per stage, should a kernel bind them all.
    name: "1 epoch of Plain PM training (Transformer, 16 parameters, clipped), tensors flat",
    floor: 1e-2,
    tolerance: 1e-3,
    run: async () => {
      const w = world("agreement-transformer");
      const model = createTransformer({ window, horizon: 1, dModel: 8, heads: 2, ffHidden: 8, rng: createRandom(15) });
      const epochs = await trainToEnd({ model, ...w, rows: w.rows.subarray(0, 128), objective: { method: "plain" }, options: { epochs: 2, batchSize: 64, learningRate: 0.01, lrStepEpochs: 50, lrGamma: 0.5, clipNorm: 0.05 }, rng: createRandom(16) });
      expect(epochs[1].numTensors).toBe(epochs[0].numTensors);
      const params = await Promise.all(model.variables.map((v) => v.data() as Promise<Float32Array>));
      model.dispose();
      w.population.dispose();
      return [Float32Array.from(epochs.map((e) => e.loss)), ...params];
    },
  },
  {
    name: "1 epoch of policy-gradient training (MLP, data centres as black boxes), tensors flat",
    floor: 1e-2,
    tolerance: 1e-3,
    run: async () => {
      const w = world("agreement-pg");
      const model = createMlp({ window, horizon: 1, hidden: 8, rng: createRandom(13) });
      const objective: TrainingObjective = { method: "equitable", q: 1, beta: 0, form: "norm" } as TrainingObjective;
      const before = tf.memory().numTensors;
      const epochs = await trainToEnd({
        model, ...w, objective, rng: createRandom(14),
        options: { epochs: 1, batchSize: 100, learningRate: 0.01, lrStepEpochs: 50, lrGamma: 0.5, clipNorm: 5 },
        policyGradient: { route: "policy-gradient", estimator: "reinforce-baseline", samples: 4, baseline: "leave-one-out", std: { kind: "fixed", value: 0.3 } },
      });
      expect(tf.memory().numTensors).toBe(before);
      const params = await Promise.all(model.variables.map((v) => v.data() as Promise<Float32Array>));
      model.dispose();
      w.population.dispose();
      return [Float32Array.from(epochs.map((e) => e.loss)), ...params];
    },
  },
];

describe("backend agreement with cpu", () => {
  for (const backend of ["wasm", "webgpu"] as const) {
    const reason = unavailable.get(backend);
    const label = reason === undefined ? backend : `${backend}: skipped, ${reason}`;
    describe.skipIf(reason !== undefined)(label, () => {
      it.each(cases)("$name", async ({ run, floor, tolerance }) => {
        await selectBackend("cpu");
        const expected = await run();
        await selectBackend(backend);
        const before = tf.memory().numTensors;
        const actual = await run();
        expect(tf.memory().numTensors).toBe(before);
        await selectBackend("cpu");
        expect(maxRelError(actual, expected, floor)).toBeLessThan(tolerance);
      });
    });
  }

  it("names the webgpu adapter, or why webgpu was skipped", () => {
    const reason = unavailable.get("webgpu");
    if (reason !== undefined) expect(reason).toMatch(/install|not installed|adapter/);
    else expect(adapter).toMatch(/\S/);
  });
});
