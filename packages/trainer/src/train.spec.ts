import * as tf from "@equitable/core/tf";
import { beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { createLstm, createMlp, selectBackend } from "@equitable/model";
import { evaluatePublicModel } from "./evaluate.js";
import { trainToEnd } from "./train.js";
import type { TrainingObjective } from "@equitable/core";
import { world } from "./spec-fixtures.js";

const options = { epochs: 4, batchSize: 64, learningRate: 0.02, lrStepEpochs: 2, lrGamma: 0.5, clipNorm: 5 };
const equitable: TrainingObjective = { method: "equitable", q: 2, beta: 0, form: "norm" };

describe("trainPublicModel", () => {
  beforeAll(async () => {
    await selectBackend("wasm");
  });

  it("keeps tf.memory().numTensors flat across epochs and lowers the loss", async () => {
    const w = world("leak");
    const model = createLstm({ window: 12, horizon: 1, hidden: 8, rng: createRandom(1) });
    const before = tf.memory().numTensors;
    const epochs = await trainToEnd({ model, ...w, objective: equitable, options, rng: createRandom(2) });
    expect(epochs).toHaveLength(4);
    expect(new Set(epochs.map((e) => e.numTensors)).size).toBe(1);
    expect(epochs[3].loss).toBeLessThan(epochs[0].loss);
    expect(epochs.map((e) => e.learningRate)).toEqual([0.02, 0.02, 0.01, 0.01]);
    model.dispose();
    w.population.dispose();
    expect(tf.memory().numTensors).toBe(before - model.variables.length);
  });

  it("is deterministic: the same seeds give the same weights, another shuffle seed does not", async () => {
    const weights = async (shuffleSeed: number) => {
      const w = world("det");
      const model = createMlp({ window: 12, horizon: 1, hidden: 8, rng: createRandom(3) });
      await trainToEnd({ model, ...w, objective: equitable, options: { ...options, epochs: 2 }, rng: createRandom(shuffleSeed) });
      const values = model.variables.map((v) => Array.from(v.dataSync()));
      model.dispose();
      w.population.dispose();
      return values;
    };
    const a = await weights(5);
    expect(await weights(5)).toEqual(a);
    expect(await weights(6)).not.toEqual(a);
  });

  it("Equitable PM lowers the regret Plain PM leaves on the worst-off agent", async () => {
    const run = async (objective: TrainingObjective) => {
      const w = world("compare");
      const model = createMlp({ window: 12, horizon: 1, hidden: 16, rng: createRandom(4) });
      await trainToEnd({ model, ...w, objective, options: { ...options, epochs: 15, learningRate: 0.01 }, rng: createRandom(7) });
      const ev = await evaluatePublicModel(model, w.series, w.test, w.population);
      model.dispose();
      w.population.dispose();
      return ev;
    };
    const plain = await run({ method: "plain" });
    const fair = await run({ method: "equitable", q: 9, beta: 0, form: "norm" });
    expect(fair.worst).toBeLessThan(plain.worst);
  });

  it("refuses the chain-rule route for agents that are not differentiable", async () => {
    const w = world("nd");
    const model = createMlp({ window: 12, horizon: 1, hidden: 4, rng: createRandom(1) });
    const blackBox = { kind: "blackbox", ids: ["a"], xiWidth: 1, differentiable: false, regrets: () => new Float64Array(0) };
    await expect(trainToEnd({ model, ...w, population: blackBox, objective: equitable, options, rng: createRandom(1) })).rejects.toThrow(/not differentiable/);
    model.dispose();
    w.population.dispose();
  });
});

describe("evaluatePublicModel", () => {
  it("gives each agent's mean regret per time step, as the agents compute it", async () => {
    await selectBackend("wasm");
    const w = world("eval");
    const model = createMlp({ window: 12, horizon: 1, hidden: 4, rng: createRandom(9) });
    const ev = await evaluatePublicModel(model, w.series, w.test, w.population, { batchSize: 17 });
    const n = w.test.length;
    const x = w.series.x.subarray(w.test[0] * 12, (w.test[0] + n) * 12);
    const f = model.predict(x, n);
    const r = w.population.regrets(f, w.series.y.subarray(w.test[0], w.test[0] + n), w.series.xi.subarray(w.test[0] * 4, (w.test[0] + n) * 4), n);
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += r[i * 4 + j];
      expect(ev.agentMeanRegrets[j]).toBeCloseTo(s / n, 9);
    }
    let se = 0;
    for (let i = 0; i < n; i++) se += (f[i] - w.series.y[w.test[0] + i]) ** 2;
    expect(ev.mse).toBeCloseTo(se / n, 9);
    model.dispose();
    w.population.dispose();
  });

  it("mean-forecast protocol (the authors'): every tick decided on the mean forecast, paid under the mean truth", async () => {
    await selectBackend("wasm");
    const w = world("eval-mean");
    const model = createMlp({ window: 12, horizon: 1, hidden: 4, rng: createRandom(9) });
    const perTick = await evaluatePublicModel(model, w.series, w.test, w.population);
    const ev = await evaluatePublicModel(model, w.series, w.test, w.population, { protocol: "mean-forecast", batchSize: 50 });
    const n = w.test.length;
    const s = w.test[0];
    const f = model.predict(w.series.x.subarray(s * 12, (s + n) * 12), n);
    const meanF = f.reduce((a, v) => a + v, 0) / n;
    const meanY = w.series.y.subarray(s, s + n).reduce((a, v) => a + v, 0) / n;
    const r = w.population.regrets(new Float32Array(n).fill(meanF), new Float32Array(n).fill(meanY), w.series.xi.subarray(s * 4, (s + n) * 4), n);
    for (let j = 0; j < 4; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += r[i * 4 + j];
      expect(ev.agentMeanRegrets[j]).toBeCloseTo(sum / n, 5);
    }
    expect(ev.mse).toBe(perTick.mse);
    expect(ev.mean).not.toBeCloseTo(perTick.mean, 6);
    model.dispose();
    w.population.dispose();
  });
});
