import * as tf from "@equitable/core/tf";
import { beforeAll, describe, expect, it } from "vitest";
import { MixedPopulation, createRandom, type AgentPopulation } from "@equitable/core";
import { DatacenterPopulation } from "@equitable/agents-datacenter";
import { createMlp, selectBackend } from "@equitable/model";
import { evaluatePublicModel } from "./evaluate.js";
import { trainToEnd } from "./train.js";
import type { TrainingObjective } from "@equitable/core";
import type { PolicyGradientOptions } from "./policy-gradient-options.js";
import { world } from "./spec-fixtures.js";

const options = { epochs: 6, batchSize: 64, learningRate: 0.02, lrStepEpochs: 10, lrGamma: 0.5, clipNorm: 5 };
const equitable: TrainingObjective = { method: "equitable", q: 2, beta: 0, form: "norm" };
const pg: PolicyGradientOptions = { route: "auto", estimator: "reinforce-baseline", samples: 4, baseline: "leave-one-out", std: { kind: "fixed", value: 0.3 } };

/** The same Eq. 12 agents with their tfjs route hidden: the trainer must treat them as black boxes. */
function blackBox(p: DatacenterPopulation, prefix = "bb"): AgentPopulation {
  return {
    kind: "blackbox",
    ids: p.ids.map((id) => `${prefix}-${id}`),
    xiWidth: 1,
    differentiable: false,
    regrets: (f, y, xi, b) => p.regrets(f, y, xi, b),
  };
}

describe("the policy-gradient route", () => {
  beforeAll(async () => {
    await selectBackend("wasm");
  });

  it("lowers black-box agents' regrets, keeps numTensors flat, and is deterministic from the seeds", async () => {
    const run = async (seed: number) => {
      const w = world("pg");
      const model = createMlp({ window: 12, horizon: 1, hidden: 8, rng: createRandom(5) });
      const population = blackBox(w.population);
      const before = await evaluatePublicModel(model, w.series, w.rows, population);
      const epochs = await trainToEnd({ model, ...w, population, objective: equitable, options, policyGradient: pg, rng: createRandom(seed) });
      const after = await evaluatePublicModel(model, w.series, w.rows, population);
      const weights = model.variables.map((v) => Array.from(v.dataSync()));
      model.dispose();
      w.population.dispose();
      return { before, after, epochs, weights };
    };
    const a = await run(1);
    expect(a.after.mean).toBeLessThan(a.before.mean / 2);
    expect(a.epochs[a.epochs.length - 1].loss).toBeLessThan(a.epochs[0].loss);
    expect(new Set(a.epochs.map((e) => e.numTensors)).size).toBe(1);
    const b = await run(1);
    expect(b.weights).toEqual(a.weights);
    const c = await run(2);
    expect(c.weights).not.toEqual(a.weights);
  }, 60_000);

  it("trains chain-rule and policy-gradient kinds in the same batch (mixed population)", async () => {
    const w = world("mixed");
    // Two kinds over the same ξ columns' values: the differentiable agents read column 0..3, the black boxes 4..7.
    const dc = new DatacenterPopulation({ lambdas: [2, 10, 50, 100] });
    const mixed = new MixedPopulation([dc, blackBox(new DatacenterPopulation({ lambdas: [2, 10, 50, 100] }))]);
    const n = w.series.size;
    const xi = new Float32Array(n * 8);
    for (let i = 0; i < n; i++) for (let j = 0; j < 4; j++) xi[i * 8 + j] = xi[i * 8 + 4 + j] = w.series.xi[i * 4 + j];
    const series = { ...w.series, agents: 8, xi };
    const model = createMlp({ window: 12, horizon: 1, hidden: 8, rng: createRandom(5) });
    const before = await evaluatePublicModel(model, series, w.rows, mixed);
    const start = tf.memory().numTensors;
    const epochs = await trainToEnd({ model, series, rows: w.rows, population: mixed, objective: equitable, options, policyGradient: pg, rng: createRandom(3) });
    const after = await evaluatePublicModel(model, series, w.rows, mixed);
    expect(after.mean).toBeLessThan(before.mean / 2);
    // Same agents, same forecast: both halves must end with the same regrets.
    for (let j = 0; j < 4; j++) expect(after.agentMeanRegrets[j]).toBeCloseTo(after.agentMeanRegrets[4 + j], 9);
    expect(new Set(epochs.map((e) => e.numTensors)).size).toBe(1);
    expect(tf.memory().numTensors - start).toBeLessThanOrEqual(1); // only dc's kept sqrt(λ) tensor
    model.dispose();
    dc.dispose();
    w.population.dispose();
  }, 60_000);

  it("learns the Gaussian's log-std when asked, and refuses black boxes without policy-gradient options", async () => {
    const w = world("std");
    const model = createMlp({ window: 12, horizon: 1, hidden: 8, rng: createRandom(5) });
    const population = blackBox(w.population);
    const before = tf.memory().numTensors;
    await trainToEnd({
      model, ...w, population, objective: equitable, options: { ...options, epochs: 2 },
      policyGradient: { ...pg, std: { kind: "learned", init: 0.5 } }, rng: createRandom(1),
    });
    expect(tf.memory().numTensors).toBe(before); // the log-std variable is freed with the run
    await expect(trainToEnd({ model, ...w, population, objective: equitable, options, rng: createRandom(1) })).rejects.toThrow(
      /kind 'blackbox' are not differentiable/,
    );
    model.dispose();
    w.population.dispose();
  }, 60_000);

  it("routes differentiable agents through policy gradient when told to (route: policy-gradient)", async () => {
    const w = world("forced");
    const model = createMlp({ window: 12, horizon: 1, hidden: 8, rng: createRandom(5) });
    const before = await evaluatePublicModel(model, w.series, w.rows, w.population);
    await trainToEnd({ model, ...w, objective: equitable, options, policyGradient: { ...pg, route: "policy-gradient" }, rng: createRandom(1) });
    const after = await evaluatePublicModel(model, w.series, w.rows, w.population);
    expect(after.mean).toBeLessThan(before.mean);
    model.dispose();
    w.population.dispose();
  }, 60_000);
});
